// The parallel scan: files are analysed on an LLVM thread pool, each worker with its own
// parsers; results are merged and sorted so the output never depends on scheduling.
#include <llvm/Support/ThreadPool.h>
#include <llvm/Support/Threading.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <tuple>

#include "analyzer/engine/analyze.h"
#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"

namespace berth {

namespace {

bool report_order(const Finding& a, const Finding& b) {
  return std::forward_as_tuple(a.path, a.start.line, a.start.column, a.rule->code, a.end.line,
                               a.end.column, a.message) <
         std::forward_as_tuple(b.path, b.start.line, b.start.column, b.rule->code, b.end.line,
                               b.end.column, b.message);
}

}  // namespace

void sort_findings(std::vector<Finding>& findings) {
  if (std::is_sorted(findings.begin(), findings.end(), report_order)) return;
  // A Finding is large (strings, a fix, related locations): sort indices, then move each
  // finding once, instead of moving findings at every step of the sort.
  std::vector<uint32_t> order(findings.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return report_order(findings[a], findings[b]); });
  std::vector<Finding> sorted;
  sorted.reserve(findings.size());
  for (uint32_t i : order) sorted.push_back(std::move(findings[i]));
  findings = std::move(sorted);
}

static void report_file_not_analyzed(const RuleSet& rules, const std::string& path,
                                     const std::string& message, std::vector<Finding>& out) {
  const ActiveRule* rule = rules.find("BR003");
  if (!rule) return;
  Finding& finding = out.emplace_back();
  finding.rule = &rule->rule->info();
  finding.severity = rule->severity;
  finding.path = path;
  finding.message = "file not analyzed: " + message;
}

ScanResult scan(const ScanInput& input, const RuleSet& rules) {
  const auto started = std::chrono::steady_clock::now();
  ScanResult result;
  ClusterCollector cluster;

  if (input.stdin_text) {
    SourceFile source(input.stdin_filename, *input.stdin_text);
    FileKind kind = classify_file_name(input.stdin_filename);
    // Rendered manifests arrive on stdin without a useful name: sniff instead.
    if (kind == FileKind::Other) {
      kind = (input.stdin_text->find("apiVersion:") != std::string::npos ||
              input.stdin_text->find("\"apiVersion\"") != std::string::npos)
                 ? FileKind::Yaml
                 : FileKind::Dockerfile;
    }
    result.findings = analyze_source(source, kind, rules, &cluster);
    result.files = 1;
  }

  const Discovery discovery = discover_files(input.paths, rules.config().exclude);
  for (const DiscoveryError& error : discovery.errors) {
    result.errors.push_back({error.path, error.message});
  }
  result.files += discovery.files.size();

  const uint64_t max_size = rules.config().max_file_size;
  std::vector<std::vector<Finding>> per_file(discovery.files.size());
  auto analyze_one = [&](size_t i) {
    const DiscoveredFile& file = discovery.files[i];
    LoadResult loaded = load_source_file(file.path, file.display, max_size);
    if (loaded.error) {
      report_file_not_analyzed(rules, file.display, loaded.error->message, per_file[i]);
      return;
    }
    per_file[i] = analyze_source(*loaded.file, file.kind, rules, &cluster);
    // Sorted here, on the worker threads; after the scan only a merge is left.
    sort_findings(per_file[i]);
  };

  unsigned jobs = input.jobs ? input.jobs : llvm::hardware_concurrency().compute_thread_count();
  if (jobs <= 1 || discovery.files.size() <= 1) {
    for (size_t i = 0; i < discovery.files.size(); ++i) analyze_one(i);
  } else {
    // Workers pull the next file from a shared counter, so one large file never leaves
    // other threads idle behind a static partition.
    llvm::ThreadPool pool(llvm::hardware_concurrency(jobs));
    std::atomic<size_t> next{0};
    for (unsigned worker = 0; worker < jobs; ++worker) {
      pool.async([&] {
        for (size_t i = next++; i < discovery.files.size(); i = next++) analyze_one(i);
      });
    }
    pool.wait();
  }
  // Discovery lists files in path order, so the sorted per-file lists make one sorted list
  // (unless a finding is attributed to another path, e.g. a Helm template: then the whole
  // list is sorted again below).
  size_t total = result.findings.size();
  for (const auto& findings : per_file) total += findings.size();
  result.findings.reserve(total);
  for (auto& findings : per_file) {
    std::move(findings.begin(), findings.end(), std::back_inserter(result.findings));
  }
  per_file = {};
  std::vector<std::string> failures;
  std::vector<Finding> cross_resource = analyze_cluster(cluster, rules, &failures);
  for (std::string& failure : failures) {
    result.errors.push_back({"(cross-resource pass)", std::move(failure)});
  }
  sort_findings(cross_resource);
  const auto scanned_end = static_cast<std::ptrdiff_t>(result.findings.size());
  std::move(cross_resource.begin(), cross_resource.end(), std::back_inserter(result.findings));
  if (std::is_sorted(result.findings.begin(), result.findings.begin() + scanned_end,
                     report_order)) {
    std::inplace_merge(result.findings.begin(), result.findings.begin() + scanned_end,
                       result.findings.end(), report_order);
  } else {
    sort_findings(result.findings);
  }
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace berth
