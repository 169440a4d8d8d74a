// Directory walking with .gitignore semantics (anchored and floating patterns, `!`
// negation, directory-only patterns), one ignore list per directory level.
#include "analyzer/discovery/discovery.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "analyzer/discovery/glob.h"

namespace berth {

namespace fs = std::filesystem;

static std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

static bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// Dockerfiles are named many ways in real repositories: Dockerfile, Dockerfile.prod,
// Dockerfile-alpine, Dockerfile_19c, api.Dockerfile, prod-dockerfile, and in flattened
// trees build__Dockerfile.alpine. A name counts when "dockerfile" or "containerfile" is one
// of its words (words are separated by '.', '-' and '_'). Templates and other files named
// after Dockerfiles (.template, .j2, .md, .sh, ...) are not Dockerfiles.
static bool is_dockerfile_name(const std::string& name) {
  static constexpr std::string_view kStems[] = {"dockerfile", "containerfile"};
  static constexpr std::string_view kNotDockerfile[] = {
      ".template", ".tmpl",         ".tpl",  ".j2",   ".jinja", ".erb", ".in",   ".md",  ".txt",
      ".sh",       ".py",           ".go",   ".json", ".yaml",  ".yml", ".orig", ".rej", ".bak",
      ".swp",      ".dockerignore", ".lock", ".sum",  ".mod",   ".ts",  ".js"};
  auto separator = [](char c) { return c == '.' || c == '-' || c == '_'; };
  bool has_word = false;
  for (std::string_view stem : kStems) {
    for (size_t at = name.find(stem); at != std::string::npos && !has_word;
         at = name.find(stem, at + 1)) {
      const size_t end = at + stem.size();
      has_word =
          (at == 0 || separator(name[at - 1])) && (end == name.size() || separator(name[end]));
    }
  }
  if (!has_word) return false;
  for (std::string_view suffix : kNotDockerfile) {
    if (ends_with(name, suffix)) return false;
  }
  return true;
}

FileKind classify_file_name(std::string_view path) {
  const size_t slash = path.find_last_of('/');
  const std::string name = lower(slash == std::string_view::npos ? path : path.substr(slash + 1));
  if (is_dockerfile_name(name)) return FileKind::Dockerfile;
  if (ends_with(name, ".yaml") || ends_with(name, ".yml") || ends_with(name, ".json")) {
    return FileKind::Yaml;
  }
  return FileKind::Other;
}

std::string display_path(const std::string& path) {
  std::error_code ec;
  const fs::path cwd = fs::current_path(ec);
  if (ec) return path;
  const fs::path absolute = fs::absolute(path, ec).lexically_normal();
  if (ec) return path;
  const fs::path relative = absolute.lexically_relative(cwd);
  if (relative.empty() || *relative.begin() == "..") return absolute.string();
  return relative.string();
}

namespace {

struct IgnoreRule {
  std::string pattern;  // relative to the directory holding the .gitignore
  bool negate = false;
  bool directory_only = false;
  bool anchored = false;  // contains a slash: matched against the relative path
};

struct IgnoreFile {
  fs::path base;
  std::vector<IgnoreRule> rules;
};

std::vector<IgnoreRule> read_gitignore(const fs::path& file) {
  std::vector<IgnoreRule> rules;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    while (!line.empty() && line.back() == ' ' &&
           !(line.size() > 1 && line[line.size() - 2] == '\\')) {
      line.pop_back();
    }
    if (line.empty() || line[0] == '#') continue;
    IgnoreRule rule;
    if (line[0] == '!') {
      rule.negate = true;
      line.erase(0, 1);
    } else if (line.starts_with("\\!") || line.starts_with("\\#")) {
      line.erase(0, 1);
    }
    if (!line.empty() && line.back() == '/') {
      rule.directory_only = true;
      line.pop_back();
    }
    if (line.empty()) continue;
    rule.anchored = line.find('/') != std::string::npos;
    if (line[0] == '/') line.erase(0, 1);
    rule.pattern = line;
    rules.push_back(std::move(rule));
  }
  return rules;
}

// Later files and later lines win, as in git.
bool is_ignored(const std::vector<IgnoreFile>& stack, const fs::path& path, bool is_dir) {
  bool ignored = false;
  for (const IgnoreFile& file : stack) {
    const std::string relative = path.lexically_relative(file.base).generic_string();
    const std::string name = path.filename().string();
    for (const IgnoreRule& rule : file.rules) {
      if (rule.directory_only && !is_dir) continue;
      const bool hit =
          rule.anchored ? glob_match(rule.pattern, relative) : glob_match(rule.pattern, name);
      if (hit) ignored = !rule.negate;
    }
  }
  return ignored;
}

bool is_excluded(const std::vector<std::string>& exclude, const std::string& display) {
  for (const std::string& pattern : exclude) {
    if (glob_match(pattern, display)) return true;
  }
  return false;
}

class Walker {
 public:
  Walker(const std::vector<std::string>& exclude, Discovery& out) : exclude_(exclude), out_(out) {}

  void walk(const fs::path& dir, std::vector<IgnoreFile>& ignores, int depth) {
    std::error_code ec;
    const fs::path canonical = fs::canonical(dir, ec);
    if (ec || !visited_.insert(canonical.string()).second) return;  // symlink loops
    if (depth > 256) {
      out_.errors.push_back({display_path(dir.string()), "directory nesting too deep; skipped"});
      return;
    }
    const bool has_gitignore = fs::is_regular_file(dir / ".gitignore", ec);
    if (has_gitignore) ignores.push_back({dir, read_gitignore(dir / ".gitignore")});
    std::vector<fs::directory_entry> entries;
    fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
      out_.errors.push_back({display_path(dir.string()), "cannot read directory: " + ec.message()});
    } else {
      for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) break;
        entries.push_back(*it);
      }
    }
    std::sort(entries.begin(), entries.end(),
              [](const auto& a, const auto& b) { return a.path() < b.path(); });
    for (const fs::directory_entry& entry : entries) {
      const fs::path& path = entry.path();
      const std::string name = path.filename().string();
      const bool is_dir = entry.is_directory(ec);
      if (is_dir && name == ".git") continue;
      const std::string display = display_path(path.string());
      if (is_ignored(ignores, path, is_dir) || is_excluded(exclude_, display)) continue;
      if (is_dir) {
        walk(path, ignores, depth + 1);
      } else {
        const FileKind kind = classify_file_name(name);
        if (kind != FileKind::Other) add(path.string(), display, kind);
      }
    }
    if (has_gitignore) ignores.pop_back();
  }

  void add(const std::string& path, const std::string& display, FileKind kind) {
    if (seen_.insert(display).second) out_.files.emplace_back(path, display, kind);
  }

 private:
  const std::vector<std::string>& exclude_;
  Discovery& out_;
  std::set<std::string> visited_;
  std::set<std::string> seen_;
};

}  // namespace

DiscoveredFile::DiscoveredFile(std::string file_path, const std::string& display,
                               FileKind file_kind)
    : path(std::move(file_path)), kind(file_kind) {
  if (std::string_view(path).ends_with(display) && path.size() - display.size() <= UINT32_MAX) {
    display_from_ = static_cast<uint32_t>(path.size() - display.size());
  } else {
    other_display_ = std::make_unique<const std::string>(display);
  }
}

Discovery discover_files(const std::vector<std::string>& roots,
                         const std::vector<std::string>& exclude) {
  Discovery out;
  Walker walker(exclude, out);
  for (const std::string& root : roots) {
    std::error_code ec;
    const fs::file_status status = fs::status(root, ec);
    if (ec || !fs::exists(status)) {
      out.errors.push_back({root, "no such file or directory"});
    } else if (fs::is_directory(status)) {
      std::vector<IgnoreFile> ignores;
      walker.walk(root, ignores, 0);
    } else {
      FileKind kind = classify_file_name(root);
      if (kind == FileKind::Other) kind = FileKind::Dockerfile;
      walker.add(root, display_path(root), kind);
    }
  }
  std::sort(out.files.begin(), out.files.end(),
            [](const auto& a, const auto& b) { return a.display() < b.display(); });
  out.files.shrink_to_fit();  // kept for the whole scan
  return out;
}

}  // namespace berth
