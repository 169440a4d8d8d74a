// The per-file pipeline lives in analyze_parsed.cpp (one copy, shared with the language
// server, which passes its own incrementally reparsed trees); this file adds the whole-set
// entry points.
#include "analyzer/engine/analyze.h"

#include <exception>

#include "analyzer/engine/analyze_parsed.h"
#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"

namespace berth {

std::vector<Finding> analyze_source(const SourceFile& source, FileKind kind, const RuleSet& rules,
                                    ClusterCollector* cluster) {
  return analyze_parsed(source, kind, rules, /*tree=*/nullptr, cluster);
}

std::vector<Finding> analyze_cluster(ClusterCollector& cluster, const RuleSet& rules) {
  const k8s::ClusterIndex& index = cluster.index;
  std::vector<Finding> findings;
  for (const ActiveRule& rule : rules.active()) {
    if (!rule.rule->is_cross_resource()) continue;
    CrossResourceContext context(rule, rules.config(), findings);
    try {
      rule.rule->check_cross_resource(index, context);
    } catch (const std::exception&) {
      // Cross-resource facts are plain data; a throw here is a bug in the rule, reported
      // as nothing rather than a crash of the whole run.
    }
  }
  apply_deferred_suppressions(findings, cluster.deferred, rules);
  return findings;
}

}  // namespace berth
