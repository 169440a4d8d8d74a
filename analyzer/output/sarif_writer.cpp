// SARIF 2.1.0 for GitHub code scanning: one run, full rules[] metadata, relative URIs under
// %SRCROOT%, UTF-16 columns, logical locations for Kubernetes objects, fixes, and GitHub's
// upload limits (results per run, gzipped size) enforced by keeping the most severe results.
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <future>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <numeric>
#include <unordered_map>
#include <utility>

#include "analyzer/engine/rule.h"
#include "analyzer/output/json_text.h"
#include "analyzer/output/output_util.h"
#include "analyzer/output/report.h"

namespace berth {

namespace {

// Insertion order: $schema and version first, the tool before its results.
using json = nlohmann::ordered_json;

// GitHub's limits on reportingDescriptor strings and tags (longer ones are rejected).
constexpr size_t kMaxDescription = 1024;
constexpr size_t kMaxName = 255;
constexpr size_t kMaxTags = 20;
// upload-sarif adds partialFingerprints (about 30 bytes of hex per result) before it uploads,
// so the file berth writes keeps this share of the gzipped limit in reserve.
constexpr double kGzipHeadroom = 0.95;
// Slices of the log measured separately for the quick gzip bound: large enough that the
// restarted dictionaries cost little (the bound stays close to the real size).
constexpr size_t kGzipSlice = 2u << 20;
// Results are serialised into blocks of this size,
constexpr size_t kResultBlock = 64u << 10;
// from batches of this many findings read from the log.
constexpr size_t kResultBatch = 4096;

std::string sarif_level(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Info:
      return "note";
  }
  return "warning";
}

// GitHub's problem.severity for non-security rules: error | warning | recommendation.
std::string problem_severity(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Info:
      return "recommendation";
  }
  return "warning";
}

// RFC 3986: keep unreserved characters and '/', percent-encode the rest (spaces, '%', '#',
// non-ASCII bytes), so every uri is a valid uri-reference.
std::string uri_encode(std::string_view path) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (const char ch : path) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if ((c < 0x80 && std::isalnum(c)) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

// Cuts at a UTF-8 boundary so a limit never produces an invalid string.
std::string truncate_utf8(std::string text, size_t limit) {
  if (text.size() <= limit) return text;
  size_t cut = limit - 3;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  return text + "...";
}

// The first paragraph of the docs after "## What it does" (SARIF fullDescription).
std::string full_description(const RuleInfo& rule) {
  std::string_view docs = rule.docs;
  const size_t heading = docs.find("## What it does");
  if (heading == std::string_view::npos) return std::string(rule.summary);
  docs.remove_prefix(heading + 15);
  while (!docs.empty() && (docs.front() == '\n' || docs.front() == ' ')) docs.remove_prefix(1);
  const size_t end = docs.find("\n\n");
  std::string text(docs.substr(0, end));
  for (char& c : text) {
    if (c == '\n') c = ' ';
  }
  return text.empty() ? std::string(rule.summary) : text;
}

json rule_json(const RuleInfo& rule, Severity configured) {
  json tags = json::array();
  for (std::string_view tag : rule.tags) {
    if (tags.size() < kMaxTags) tags.push_back(tag);
  }
  json properties = {{"tags", tags}, {"precision", "high"}};
  // GitHub: security-severity (a string) marks security rules; problem.severity the rest.
  if (!rule.security_severity.empty()) {
    properties["security-severity"] = std::string(rule.security_severity);
  } else {
    properties["problem.severity"] = problem_severity(configured);
  }
  const std::string docs = rule.docs.empty() ? std::string(rule.summary) : std::string(rule.docs);
  return {
      {"id", rule.code},
      {"name", truncate_utf8(std::string(rule.name), kMaxName)},
      {"shortDescription", {{"text", truncate_utf8(std::string(rule.summary), kMaxDescription)}}},
      {"fullDescription", {{"text", truncate_utf8(full_description(rule), kMaxDescription)}}},
      {"help", {{"text", docs}, {"markdown", docs}}},
      {"helpUri", rule_help_uri(rule)},
      {"defaultConfiguration", {{"level", sarif_level(configured)}}},
      {"properties", properties}};
}

void append_exact_region(std::string& out, const Location& start, const Location& end) {
  out += "{\"startLine\":";
  output::append_json_number(out, start.line);
  out += ",\"startColumn\":";
  output::append_json_number(out, start.utf16_column);
  out += ",\"endLine\":";
  output::append_json_number(out, end.line);
  out += ",\"endColumn\":";
  output::append_json_number(out, end.utf16_column);
  out += "}";
}

// A result region: never empty (GitHub highlights nothing for a zero-width region), with
// endColumn one past the last UTF-16 unit.
void append_region(std::string& out, const Location& start, const Location& end) {
  const uint32_t end_column = (end.line > start.line || end.utf16_column > start.utf16_column)
                                  ? end.utf16_column
                                  : start.utf16_column + 1;
  append_exact_region(out, start, {std::max(end.line, start.line), 0, end_column, 0});
}

// A fix's deletedRegion is exact: an insertion is an empty region (endColumn == startColumn).
void append_deleted_region(std::string& out, const Location& start, const Location& end) {
  const bool ordered =
      end.line > start.line || (end.line == start.line && end.utf16_column >= start.utf16_column);
  append_exact_region(out, start, ordered ? end : start);
}

// Relative to %SRCROOT% when below it; files elsewhere get an absolute file: URI, which is
// what SARIF consumers expect for them (GitHub can show neither, but both are valid).
json artifact_location(const std::string& path, const std::string& root) {
  if (auto relative = output::root_relative(path, root)) {
    return {{"uri", uri_encode(*relative)}, {"uriBaseId", "%SRCROOT%"}};
  }
  std::error_code ec;
  const std::string absolute = std::filesystem::absolute(path, ec).lexically_normal().string();
  return {{"uri", "file://" + uri_encode(absolute)}};
}

// The artifactLocation text of each path, computed once per file rather than once per result
// (resolving a path against the root is far dearer than the rest of a result).
class ArtifactLocations {
 public:
  explicit ArtifactLocations(const std::string& root) : root_(root) {}
  const std::string& get(const std::string& path) {
    // Results come in path order: most ask for the same path as the one before.
    if (last_ && last_->first == path) return last_->second;
    auto [it, inserted] = text_.try_emplace(path);
    if (inserted)
      it->second =
          artifact_location(path, root_).dump(-1, ' ', false, json::error_handler_t::replace);
    last_ = &*it;
    return it->second;
  }

 private:
  const std::string& root_;
  std::unordered_map<std::string, std::string> text_;
  const std::pair<const std::string, std::string>* last_ = nullptr;
};

void append_logical_locations(std::string& out, const LogicalLocation& logical) {
  // Kind/namespace/name[/container], the way kubectl names objects.
  const std::string fqn = logical.kind + "/" +
                          (logical.namespace_.empty() ? "" : logical.namespace_ + "/") +
                          logical.name;
  out += "[{\"name\":";
  output::append_json_string(out, logical.name);
  out += ",\"fullyQualifiedName\":";
  output::append_json_string(out, fqn);
  out += ",\"kind\":\"resource\",\"properties\":{\"kind\":";
  output::append_json_string(out, logical.kind);
  if (!logical.namespace_.empty()) {
    out += ",\"namespace\":";
    output::append_json_string(out, logical.namespace_);
  }
  out += "}}";
  if (!logical.container.empty()) {
    out += ",{\"name\":";
    output::append_json_string(out, logical.container);
    out += ",\"fullyQualifiedName\":";
    output::append_json_string(out, fqn + "/" + logical.container);
    out += ",\"kind\":\"member\"}";
  }
  out += "]";
}

// One result, compact, keys in SARIF's customary order, appended to `out`.
void append_result(std::string& out, const Finding& finding, size_t rule_index,
                   ArtifactLocations& artifacts) {
  const std::string& artifact = artifacts.get(finding.path);
  out += "{\"ruleId\":";
  output::append_json_string(out, finding.rule->code);
  out += ",\"ruleIndex\":";
  output::append_json_number(out, rule_index);
  out += ",\"level\":\"";
  out += sarif_level(finding.severity);
  out += "\",\"message\":{\"text\":";
  output::append_json_string(out, finding.message);
  out += "},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":";
  out += artifact;
  out += ",\"region\":";
  append_region(out, finding.start, finding.end);
  out += "}";
  if (!finding.logical.empty()) {
    out += ",\"logicalLocations\":";
    append_logical_locations(out, finding.logical);
  }
  out += "}]";
  if (finding.fix && !finding.fix->edits.empty()) {
    out += ",\"fixes\":[{\"description\":{\"text\":";
    output::append_json_string(out, finding.fix->title);
    out += "},\"artifactChanges\":[{\"artifactLocation\":";
    out += artifact;
    out += ",\"replacements\":[";
    bool first = true;
    for (const TextEdit& edit : finding.fix->edits) {
      if (!first) out += ",";
      first = false;
      out += "{\"deletedRegion\":";
      append_deleted_region(out, edit.start, edit.end);
      out += ",\"insertedContent\":{\"text\":";
      output::append_json_string(out, edit.replacement);
      out += "}}";
    }
    out += "]}]";
    if (!finding.fix->safe) out += ",\"properties\":{\"safe\":false}";
    out += "}]";
  }
  out += "}";
}

double security_severity(const RuleInfo& rule) {
  return rule.security_severity.empty()
             ? 0.0
             : std::strtod(std::string(rule.security_severity).c_str(), nullptr);
}

std::string byte_size(size_t bytes) {
  if (bytes % 1000000 == 0) return std::to_string(bytes / 1000000) + " MB";
  return std::to_string(bytes) + " bytes";
}

// Counts the bytes gzip makes of the text fed to it (at `level`; upload-sarif uses the
// default), without keeping the compressed output: the SARIF is measured as it is generated.
class GzipCounter {
 public:
  explicit GzipCounter(int level) {
    ok_ = deflateInit2(&stream_, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK;
  }
  ~GzipCounter() {
    if (ok_) deflateEnd(&stream_);
  }
  GzipCounter(const GzipCounter&) = delete;
  GzipCounter& operator=(const GzipCounter&) = delete;

  void add(std::string_view text) { run(text, Z_NO_FLUSH); }
  // The most this counter's settings can make of `raw` bytes, whatever they are, gzip wrapper
  // included: zlib's deflateBound(), which holds when input is given with Z_NO_FLUSH and then
  // Z_FINISH, as here. Without zlib the raw size, as finish() gives.
  size_t worst_case(size_t raw) { return ok_ ? deflateBound(&stream_, raw) : raw; }
  // Without zlib the raw size stands in: larger, so the limit still holds.
  size_t finish() {
    run({}, Z_FINISH);
    return ok_ ? compressed_ : raw_;
  }

 private:
  void run(std::string_view text, int flush) {
    raw_ += text.size();
    if (!ok_) return;
    stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    stream_.avail_in = static_cast<uInt>(text.size());
    int status = Z_OK;
    do {
      stream_.next_out = buffer_;
      stream_.avail_out = sizeof buffer_;
      status = deflate(&stream_, flush);
      compressed_ += sizeof buffer_ - stream_.avail_out;
    } while (stream_.avail_out == 0 || (flush == Z_FINISH && status == Z_OK));
  }

  z_stream stream_{};
  bool ok_ = false;
  size_t raw_ = 0;
  size_t compressed_ = 0;
  Bytef buffer_[1 << 16];
};

// Gathers the log's pieces into large writes: std::filebuf hands each piece of 1 KB or more
// (most results) straight to the kernel, one system call each, thousands on a large scan.
class ChunkedWriter {
 public:
  explicit ChunkedWriter(std::ostream& out) : out_(out) { pending_.reserve(kChunk); }
  ~ChunkedWriter() { flush(); }
  ChunkedWriter(const ChunkedWriter&) = delete;
  ChunkedWriter& operator=(const ChunkedWriter&) = delete;

  void add(std::string_view text) {
    pending_.append(text);
    if (pending_.size() >= kChunk) flush();
  }
  void flush() {
    out_.write(pending_.data(), static_cast<std::streamsize>(pending_.size()));
    pending_.clear();
  }

 private:
  static constexpr size_t kChunk = 1 << 20;
  std::ostream& out_;
  std::string pending_;
};

}  // namespace

std::string rule_help_uri(const RuleInfo& rule) {
  return "https://berth.dev/rules/" + std::string(rule.code) + ".html";
}

std::vector<std::string> write_sarif(const ScanResult& result, const RuleSet& rules,
                                     const ReportOptions& options, std::ostream& out) {
  const std::string root = output::source_root();
  std::vector<std::string> notices;

  json rules_json = json::array();
  std::map<std::string_view, size_t> rule_index;
  for (const ActiveRule& active : rules.active()) {
    rule_index[active.rule->info().code] = rules_json.size();
    rules_json.push_back(rule_json(active.rule->info(), active.severity));
  }
  // Engine-reported findings (BR003) may come from rules outside the active set.
  for (const FindingCount& count : result.findings.counts()) {
    if (rule_index.emplace(count.rule->code, rules_json.size()).second) {
      rules_json.push_back(rule_json(*count.rule, count.severity));
    }
  }

  // When a limit is exceeded, the most severe results are kept: by level, then by
  // security-severity, then in report order. The log's counts say how many of each priority
  // the count limit admits before a finding is read: the first ones in report order.
  using Priority = std::pair<Severity, double>;
  std::unordered_map<const RuleInfo*, double> security_of;
  std::map<Priority, size_t, std::greater<>> admitted;
  for (const FindingCount& count : result.findings.counts()) {
    const double security = security_severity(*count.rule);
    security_of[count.rule] = security;
    admitted[{count.severity, security}] += count.count;
  }
  size_t room = options.sarif_max_results;
  for (auto& [priority, count] : admitted) {
    count = std::min(count, room);
    room -= count;
  }

  // Each admitted result is serialised on its own, one per line: a JSON tree of every result
  // would take about twenty times the memory of their text on large scans. They are read
  // from the log in batches, each serialised on the scan's threads: on a large scan this
  // would otherwise be most of the single-threaded time after the parallel analysis.
  // The results' texts point into blocks of 64 KB (per slice, never moved, never grown past
  // their capacity): a string per result was tens of thousands of blocks to free after the
  // log, and one buffer per slice was megabytes of fresh pages (allocations this small
  // reuse the memory the scan freed).
  std::vector<std::string_view> results;       // admitted, in report order
  std::vector<Priority> priority;              // theirs
  std::deque<std::deque<std::string>> blocks;  // per slice
  std::mutex blocks_mutex;
  std::vector<Finding> batch;
  auto serialise_batch = [&] {
    const size_t base = results.size() - batch.size();
    output::parallel_slices(options.jobs, batch.size(), [&](size_t begin, size_t end) {
      std::deque<std::string>* slice_blocks = nullptr;
      {
        std::lock_guard<std::mutex> lock(blocks_mutex);
        slice_blocks = &blocks.emplace_back();
      }
      ArtifactLocations artifacts(root);
      std::string text;
      for (size_t i = begin; i < end; ++i) {
        const Finding& finding = batch[i];
        text.clear();
        append_result(text, finding, std::as_const(rule_index).at(finding.rule->code), artifacts);
        if (slice_blocks->empty() ||
            slice_blocks->back().size() + text.size() > slice_blocks->back().capacity()) {
          slice_blocks->emplace_back().reserve(std::max(kResultBlock, text.size()));
        }
        std::string& block = slice_blocks->back();
        results[base + i] = std::string_view(block.data() + block.size(), text.size());
        block += text;
      }
    });
    batch.clear();
  };
  for (const Finding& finding : result.findings) {
    const auto admission = admitted.find({finding.severity, security_of.at(finding.rule)});
    if (admission->second == 0) continue;
    --admission->second;
    priority.push_back(admission->first);
    results.emplace_back();
    batch.push_back(finding);
    if (batch.size() == kResultBatch) serialise_batch();
  }
  serialise_batch();
  std::vector<size_t> by_priority(results.size());
  std::iota(by_priority.begin(), by_priority.end(), size_t{0});
  std::stable_sort(by_priority.begin(), by_priority.end(),
                   [&](size_t a, size_t b) { return priority[a] > priority[b]; });

  json base_notifications = json::array();
  for (const FileError& error : result.errors) {
    base_notifications.push_back(
        {{"level", "error"},
         {"message", {{"text", error.path + ": " + error.message}}},
         {"locations",
          json::array({{{"physicalLocation",
                         {{"artifactLocation", artifact_location(error.path, root)}}}}})}});
  }

  const size_t budget = static_cast<size_t>(options.sarif_max_gzip_bytes * kGzipHeadroom);

  // The log around the results, split where the results array goes.
  static const std::string kMarker = R"(\u0001berth-results\u0001)";  // as dumped
  auto envelope = [&](const std::string& limit_note) {
    json notifications = base_notifications;
    if (!limit_note.empty()) {
      notifications.push_back({{"level", "warning"}, {"message", {{"text", limit_note}}}});
    }
    json run = {{"tool",
                 {{"driver",
                   {{"name", "berth"},
                    {"semanticVersion", BERTH_VERSION},
                    {"version", BERTH_VERSION},
                    {"informationUri", "https://berth.dev"},
                    {"rules", rules_json}}}}},
                {"originalUriBaseIds", {{"%SRCROOT%", {{"uri", "file://" + uri_encode(root)}}}}},
                {"columnKind", "utf16CodeUnits"},
                {"results",
                 "\x01"
                 "berth-results"
                 "\x01"},
                {"invocations", json::array({{{"executionSuccessful", result.errors.empty()},
                                              {"toolExecutionNotifications", notifications}}})}};
    if (!options.sarif_category.empty()) {
      // GitHub reads everything before the last '/' as the category, as upload-sarif's own
      // `category` input does when it appends the '/'.
      std::string id = options.sarif_category;
      if (id.back() != '/') id += '/';
      run["automationDetails"] = {{"id", id}};
    }
    json log = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                {"version", "2.1.0"},
                {"runs", json::array({run})}};
    const std::string text = log.dump(2, ' ', false, json::error_handler_t::replace);
    const size_t at = text.find("\"" + kMarker + "\"");
    return std::pair(text.substr(0, at), text.substr(at + kMarker.size() + 2) + "\n");
  };
  // Writes the log with the `keep` highest-priority results, in report order.
  auto emit = [&](size_t keep, const std::string& note, auto&& sink) {
    std::vector<size_t> kept(by_priority.begin(), by_priority.begin() + keep);
    std::sort(kept.begin(), kept.end());
    const auto [head, tail] = envelope(note);
    sink(head);
    if (kept.empty()) {
      sink("[]");
    } else {
      sink("[\n");
      for (size_t i = 0; i < kept.size(); ++i) {
        sink("        ");
        sink(results[kept[i]]);
        sink(i + 1 < kept.size() ? ",\n" : "\n");
      }
      sink("      ]");
    }
    sink(tail);
  };
  const size_t rules_size = rules_json.dump().size();  // the metadata, measured once
  auto raw_size = [&](size_t keep) {
    size_t size = 0;
    for (size_t i = 0; i < keep; ++i) size += results[by_priority[i]].size() + 10;
    return size + rules_size;
  };
  // A quick upper bound of the gzipped size: the log in slices, each compressed on its own at
  // the fastest level (no slice can refer back into another, and the fastest level
  // compresses less than gzip's default), on several threads. When even that fits, the real
  // file does too. The slices are the results between the envelope's head and tail, as
  // emit() writes them. A slice not compressed yet counts as deflate's worst case for its
  // size (zlib's deflateBound), so the work stops as soon as the total fits: on a log twice the
  // limit that compresses twentyfold, after about 60% of the slices.
  auto gzip_bound = [&](size_t keep, const std::string& note) {
    std::vector<size_t> kept(by_priority.begin(), by_priority.begin() + keep);
    std::sort(kept.begin(), kept.end());
    const size_t slices = kept.empty() ? 0 : 1 + raw_size(keep) / kGzipSlice;
    auto slice_items = [&](size_t slice) {
      return std::pair(kept.size() * slice / slices, kept.size() * (slice + 1) / slices);
    };
    GzipCounter envelope_counter(Z_BEST_SPEED);  // the slices' counters have its settings
    std::vector<size_t> worst(slices);
    size_t initial = 0;
    for (size_t slice = 0; slice < slices; ++slice) {
      const auto [begin, end] = slice_items(slice);
      size_t raw = 0;
      for (size_t i = begin; i < end; ++i) raw += results[kept[i]].size() + 10;
      worst[slice] = envelope_counter.worst_case(raw);
      initial += worst[slice];
    }
    const auto [head, tail] = envelope(note);
    envelope_counter.add(head);
    envelope_counter.add(kept.empty() ? "[]" : "[\n");
    envelope_counter.add("      ]");
    envelope_counter.add(tail);
    initial += envelope_counter.finish();
    std::atomic<size_t> bound{initial};
    output::parallel_slices(options.jobs, slices, [&](size_t first, size_t last) {
      for (size_t slice = first; slice < last && bound.load() > budget; ++slice) {
        GzipCounter counter(Z_BEST_SPEED);
        const auto [begin, end] = slice_items(slice);
        for (size_t i = begin; i < end; ++i) {
          counter.add("        ");
          counter.add(results[kept[i]]);
          counter.add(i + 1 < kept.size() ? ",\n" : "\n");
        }
        bound -= worst[slice] - std::min(worst[slice], counter.finish());
      }
    });
    return bound.load();
  };
  // Only near the limit is the whole log measured exactly, serially, at the default level.
  auto gzip_exact = [&](size_t keep, const std::string& note) {
    GzipCounter counter(Z_DEFAULT_COMPRESSION);
    emit(keep, note, [&](std::string_view text) { counter.add(text); });
    return counter.finish();
  };
  auto gzipped = [&](size_t keep, const std::string& note) {
    const size_t bound = gzip_bound(keep, note);
    return bound <= budget ? bound : gzip_exact(keep, note);
  };
  auto write_log = [&](size_t keep, const std::string& note) {
    ChunkedWriter writer(out);
    emit(keep, note, [&](std::string_view text) { writer.add(text); });
    writer.flush();
  };
  const size_t total = result.findings.size();
  auto note = [&](size_t keep, const std::string& why) {
    return std::to_string(total - keep) + " of " + std::to_string(total) +
           " results (the least severe) were left out: " + why;
  };

  size_t keep = std::min(total, options.sarif_max_results);
  std::string why = keep < total
                        ? "GitHub code scanning accepts at most " +
                              std::to_string(options.sarif_max_results) + " results per run"
                        : "";
  bool written = false;
  // Only a log larger than the limit can exceed it once compressed.
  if (raw_size(keep) > budget) {
    const std::string first_note = why.empty() ? "" : note(keep, why);
    size_t compressed = 0;
    // Only with threads to spare: --jobs 1 means one thread.
    const unsigned threads =
        options.jobs ? options.jobs : llvm::hardware_concurrency().compute_thread_count();
    const std::streampos start =
        options.rewindable_output && threads > 1 ? out.tellp() : std::streampos(-1);
    if (start != std::streampos(-1)) {
      // Written while it is measured, on other threads: the bound almost always fits (a
      // SARIF log compresses about tenfold), and then the log is done. Otherwise what was
      // written is kept only if the exact size fits, else overwritten from its start.
      std::future<size_t> bound =
          std::async(std::launch::async, [&] { return gzip_bound(keep, first_note); });
      write_log(keep, first_note);
      compressed = bound.get();
      if (compressed > budget) compressed = gzip_exact(keep, first_note);
      written = compressed <= budget;
      if (!written) out.seekp(start);
    } else {
      compressed = gzipped(keep, first_note);
    }
    while (compressed > budget && keep > 0) {
      // Shrink in proportion to the excess (results dominate the size), at least by one.
      const double ratio = static_cast<double>(budget) / static_cast<double>(compressed);
      const size_t next = static_cast<size_t>(static_cast<double>(keep) * ratio * 0.98);
      keep = std::min(next, keep - 1);
      why = "GitHub code scanning rejects SARIF files over " +
            byte_size(options.sarif_max_gzip_bytes) + " gzipped";
      compressed = gzipped(keep, note(keep, why));
    }
  }
  if (keep < total) notices.push_back("SARIF: " + note(keep, why));
  if (!written) write_log(keep, keep < total ? note(keep, why) : "");
  return notices;
}

}  // namespace berth
