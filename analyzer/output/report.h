// Report writers: every output format reads the same sorted findings.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "analyzer/engine/analyze.h"

namespace berth {

struct ReportOptions {
  bool color = false;
  bool quiet = false;          // text: no summary line
  std::string sarif_category;  // automationDetails.id ("/" appended when missing)
  // GitHub code scanning rejects a run with more results, or a file larger than this once
  // gzipped. Settable so tests can exercise the truncation on small inputs.
  size_t sarif_max_results = 25000;
  size_t sarif_max_gzip_bytes = 10 * 1000 * 1000;
  // Threads for serialising and measuring large reports (0: all cores), as `--jobs`.
  unsigned jobs = 0;
  // The output is a file a writer may seek back in and rewrite from an earlier position
  // (its owner cuts it after the last byte written): SARIF then writes a large log while
  // it measures it, instead of after.
  bool rewindable_output = false;
};

void write_text(const ScanResult& result, const RuleSet& rules, const ReportOptions& options,
                std::ostream& out);
void write_json(const ScanResult& result, const RuleSet& rules, const ReportOptions& options,
                std::ostream& out);
// Returns what the user must be told on stderr (results left out to fit GitHub's limits).
std::vector<std::string> write_sarif(const ScanResult& result, const RuleSet& rules,
                                     const ReportOptions& options, std::ostream& out);
// GitHub Actions workflow commands (`::error file=…::message`): annotations on the PR diff.
void write_github(const ScanResult& result, const RuleSet& rules, const ReportOptions& options,
                  std::ostream& out);
// Checkstyle XML (reviewdog, Jenkins warnings-ng, many CI dashboards).
void write_checkstyle(const ScanResult& result, const RuleSet& rules, const ReportOptions& options,
                      std::ostream& out);
// JUnit XML: one test suite per file, one failing test case per finding.
void write_junit(const ScanResult& result, const RuleSet& rules, const ReportOptions& options,
                 std::ostream& out);
// GitLab Code Quality JSON (artifacts:reports:codequality).
void write_gitlab(const ScanResult& result, const RuleSet& rules, const ReportOptions& options,
                  std::ostream& out);

// Rule docs URL used by SARIF helpUri and LSP codeDescription.
std::string rule_help_uri(const RuleInfo& rule);

}  // namespace berth
