// `--format json`: the stable machine interface documented in the README (version 1).
#include <nlohmann/json.hpp>

#include "analyzer/engine/rule.h"
#include "analyzer/output/report.h"

namespace berth {

static nlohmann::json fix_json(const Fix& fix) {
  nlohmann::json edits = nlohmann::json::array();
  for (const TextEdit& edit : fix.edits) {
    edits.push_back({{"line", edit.start.line},
                     {"column", edit.start.column},
                     {"end_line", edit.end.line},
                     {"end_column", edit.end.column},
                     {"replacement", edit.replacement}});
  }
  return {{"title", fix.title}, {"safe", fix.safe}, {"edits", edits}};
}

void write_json(const ScanResult& result, const RuleSet& rules, const ReportOptions& options,
                std::ostream& out) {
  (void)rules;
  (void)options;
  nlohmann::json findings = nlohmann::json::array();
  nlohmann::json by_severity = {{"error", 0}, {"warning", 0}, {"info", 0}};
  for (const Finding& finding : result.findings) {
    by_severity[std::string(to_string(finding.severity))] =
        by_severity[std::string(to_string(finding.severity))].get<int>() + 1;
    nlohmann::json item = {{"code", finding.rule->code},
                           {"name", finding.rule->name},
                           {"severity", to_string(finding.severity)},
                           {"path", finding.path},
                           {"line", finding.start.line},
                           {"column", finding.start.column},
                           {"end_line", finding.end.line},
                           {"end_column", finding.end.column},
                           {"message", finding.message},
                           {"fix", finding.fix ? fix_json(*finding.fix) : nlohmann::json()}};
    if (!finding.logical.empty()) {
      item["object"] = {{"kind", finding.logical.kind},
                        {"namespace", finding.logical.namespace_},
                        {"name", finding.logical.name},
                        {"container", finding.logical.container}};
    }
    findings.push_back(std::move(item));
  }
  nlohmann::json errors = nlohmann::json::array();
  for (const FileError& error : result.errors) {
    errors.push_back({{"path", error.path}, {"message", error.message}});
  }
  nlohmann::json report = {{"version", 1},
                           {"findings", findings},
                           {"summary",
                            {{"files", result.files},
                             {"findings", result.findings.size()},
                             {"by_severity", by_severity},
                             {"seconds", result.seconds}}},
                           {"errors", errors}};
  // Invalid UTF-8 in a source line or message must not abort the report.
  out << report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace berth
