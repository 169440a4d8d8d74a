// The per-file pipeline lives in analyze_parsed.cpp (one copy, shared with the language
// server, which passes its own incrementally reparsed trees); this file adds the whole-set
// entry points.
#include "analyzer/engine/analyze.h"

#include <exception>
#include <iterator>
#include <mutex>
#include <string>

#include "analyzer/engine/analyze_parsed.h"
#include "analyzer/engine/parallel.h"
#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"

namespace berth {

std::vector<Finding> analyze_source(const SourceFile& source, FileKind kind, const RuleSet& rules,
                                    ClusterCollector* cluster) {
  return analyze_parsed(source, kind, rules, /*tree=*/nullptr, cluster);
}

void analyze_cluster(ClusterCollector& cluster, const RuleSet& rules, CrossResourceSink& sink,
                     std::vector<std::string>* failures, unsigned jobs) {
  const k8s::ClusterIndex& index = cluster.index;
  std::vector<const ActiveRule*> cross_rules;
  for (const ActiveRule& rule : rules.active()) {
    if (rule.rule->is_cross_resource()) cross_rules.push_back(&rule);
  }
  sink.begin(cross_rules.size());
  // Filtering marks the suppressions it uses: one batch at a time.
  std::mutex suppressions_mutex;
  auto deliver = [&](size_t i, std::vector<Finding>& batch) {
    {
      std::lock_guard<std::mutex> lock(suppressions_mutex);
      filter_deferred_suppressions(batch, cluster.deferred, rules);
    }
    if (!batch.empty()) sink.add(i, std::move(batch));
    batch.clear();
  };
  std::vector<std::string> thrown(cross_rules.size());
  auto run_rule = [&](size_t i) {
    const ActiveRule& rule = *cross_rules[i];
    std::vector<Finding> found;
    CrossResourceContext context(rule, rules.config(), found,
                                 [&](std::vector<Finding>& batch) { deliver(i, batch); });
    try {
      rule.rule->check_cross_resource(index, context);
      deliver(i, found);
    } catch (const std::exception& e) {
      // Cross-resource facts are plain data; a throw here is a bug in the rule. No file is
      // to blame, so it is not a finding: the caller reports it (the CLI as an error).
      sink.discard(i);
      thrown[i] = "internal error in cross-resource rule " + std::string(rule.rule->info().code) +
                  ": " + e.what();
    }
  };
  // After a large scan this pass is serial time on an otherwise idle machine: the rules only
  // read the index, so with jobs > 1 they run side by side.
  for_each_index(jobs, cross_rules.size(), run_rule);
  for (std::string& failure : thrown) {
    if (!failure.empty() && failures) failures->push_back(std::move(failure));
  }
  sink.add_unused(unused_deferred_suppressions(cluster.deferred));
}

std::vector<Finding> analyze_cluster(ClusterCollector& cluster, const RuleSet& rules,
                                     std::vector<std::string>* failures, unsigned jobs) {
  // Each rule's batches in a list of its own (one thread each), joined in rule order.
  class Gather : public CrossResourceSink {
   public:
    void begin(size_t rules) override { per_rule.resize(rules); }
    void add(size_t rule, std::vector<Finding>&& findings) override {
      per_rule[rule].insert(per_rule[rule].end(), std::make_move_iterator(findings.begin()),
                            std::make_move_iterator(findings.end()));
    }
    void discard(size_t rule) override { per_rule[rule].clear(); }
    void add_unused(std::vector<Finding>&& findings) override { unused = std::move(findings); }

    std::vector<std::vector<Finding>> per_rule;
    std::vector<Finding> unused;
  } gather;
  analyze_cluster(cluster, rules, gather, failures, jobs);
  std::vector<Finding> findings;
  for (std::vector<Finding>& list : gather.per_rule) {
    findings.insert(findings.end(), std::make_move_iterator(list.begin()),
                    std::make_move_iterator(list.end()));
  }
  findings.insert(findings.end(), std::make_move_iterator(gather.unused.begin()),
                  std::make_move_iterator(gather.unused.end()));
  return findings;
}

}  // namespace berth
