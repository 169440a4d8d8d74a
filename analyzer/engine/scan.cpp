// The parallel scan: files are analysed on an LLVM thread pool, each worker with its own
// parsers; results are merged and sorted so the output never depends on scheduling.
#include <llvm/Support/Threading.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <memory>
#include <thread>
#include <tuple>

#include "analyzer/engine/analyze.h"
#include "analyzer/engine/parallel.h"
#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"

namespace berth {

namespace {

// Report order within one file.
bool order_in_file(const Finding& a, const Finding& b) {
  return std::forward_as_tuple(a.start.line, a.start.column, a.rule->code, a.end.line, a.end.column,
                               a.message) < std::forward_as_tuple(b.start.line, b.start.column,
                                                                  b.rule->code, b.end.line,
                                                                  b.end.column, b.message);
}

bool report_order(const Finding& a, const Finding& b) {
  if (const int paths = a.path.compare(b.path); paths != 0) return paths < 0;
  return order_in_file(a, b);
}

}  // namespace

void sort_findings(std::vector<Finding>& findings) {
  // A file's findings usually share its path: then the paths need no comparing at each step.
  const bool one_path = std::all_of(findings.begin(), findings.end(), [&](const Finding& finding) {
    return finding.path == findings.front().path;
  });
  auto order_of = [one_path](const Finding& a, const Finding& b) {
    return one_path ? order_in_file(a, b) : report_order(a, b);
  };
  if (std::is_sorted(findings.begin(), findings.end(), order_of)) return;
  // A Finding is large (strings, a fix, related locations): sort indices, then move each
  // finding once, instead of moving findings at every step of the sort.
  std::vector<uint32_t> order(findings.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return order_of(findings[a], findings[b]); });
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

// Joins sorted lists of findings into `out` in report order, as a stable sort of their
// concatenation would, moving each finding once. A Finding is large and a big scan has tens
// of thousands: every extra pass over them (concatenating, then merging or sorting) cost more
// than the cross-resource pass. Discovery lists files in path order, so the per-file lists
// mostly follow each other already; only a finding attributed to another path (a rendered
// Helm chart's, to its template) starts a new run. The runs are merged as pointers.
static void merge_sorted_lists(const std::vector<std::vector<Finding>*>& lists,
                               std::vector<Finding>& out) {
  std::vector<Finding*> order;
  std::vector<size_t> run_starts;
  for (std::vector<Finding>* list : lists) {
    if (list->empty()) continue;
    if (order.empty() || report_order(list->front(), *order.back())) {
      run_starts.push_back(order.size());
    }
    for (Finding& finding : *list) order.push_back(&finding);
  }
  auto by_report_order = [](const Finding* a, const Finding* b) { return report_order(*a, *b); };
  // Adjacent runs merged pairwise (stable: the left run's findings first on ties), halving
  // their number each round.
  while (run_starts.size() > 1) {
    std::vector<size_t> merged;
    for (size_t run = 0; run < run_starts.size(); run += 2) {
      merged.push_back(run_starts[run]);
      if (run + 1 == run_starts.size()) break;
      const size_t end = run + 2 < run_starts.size() ? run_starts[run + 2] : order.size();
      std::inplace_merge(order.begin() + static_cast<std::ptrdiff_t>(run_starts[run]),
                         order.begin() + static_cast<std::ptrdiff_t>(run_starts[run + 1]),
                         order.begin() + static_cast<std::ptrdiff_t>(end), by_report_order);
    }
    run_starts = std::move(merged);
  }
  out.reserve(out.size() + order.size());
  for (Finding* finding : order) out.push_back(std::move(*finding));
}

ScanResult scan(const ScanInput& input, const RuleSet& rules) {
  const auto started = std::chrono::steady_clock::now();
  ScanResult result;
  auto cluster_owner = std::make_unique<ClusterCollector>();
  ClusterCollector& cluster = *cluster_owner;

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
  // One file is not worth starting threads for (its cross-resource pass neither).
  if (discovery.files.size() <= 1) jobs = 1;
  for_each_index(jobs, discovery.files.size(), analyze_one);
  std::vector<std::string> failures;
  std::vector<Finding> cross_resource = analyze_cluster(cluster, rules, &failures, jobs);
  for (std::string& failure : failures) {
    result.errors.push_back({"(cross-resource pass)", std::move(failure)});
  }
  sort_findings(cross_resource);
  // The index is not needed any more: after a parallel scan it is freed on another thread
  // while the findings are merged (on the corpus about 10 and 20 ms of serial work).
  std::jthread free_cluster;
  if (jobs > 1) {
    free_cluster = std::jthread([owned = std::move(cluster_owner)]() mutable { owned.reset(); });
  }
  // Each list sorted: stdin's here, the files' on the workers.
  std::vector<Finding> from_stdin = std::move(result.findings);
  sort_findings(from_stdin);
  std::vector<std::vector<Finding>*> lists = {&from_stdin};
  for (std::vector<Finding>& findings : per_file) lists.push_back(&findings);
  lists.push_back(&cross_resource);
  result.findings.clear();
  merge_sorted_lists(lists, result.findings);
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace berth
