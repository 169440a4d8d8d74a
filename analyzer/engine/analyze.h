// Analysis of one source and of a whole scanned set: model building, per-file rules,
// suppressions, the cross-resource pass, deterministic ordering.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/discovery/discovery.h"
#include "analyzer/engine/finding_log.h"
#include "analyzer/engine/rule_set.h"
#include "analyzer/engine/suppressions.h"
#include "analyzer/kubernetes/model.h"
#include "analyzer/source/source_file.h"

namespace berth {

// What the per-file pass hands to the cross-resource pass: the index of every manifest's
// facts and the suppressions that name cross-resource rules. Filled under `mutex`.
struct ClusterCollector {
  k8s::ClusterIndex index;
  std::vector<DeferredSuppression> deferred;
  std::mutex mutex;
};

// How a finding that reports a per-file rule's own failure (an exception) begins; the rest
// is what the rule threw. The fuzz targets look for it.
inline constexpr std::string_view kRuleInternalError = "internal error in rule: ";

// Per-file rules on one in-memory source. When `cluster` is given, the file's Kubernetes
// facts are added to it for the cross-resource pass.
std::vector<Finding> analyze_source(const SourceFile& source, FileKind kind, const RuleSet& rules,
                                    ClusterCollector* cluster = nullptr);

// Where the cross-resource pass puts its findings while its rules run: on a large
// repository they are tens of thousands (one per container for the resource rules), passed
// on in batches instead of gathered first.
class CrossResourceSink {
 public:
  virtual ~CrossResourceSink() = default;
  // Once, before any rule runs: how many cross-resource rules there are.
  virtual void begin(size_t rules) = 0;
  // A batch of rule `rule`'s findings, through the deferred suppressions. Called from the
  // rules' threads: one rule's batches in the order it reported them, from one thread.
  virtual void add(size_t rule, std::vector<Finding>&& findings) = 0;
  // Rule `rule` threw: what it gave is dropped.
  virtual void discard(size_t rule) = 0;
  // Last: the BR001 findings of deferred suppressions that suppressed nothing.
  virtual void add_unused(std::vector<Finding>&& findings) = 0;
};

// Cross-resource rules over everything collected, with the deferred suppressions applied.
// A rule that throws (a bug in it) loses its findings, not the others'; what it threw is
// added to `failures`, when given, as "internal error in cross-resource rule CODE: ...".
// (The deferred suppressions its dropped findings matched still count as used.)
// With `jobs` > 1 the rules run on that many threads; the result is the same.
void analyze_cluster(ClusterCollector& cluster, const RuleSet& rules, CrossResourceSink& sink,
                     std::vector<std::string>* failures = nullptr, unsigned jobs = 1);
// The same, gathered: the rules' findings in rule order, then the unused suppressions'.
std::vector<Finding> analyze_cluster(ClusterCollector& cluster, const RuleSet& rules,
                                     std::vector<std::string>* failures = nullptr,
                                     unsigned jobs = 1);

struct FileError {
  std::string path;
  std::string message;
};

struct ScanInput {
  std::vector<std::string> paths;
  std::optional<std::string> stdin_text;  // `berth check -`
  std::string stdin_filename = "<stdin>";
  unsigned jobs = 0;  // 0: all cores
  // Encoded findings kept in memory; the rest wait in a temporary file until the report is
  // written. About 200 bytes a finding: 8 MB holds tens of thousands.
  size_t finding_memory = 8u << 20;
};

struct ScanResult {
  FindingLog findings;            // sorted by path, line, column, code
  std::vector<FileError> errors;  // paths that do not exist, unreadable directories
  size_t files = 0;               // files analysed or reported
  double seconds = 0;
};

ScanResult scan(const ScanInput& input, const RuleSet& rules);

}  // namespace berth
