// `--format checkstyle`: Checkstyle XML, the lingua franca of CI warning collectors
// (reviewdog, Jenkins warnings-ng, SonarQube imports). One <file> per path, in report order.
#include <optional>
#include <string>

#include "analyzer/engine/rule.h"
#include "analyzer/output/output_util.h"
#include "analyzer/output/report.h"

namespace berth {

void write_checkstyle(const ScanResult& result, const RuleSet& rules, const ReportOptions& options,
                      std::ostream& out) {
  (void)rules;
  (void)options;
  using output::xml_escape;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n";
  std::optional<std::string> open_file;
  for (const Finding& finding : result.findings) {
    // Findings are sorted by path, so each file's findings are contiguous.
    if (!open_file || *open_file != finding.path) {
      if (open_file) out << "  </file>\n";
      out << "  <file name=\"" << xml_escape(finding.path) << "\">\n";
      open_file = finding.path;
    }
    out << "    <error line=\"" << finding.start.line << "\" column=\"" << finding.start.column
        << "\" severity=\"" << to_string(finding.severity) << "\" message=\""
        << xml_escape(finding.message) << "\" source=\"berth." << finding.rule->code << "\"/>\n";
  }
  if (open_file) out << "  </file>\n";
  for (const FileError& error : result.errors) {
    out << "  <file name=\"" << xml_escape(error.path) << "\">\n"
        << "    <error severity=\"error\" message=\"" << xml_escape(error.message)
        << "\" source=\"berth\"/>\n  </file>\n";
  }
  out << "</checkstyle>\n";
}

}  // namespace berth
