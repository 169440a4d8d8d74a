// The per-file pipeline lives in analyze_parsed.cpp (one copy, shared with the language
// server, which passes its own incrementally reparsed trees); this file adds the whole-set
// entry points.
#include "analyzer/engine/analyze.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <iterator>
#include <thread>

#include "analyzer/engine/analyze_parsed.h"
#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"

namespace berth {

std::vector<Finding> analyze_source(const SourceFile& source, FileKind kind, const RuleSet& rules,
                                    ClusterCollector* cluster) {
  return analyze_parsed(source, kind, rules, /*tree=*/nullptr, cluster);
}

std::vector<Finding> analyze_cluster(ClusterCollector& cluster, const RuleSet& rules,
                                     unsigned jobs) {
  const k8s::ClusterIndex& index = cluster.index;
  std::vector<const ActiveRule*> cross_rules;
  for (const ActiveRule& rule : rules.active()) {
    if (rule.rule->is_cross_resource()) cross_rules.push_back(&rule);
  }
  // Each rule's findings apart, joined in rule order: the result does not depend on which
  // thread ran which rule.
  std::vector<std::vector<Finding>> by_rule(cross_rules.size());
  auto run = [&](size_t i) {
    const ActiveRule& rule = *cross_rules[i];
    CrossResourceContext context(rule, rules.config(), by_rule[i]);
    try {
      rule.rule->check_cross_resource(index, context);
    } catch (const std::exception&) {
      // Cross-resource facts are plain data; a throw here is a bug in the rule, reported
      // as nothing rather than a crash of the whole run.
    }
  };
  const unsigned threads = std::min<size_t>(jobs, cross_rules.size());
  if (threads <= 1) {
    for (size_t i = 0; i < cross_rules.size(); ++i) run(i);
  } else {
    // After a whole scan this pass is single-threaded time; rules take the next one free.
    std::atomic<size_t> next{0};
    auto worker = [&] {
      for (size_t i = next++; i < cross_rules.size(); i = next++) run(i);
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
    worker();
    for (std::thread& thread : pool) thread.join();
  }
  size_t total = 0;
  for (const auto& list : by_rule) total += list.size();
  std::vector<Finding> findings;
  findings.reserve(total);
  for (auto& list : by_rule) std::move(list.begin(), list.end(), std::back_inserter(findings));
  apply_deferred_suppressions(findings, cluster.deferred, rules);
  return findings;
}

}  // namespace berth
