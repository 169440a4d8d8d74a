// The parallel scan: files are analysed on an LLVM thread pool, each worker with its own
// parsers; each file's findings are sorted there and the log merges them in report order,
// so the output never depends on scheduling.
#include <llvm/Support/Threading.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <memory>
#include <thread>

#include "analyzer/engine/analyze.h"
#include "analyzer/engine/parallel.h"
#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"

namespace berth {

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
  auto cluster_owner = std::make_unique<ClusterCollector>();
  ClusterCollector& cluster = *cluster_owner;

  const Discovery discovery = discover_files(input.paths, rules.config().exclude);
  for (const DiscoveryError& error : discovery.errors) {
    result.errors.push_back({error.path, error.message});
  }
  result.files = discovery.files.size();

  // Slot 0 is stdin's, then one per discovered file; the cross-resource pass's come last.
  // Each file's findings are sorted and encoded on the worker that found them.
  FindingLog::Builder log(1 + discovery.files.size(), input.finding_memory);
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
    std::vector<Finding> findings = analyze_source(source, kind, rules, &cluster);
    sort_findings(findings);
    log.put(0, std::move(findings));
    result.files += 1;
  }

  const uint64_t max_size = rules.config().max_file_size;
  auto analyze_one = [&](size_t i) {
    const DiscoveredFile& file = discovery.files[i];
    const std::string display(file.display());
    LoadResult loaded = load_source_file(file.path, display, max_size);
    std::vector<Finding> findings;
    if (loaded.error) {
      report_file_not_analyzed(rules, display, loaded.error->message, findings);
    } else {
      findings = analyze_source(*loaded.file, file.kind, rules, &cluster);
      sort_findings(findings);
    }
    log.put(1 + i, std::move(findings));
  };

  unsigned jobs = input.jobs ? input.jobs : llvm::hardware_concurrency().compute_thread_count();
  // One file is not worth starting threads for (its cross-resource pass neither).
  if (discovery.files.size() <= 1) jobs = 1;
  for_each_index(jobs, discovery.files.size(), analyze_one);
  // The cross-resource pass's findings go to the log as they come, a slot per rule (a
  // rule reports in path order, so its batches follow each other) and one for the unused
  // suppressions.
  class ToLog : public CrossResourceSink {
   public:
    explicit ToLog(FindingLog::Builder& log) : log_(log) {}
    void begin(size_t rules) override {
      first_ = log_.add_slots(rules + 1);
      unused_ = first_ + rules;
    }
    void add(size_t rule, std::vector<Finding>&& findings) override {
      sort_findings(findings);
      log_.put(first_ + rule, std::move(findings));
    }
    void discard(size_t rule) override { log_.discard(first_ + rule); }
    void add_unused(std::vector<Finding>&& findings) override {
      sort_findings(findings);
      log_.put(unused_, std::move(findings));
    }

   private:
    FindingLog::Builder& log_;
    size_t first_ = 0, unused_ = 0;
  } to_log(log);
  std::vector<std::string> failures;
  analyze_cluster(cluster, rules, to_log, &failures, jobs);
  for (std::string& failure : failures) {
    result.errors.push_back({"(cross-resource pass)", std::move(failure)});
  }
  // The index is not needed any more: after a parallel scan it is freed on another thread
  // while the log is finished.
  std::jthread free_cluster;
  if (jobs > 1) {
    free_cluster = std::jthread([owned = std::move(cluster_owner)]() mutable { owned.reset(); });
  }
  result.findings = std::move(log).finish();
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace berth
