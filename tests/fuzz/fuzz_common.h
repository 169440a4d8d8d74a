// Shared by the fuzz targets: the CLI's per-file pipeline on one in-memory file, with the
// default rule set, ending in the SARIF writer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "analyzer/engine/analyze.h"
#include "analyzer/output/report.h"
#include "rules/registry.h"

namespace berth::fuzz {

// The default rule set, resolved once: the catalogue with an empty config and no command-line
// selection, as `berth check` runs without a .berth.yaml.
inline const RuleSet& default_rules() {
  static const Config config;
  static const RuleSet rules = [] {
    auto resolved = RuleSet::resolve(rules::catalogue(), config, RuleSelection{});
    return std::get<RuleSet>(std::move(resolved));
  }();
  return rules;
}

// What scan() does for one file read from stdin under `name`, then what run_check() does
// with --format sarif: per-file rules, the cross-resource pass, sorting, the SARIF report.
inline void check_one_file(const uint8_t* data, size_t size, const char* name, FileKind kind) {
  const RuleSet& rules = default_rules();
  SourceFile source(name, std::string(reinterpret_cast<const char*>(data), size));
  ClusterCollector cluster;
  std::vector<Finding> findings = analyze_source(source, kind, rules, &cluster);
  std::vector<std::string> failures;
  std::vector<Finding> cross = analyze_cluster(cluster, rules, &failures);
  findings.insert(findings.end(), cross.begin(), cross.end());
  // A rule that throws is a bug: a user's run reports it and goes on (an "internal error"
  // finding, or an error for the cross-resource pass), but here it must stop the fuzzer.
  for (const Finding& finding : findings) {
    if (finding.message.starts_with(kRuleInternalError)) failures.push_back(finding.message);
  }
  if (!failures.empty()) {
    std::fprintf(stderr, "%s: %s\n", name, failures.front().c_str());
    std::abort();
  }
  ScanResult result;
  result.findings = FindingLog(std::move(findings));
  result.files = 1;
  std::ostringstream out;
  ReportOptions options;
  write_sarif(result, rules, options, out);
}

}  // namespace berth::fuzz
