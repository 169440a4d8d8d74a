// `--format json`: the stable machine interface documented in the README (version 1).
#include <nlohmann/json.hpp>

#include <ostream>
#include <string>

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

// The report is written one finding at a time, so memory stays at one finding's JSON rather
// than a tree of the whole report. The bytes are those of nlohmann's dump(2) of the whole
// report: keys in sorted order (errors, findings, summary, version), each nested value dumped
// with indent 2 and shifted right by its depth. Raw newlines in a dump are only indentation
// (strings escape theirs), so shifting is inserting spaces after each '\n'.
static std::string dump(const nlohmann::json& value) {
  // Invalid UTF-8 in a source line or message must not abort the report.
  return value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

static void write_shifted(std::ostream& out, const std::string& text, size_t depth) {
  size_t begin = 0;
  for (size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', begin)) {
    out.write(text.data() + begin, static_cast<std::streamsize>(nl + 1 - begin));
    for (size_t i = 0; i < depth; ++i) out.put(' ');
    begin = nl + 1;
  }
  out.write(text.data() + begin, static_cast<std::streamsize>(text.size() - begin));
}

void write_json(const ScanResult& result, const RuleSet& rules, const ReportOptions& options,
                std::ostream& out) {
  (void)rules;
  (void)options;
  nlohmann::json errors = nlohmann::json::array();
  for (const FileError& error : result.errors) {
    errors.push_back({{"path", error.path}, {"message", error.message}});
  }
  out << "{\n  \"errors\": ";
  write_shifted(out, dump(errors), 2);
  out << ",\n  \"findings\": ";

  size_t by_severity[3] = {0, 0, 0};  // indexed by Severity: info, warning, error
  bool first = true;
  for (const Finding& finding : result.findings) {
    ++by_severity[static_cast<size_t>(finding.severity)];
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
    out << (first ? "[\n    " : ",\n    ");
    first = false;
    write_shifted(out, dump(item), 4);
  }
  out << (first ? "[]" : "\n  ]");

  const nlohmann::json summary = {
      {"files", result.files},
      {"findings", result.findings.size()},
      {"by_severity",
       {{"error", by_severity[static_cast<size_t>(Severity::Error)]},
        {"warning", by_severity[static_cast<size_t>(Severity::Warning)]},
        {"info", by_severity[static_cast<size_t>(Severity::Info)]}}},
      {"seconds", result.seconds}};
  out << ",\n  \"summary\": ";
  write_shifted(out, dump(summary), 2);
  out << ",\n  \"version\": 1\n}\n";
}

}  // namespace berth
