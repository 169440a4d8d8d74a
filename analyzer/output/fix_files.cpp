// Safe fixes applied to files (`--fix`) or shown as a unified diff (`--diff`).
#include "analyzer/output/fix_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <tuple>

#include "analyzer/engine/analyze_parsed.h"
#include "analyzer/engine/fixes.h"
#include "analyzer/engine/rule.h"
#include "analyzer/source/source_file.h"

namespace berth {

namespace {

namespace fs = std::filesystem;

using EditKey = std::tuple<uint32_t, uint32_t, std::string>;

// How the scan classified the file: explicit names that are not recognised are Dockerfiles
// (discovery), and stdin without a telling name is sniffed (scan).
FileKind kind_of(const std::string& path, std::string_view text, bool from_stdin) {
  const FileKind kind = classify_file_name(path);
  if (kind != FileKind::Other) return kind;
  if (from_stdin && (text.find("apiVersion:") != std::string_view::npos ||
                     text.find("\"apiVersion\"") != std::string_view::npos)) {
    return FileKind::Yaml;
  }
  return FileKind::Dockerfile;
}

bool is_safe_fix(const Finding& finding) {
  return finding.fix && finding.fix->safe && !finding.fix->edits.empty();
}

std::vector<EditKey> safe_edit_keys(const std::vector<const Finding*>& findings) {
  std::vector<EditKey> keys;
  for (const Finding* finding : findings) {
    for (const TextEdit& edit : finding->fix->edits) {
      keys.emplace_back(edit.span.begin, edit.span.end, edit.replacement);
    }
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

bool overlaps(const TextEdit& a, const TextEdit& b) {
  // Half-open ranges; an insertion overlaps a range only strictly inside it, so edits that
  // merely touch (or two insertions at one point) both apply.
  return a.span.begin < b.span.end && b.span.begin < a.span.end;
}

// Reads the whole file; nullopt when it cannot be read.
std::optional<std::string> read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return text.str();
}

bool write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t written = ::write(fd, text.data(), text.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    text.remove_prefix(static_cast<size_t>(written));
  }
  return true;
}

}  // namespace

std::vector<FixedFile> plan_fixes(const ScanResult& result, const RuleSet& rules,
                                  const ScanInput& input) {
  std::set<std::string_view> cross_resource;
  for (const ActiveRule& active : rules.active()) {
    if (active.rule->is_cross_resource()) cross_resource.insert(active.rule->info().code);
  }
  // Findings come in path order: each file's safe fixes are gathered, then planned.
  std::vector<FixedFile> planned;
  std::string path;
  std::vector<Finding> safe_fixes;  // reported in `path`
  auto plan_file = [&] {
    std::vector<const Finding*> per_file, cross;
    for (const Finding& finding : safe_fixes) {
      (cross_resource.count(finding.rule->code) ? cross : per_file).push_back(&finding);
    }
    FixedFile& fixed = planned.emplace_back();
    fixed.path = path;
    const bool from_stdin = input.stdin_text && path == input.stdin_filename;
    std::unique_ptr<SourceFile> source;
    if (from_stdin) {
      source = std::make_unique<SourceFile>(path, *input.stdin_text);
    } else {
      LoadResult loaded = load_source_file(path, path, rules.config().max_file_size);
      if (loaded.error) {
        fixed.error = "cannot read it again: " + loaded.error->message;
        return;
      }
      source = std::move(loaded.file);
    }
    fixed.before = std::string(source->text());
    fixed.after = fixed.before;

    // The edits are byte offsets into the text the scan analysed. Analysing the text just
    // read must give the same safe edits, or the file changed in between.
    ParsedModel model;
    const std::vector<Finding> fresh =
        analyze_parsed(*source, kind_of(path, source->text(), from_stdin), rules, /*tree=*/nullptr,
                       /*cluster=*/nullptr, &model);
    fixed.secrets = std::move(model.secrets);
    std::vector<const Finding*> fresh_fixes;
    for (const Finding& finding : fresh) {
      if (is_safe_fix(finding)) fresh_fixes.push_back(&finding);
    }
    if (safe_edit_keys(fresh_fixes) != safe_edit_keys(per_file)) {
      fixed.error = "changed since it was analysed; not fixed (run berth again)";
      return;
    }

    // A fix is applied whole or not at one: one that overlaps an earlier accepted fix waits
    // for the next run, which sees the new text.
    std::vector<const Finding*> all = per_file;
    all.insert(all.end(), cross.begin(), cross.end());
    std::stable_sort(all.begin(), all.end(), [](const Finding* a, const Finding* b) {
      return a->fix->edits.front().span.begin < b->fix->edits.front().span.begin;
    });
    std::vector<TextEdit> accepted;
    for (const Finding* finding : all) {
      bool clash = false;
      for (const TextEdit& edit : finding->fix->edits) {
        if (edit.span.end > fixed.before.size() || edit.span.end < edit.span.begin) clash = true;
        for (const TextEdit& other : accepted) clash = clash || overlaps(edit, other);
      }
      if (clash) {
        ++fixed.deferred;
        continue;
      }
      accepted.insert(accepted.end(), finding->fix->edits.begin(), finding->fix->edits.end());
      ++fixed.fixes;
    }
    fixed.after = apply_edits(fixed.before, accepted);
  };
  for (const Finding& finding : result.findings) {
    if (finding.path != path) {
      if (!safe_fixes.empty()) plan_file();
      safe_fixes.clear();
      path = finding.path;
    }
    if (is_safe_fix(finding)) safe_fixes.push_back(finding);
  }
  if (!safe_fixes.empty()) plan_file();
  return planned;
}

bool write_fixed_file(const FixedFile& fixed, std::string* error) {
  auto fail = [&](const std::string& message) {
    *error = message;
    return false;
  };
  // Write through a symlink to its target, so the link itself survives.
  std::error_code ec;
  fs::path target = fs::canonical(fixed.path, ec);
  if (ec) return fail("cannot resolve path: " + ec.message());
  const std::optional<std::string> current = read_all(target.string());
  if (!current) return fail("cannot read it again");
  if (current->size() != fixed.before.size() || *current != fixed.before) {
    return fail("changed on disk since it was analysed; not fixed (run berth again)");
  }
  struct stat info {};
  if (::stat(target.c_str(), &info) != 0) return fail(std::string("stat: ") + std::strerror(errno));

  // The temporary file lives next to the target: rename() is atomic only within one file
  // system, and the directory's permissions and ACL defaults apply to it.
  const fs::path directory = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  std::string temp = (directory / ("." + target.filename().string() + ".berth-XXXXXX")).string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0)
    return fail("cannot create a temporary file in " + directory.string() + ": " +
                std::strerror(errno));
  bool ok = write_all(fd, fixed.after);
  std::string why = ok ? "" : std::string("write: ") + std::strerror(errno);
  // mkstemp creates 0600: give the new file the original's mode (and owner, when allowed).
  if (ok && ::fchmod(fd, info.st_mode & 07777) != 0) {
    ok = false;
    why = std::string("chmod: ") + std::strerror(errno);
  }
  if (ok && ::fchown(fd, info.st_uid, info.st_gid) != 0) {
    // Only root may give a file away; an unprivileged user keeps ownership anyway.
  }
  if (ok && ::fsync(fd) != 0) {
    ok = false;
    why = std::string("fsync: ") + std::strerror(errno);
  }
  if (::close(fd) != 0 && ok) {
    ok = false;
    why = std::string("close: ") + std::strerror(errno);
  }
  if (ok && ::rename(temp.c_str(), target.c_str()) != 0) {
    ok = false;
    why = std::string("rename: ") + std::strerror(errno);
  }
  if (!ok) {
    ::unlink(temp.c_str());
    return fail(why);
  }
  // Make the rename itself durable.
  const int dir_fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
  return true;
}

// ---- unified diff ----

namespace {

struct Lines {
  std::vector<std::string_view> lines;  // each with its terminator, if any
  bool missing_final_newline = false;
};

Lines split_lines(std::string_view text) {
  Lines out;
  size_t start = 0;
  while (start < text.size()) {
    const size_t newline = text.find('\n', start);
    const size_t end = newline == std::string_view::npos ? text.size() : newline + 1;
    out.lines.push_back(text.substr(start, end - start));
    start = end;
  }
  out.missing_final_newline = !text.empty() && text.back() != '\n';
  return out;
}

enum class Op { Keep, Delete, Insert };

// Myers' O((N+M)D) shortest edit script on lines. The trace keeps only the 2d+1 live
// diagonals of each step, so memory is O(D^2) rather than O((N+M)D): fixes change few
// lines of possibly large files.
std::vector<Op> edit_script(const std::vector<std::string_view>& a,
                            const std::vector<std::string_view>& b) {
  const int n = static_cast<int>(a.size());
  const int m = static_cast<int>(b.size());
  const int max = n + m;
  std::vector<std::vector<int>> trace;
  std::vector<int> v(2 * static_cast<size_t>(max) + 2, 0);
  const int offset = max + 1;
  int final_d = 0;
  for (int d = 0; d <= max; ++d) {
    bool done = false;
    for (int k = -d; k <= d; k += 2) {
      int x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]))
                  ? v[offset + k + 1]
                  : v[offset + k - 1] + 1;
      int y = x - k;
      while (x < n && y < m && a[x] == b[y]) ++x, ++y;
      v[offset + k] = x;
      if (x >= n && y >= m) done = true;
    }
    trace.emplace_back(v.begin() + offset - d, v.begin() + offset + d + 1);
    if (done) {
      final_d = d;
      break;
    }
  }
  std::vector<Op> ops;
  int x = n, y = m;
  for (int d = final_d; d > 0; --d) {
    const std::vector<int>& previous = trace[d - 1];  // diagonals -(d-1) .. d-1
    auto at = [&](int k) { return previous[k + d - 1]; };
    const int k = x - y;
    const bool down = k == -d || (k != d && at(k - 1) < at(k + 1));
    const int previous_k = down ? k + 1 : k - 1;
    const int previous_x = at(previous_k);
    const int previous_y = previous_x - previous_k;
    while (x > previous_x && y > previous_y) {
      ops.push_back(Op::Keep);
      --x, --y;
    }
    ops.push_back(down ? Op::Insert : Op::Delete);
    x = previous_x;
    y = previous_y;
  }
  while (x > 0 && y > 0) {
    ops.push_back(Op::Keep);
    --x, --y;
  }
  std::reverse(ops.begin(), ops.end());
  return ops;
}

// `line` with every occurrence of a secret value masked (quotes and spaces kept, so the line
// still reads as code). Values are matched as text, so a line a fix rewrote is masked too.
std::string masked_line(std::string_view line, const std::vector<std::string_view>& values) {
  std::string out(line);
  for (const std::string_view value : values) {
    for (size_t at = out.find(value); at != std::string::npos; at = out.find(value, at + 1)) {
      for (size_t i = at; i < at + value.size(); ++i) {
        if (out[i] != '"' && out[i] != '\'' && out[i] != ' ') out[i] = '*';
      }
    }
  }
  return out;
}

void write_line(std::ostream& out, char prefix, std::string_view line, bool last_without_newline) {
  out << prefix << line;
  if (last_without_newline) out << "\n\\ No newline at end of file\n";
}

size_t write_file_diff(const FixedFile& file, std::ostream& out) {
  constexpr size_t kContext = 3;
  const Lines old_lines = split_lines(file.before);
  const Lines new_lines = split_lines(file.after);
  const std::vector<std::string_view>& a = old_lines.lines;
  const std::vector<std::string_view>& b = new_lines.lines;
  // Common prefix and suffix are cut before the O(ND) part.
  size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  const std::vector<std::string_view> middle_a(a.begin() + prefix, a.end() - suffix);
  const std::vector<std::string_view> middle_b(b.begin() + prefix, b.end() - suffix);
  std::vector<Op> ops(prefix, Op::Keep);
  const std::vector<Op> middle = edit_script(middle_a, middle_b);
  ops.insert(ops.end(), middle.begin(), middle.end());
  ops.insert(ops.end(), suffix, Op::Keep);

  // Positions (old index, new index) before each op.
  std::vector<std::pair<size_t, size_t>> position(ops.size() + 1);
  for (size_t i = 0; i < ops.size(); ++i) {
    position[i + 1] = position[i];
    if (ops[i] != Op::Insert) ++position[i + 1].first;
    if (ops[i] != Op::Delete) ++position[i + 1].second;
  }
  // Byte offset of each old line, and which old lines hold a secret value.
  std::vector<uint32_t> line_start(a.size() + 1, 0);
  for (size_t i = 0; i < a.size(); ++i) {
    line_start[i + 1] = line_start[i] + static_cast<uint32_t>(a[i].size());
  }
  std::vector<bool> secret_line(a.size(), false);
  std::vector<std::string_view> secret_values;
  for (const Span& secret : file.secrets) {
    if (secret.end > secret.begin && secret.end <= file.before.size()) {
      secret_values.push_back(
          std::string_view(file.before).substr(secret.begin, secret.end - secret.begin));
    }
    // The first line ending after the secret's start, then on while lines start before its end.
    size_t i = static_cast<size_t>(
        std::upper_bound(line_start.begin() + 1, line_start.end(), secret.begin) -
        (line_start.begin() + 1));
    for (; i < a.size() && line_start[i] < std::max(secret.end, secret.begin + 1); ++i) {
      secret_line[i] = true;
    }
  }
  // A Keep op on a secret line: context must not include it.
  auto secret_keep = [&](size_t i) { return ops[i] == Op::Keep && secret_line[position[i].first]; };
  std::vector<size_t> changes;
  for (size_t i = 0; i < ops.size(); ++i) {
    if (ops[i] != Op::Keep) changes.push_back(i);
  }
  if (changes.empty()) return 0;
  out << "--- a/" << file.path << "\n+++ b/" << file.path << "\n";
  size_t masked = 0;
  for (size_t c = 0; c < changes.size();) {
    // A hunk: changes closer than 2*context lines share one, unless a secret line lies
    // between them (it would have to be shown as context).
    const size_t first = changes[c];
    size_t last = first;
    while (c < changes.size() && changes[c] <= last + 2 * kContext + 1) {
      bool secret_between = false;
      for (size_t i = last + 1; i < changes[c]; ++i)
        secret_between = secret_between || secret_keep(i);
      if (secret_between) break;
      last = changes[c++];
    }
    size_t from = first >= kContext ? first - kContext : 0;
    for (size_t i = first; i-- > from;) {
      if (secret_keep(i)) {
        from = i + 1;
        break;
      }
    }
    size_t to = std::min(ops.size(), last + kContext + 1);
    for (size_t i = last + 1; i < to; ++i) {
      if (secret_keep(i)) {
        // git apply anchors a hunk without trailing context at the end of the file, so one
        // line of context stays (masked) unless the hunk does end the file.
        to = i == last + 1 ? i + 1 : i;
        break;
      }
    }
    const size_t old_count = position[to].first - position[from].first;
    const size_t new_count = position[to].second - position[from].second;
    // An empty range is named by the line before it (0 at the top of the file).
    const size_t old_start = old_count ? position[from].first + 1 : position[from].first;
    const size_t new_start = new_count ? position[from].second + 1 : position[from].second;
    out << "@@ -" << old_start << "," << old_count << " +" << new_start << "," << new_count
        << " @@\n";
    for (size_t i = from; i < to; ++i) {
      const size_t old_index = position[i].first;
      const size_t new_index = position[i].second;
      const bool inserted = ops[i] == Op::Insert;
      const std::string_view line = inserted ? b[new_index] : a[old_index];
      std::string shown = masked_line(line, secret_values);
      if (!inserted && secret_line[old_index] && shown == line) {
        // Part of a secret that spans lines (a private key): the whole line goes.
        for (char& ch : shown) {
          if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r') ch = '*';
        }
      }
      if (shown != line) ++masked;
      const char prefix_char = ops[i] == Op::Keep ? ' ' : (inserted ? '+' : '-');
      const bool last_without_newline =
          inserted ? new_lines.missing_final_newline && new_index + 1 == b.size()
                   : old_lines.missing_final_newline && old_index + 1 == a.size();
      write_line(out, prefix_char, shown, last_without_newline);
    }
  }
  return masked;
}

}  // namespace

size_t write_unified_diff(const std::vector<FixedFile>& files, std::ostream& out) {
  size_t masked = 0;
  for (const FixedFile& file : files) {
    if (!file.error && file.after != file.before) masked += write_file_diff(file, out);
  }
  return masked;
}

}  // namespace berth
