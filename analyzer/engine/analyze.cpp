// The per-file pipeline lives in analyze_parsed.cpp (one copy, shared with the language
// server, which passes its own incrementally reparsed trees); this file adds the whole-set
// entry points.
#include "analyzer/engine/analyze.h"

#include <exception>
#include <iterator>
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

std::vector<Finding> analyze_cluster(ClusterCollector& cluster, const RuleSet& rules,
                                     std::vector<std::string>* failures, unsigned jobs) {
  const k8s::ClusterIndex& index = cluster.index;
  std::vector<const ActiveRule*> cross_rules;
  for (const ActiveRule& rule : rules.active()) {
    if (rule.rule->is_cross_resource()) cross_rules.push_back(&rule);
  }
  // Each rule reports into a list of its own, so that a rule that throws halfway leaves
  // nothing behind, and the lists are joined in rule order whichever thread ran them.
  std::vector<std::vector<Finding>> found(cross_rules.size());
  std::vector<std::string> thrown(cross_rules.size());
  auto run_rule = [&](size_t i) {
    const ActiveRule& rule = *cross_rules[i];
    CrossResourceContext context(rule, rules.config(), found[i]);
    try {
      rule.rule->check_cross_resource(index, context);
    } catch (const std::exception& e) {
      // Cross-resource facts are plain data; a throw here is a bug in the rule. No file is
      // to blame, so it is not a finding: the caller reports it (the CLI as an error).
      found[i].clear();
      thrown[i] = "internal error in cross-resource rule " + std::string(rule.rule->info().code) +
                  ": " + e.what();
    }
  };
  // After a large scan this pass is serial time on an otherwise idle machine: the rules only
  // read the index, so with jobs > 1 they run side by side.
  for_each_index(jobs, cross_rules.size(), run_rule);
  std::vector<Finding> findings;
  for (size_t i = 0; i < cross_rules.size(); ++i) {
    if (!thrown[i].empty()) {
      if (failures) failures->push_back(std::move(thrown[i]));
      continue;
    }
    findings.insert(findings.end(), std::make_move_iterator(found[i].begin()),
                    std::make_move_iterator(found[i].end()));
  }
  apply_deferred_suppressions(findings, cluster.deferred, rules);
  return findings;
}

}  // namespace berth
