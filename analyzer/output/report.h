// Report writers: every output format reads the same sorted findings.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "analyzer/engine/analyze.h"

namespace berth {

struct ReportOptions {
  bool color = false;
  bool quiet = false;           // text: no summary line
  std::string sarif_category;   // automationDetails.id
};

void write_text(const ScanResult& result, const RuleSet& rules, const ReportOptions& options,
                std::ostream& out);
void write_json(const ScanResult& result, const RuleSet& rules, const ReportOptions& options,
                std::ostream& out);
void write_sarif(const ScanResult& result, const RuleSet& rules, const ReportOptions& options,
                 std::ostream& out);

// Rule docs URL used by SARIF helpUri and LSP codeDescription.
std::string rule_help_uri(const RuleInfo& rule);

}  // namespace berth
