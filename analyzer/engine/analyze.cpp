// The per-file pipeline lives in analyze_parsed.cpp (one copy, shared with the language
// server, which passes its own incrementally reparsed trees); this file adds the whole-set
// entry points.
#include "analyzer/engine/analyze.h"

#include <exception>
#include <iterator>
#include <string>

#include "analyzer/engine/analyze_parsed.h"
#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"

namespace berth {

std::vector<Finding> analyze_source(const SourceFile& source, FileKind kind, const RuleSet& rules,
                                    ClusterCollector* cluster) {
  return analyze_parsed(source, kind, rules, /*tree=*/nullptr, cluster);
}

std::vector<Finding> analyze_cluster(ClusterCollector& cluster, const RuleSet& rules,
                                     std::vector<std::string>* failures) {
  const k8s::ClusterIndex& index = cluster.index;
  std::vector<Finding> findings;
  for (const ActiveRule& rule : rules.active()) {
    if (!rule.rule->is_cross_resource()) continue;
    // Into a list of its own, so that a rule that throws halfway leaves nothing behind.
    std::vector<Finding> found;
    CrossResourceContext context(rule, rules.config(), found);
    try {
      rule.rule->check_cross_resource(index, context);
    } catch (const std::exception& e) {
      // Cross-resource facts are plain data; a throw here is a bug in the rule. No file is
      // to blame, so it is not a finding: the caller reports it (the CLI as an error).
      if (failures) {
        failures->push_back("internal error in cross-resource rule " +
                            std::string(rule.rule->info().code) + ": " + e.what());
      }
      continue;
    }
    findings.insert(findings.end(), std::make_move_iterator(found.begin()),
                    std::make_move_iterator(found.end()));
  }
  apply_deferred_suppressions(findings, cluster.deferred, rules);
  return findings;
}

}  // namespace berth
