// `--format junit`: JUnit XML for CI systems that only understand test reports (GitLab's
// `artifacts:reports:junit`, Jenkins, Azure Pipelines). Each file with findings is a test
// suite and each finding a failing test case; a clean run is one passing test case, so the
// report is never empty. No timings: the output is deterministic.
#include <map>

#include "analyzer/engine/rule.h"
#include "analyzer/output/output_util.h"
#include "analyzer/output/report.h"

namespace berth {

void write_junit(const ScanResult& result, const RuleSet& rules, const ReportOptions& options,
                 std::ostream& out) {
  (void)rules;
  (void)options;
  using output::xml_escape;
  const size_t failures = result.findings.size();
  const size_t errors = result.errors.size();
  const size_t tests = failures + errors + (failures + errors == 0 ? 1 : 0);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<testsuites name=\"berth\" tests=\"" << tests << "\" failures=\"" << failures
      << "\" errors=\"" << errors << "\">\n";
  // Findings are sorted by path: one suite per file, written once its findings are counted.
  std::vector<Finding> suite;
  auto write_suite = [&] {
    if (suite.empty()) return;
    const std::string path = xml_escape(suite.front().path);
    out << "  <testsuite name=\"" << path << "\" tests=\"" << suite.size() << "\" failures=\""
        << suite.size() << "\" errors=\"0\">\n";
    for (const Finding& finding : suite) {
      const std::string position =
          std::to_string(finding.start.line) + ":" + std::to_string(finding.start.column);
      out << "    <testcase name=\"" << finding.rule->code << " " << finding.rule->name << " at "
          << position << "\" classname=\"" << path << "\" file=\"" << path << "\" line=\""
          << finding.start.line << "\">\n"
          << "      <failure type=\"" << to_string(finding.severity) << "\" message=\""
          << xml_escape(finding.message) << "\">" << path << ":" << position << ": "
          << to_string(finding.severity) << ": " << xml_escape(finding.message) << " ["
          << finding.rule->code << " " << finding.rule->name << "]</failure>\n"
          << "    </testcase>\n";
    }
    out << "  </testsuite>\n";
    suite.clear();
  };
  for (const Finding& finding : result.findings) {
    if (!suite.empty() && suite.front().path != finding.path) write_suite();
    suite.push_back(finding);
  }
  write_suite();
  if (errors > 0) {
    out << "  <testsuite name=\"berth input errors\" tests=\"" << errors << "\" failures=\"0\" "
        << "errors=\"" << errors << "\">\n";
    for (const FileError& error : result.errors) {
      out << "    <testcase name=\"" << xml_escape(error.path) << "\" classname=\"berth\">\n"
          << "      <error message=\"" << xml_escape(error.message) << "\"/>\n"
          << "    </testcase>\n";
    }
    out << "  </testsuite>\n";
  }
  if (failures + errors == 0) {
    out << "  <testsuite name=\"berth\" tests=\"1\" failures=\"0\" errors=\"0\">\n"
        << "    <testcase name=\"no findings\" classname=\"berth\"/>\n"
        << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
}

}  // namespace berth
