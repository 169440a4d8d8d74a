// `--format github`: GitHub Actions workflow commands, which the runner turns into
// annotations on the pull request's diff:
//   ::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=CODE name::message
// Escaping follows the runner (actions/toolkit `command.ts`): the message escapes %, \r and
// \n; property values also escape ':' and ','.
#include <algorithm>

#include "analyzer/engine/rule.h"
#include "analyzer/output/output_util.h"
#include "analyzer/output/report.h"

namespace berth {

namespace {

std::string escape_data(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string escape_property(std::string_view text) {
  std::string out;
  for (const char c : escape_data(text)) {
    if (c == ':') {
      out += "%3A";
    } else if (c == ',') {
      out += "%2C";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

const char* command(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Info:
      return "notice";
  }
  return "warning";
}

}  // namespace

void write_github(const ScanResult& result, const RuleSet& rules, const ReportOptions& options,
                  std::ostream& out) {
  (void)rules;
  (void)options;
  const std::string root = output::source_root();
  for (const Finding& finding : result.findings) {
    // The runner resolves `file` against the repository root (GITHUB_WORKSPACE).
    const std::string title =
        std::string(finding.rule->code) + " " + std::string(finding.rule->name);
    out << "::" << command(finding.severity)
        << " file=" << escape_property(output::repository_path(finding.path, root))
        << ",line=" << finding.start.line << ",col=" << finding.start.column
        << ",endLine=" << std::max(finding.end.line, finding.start.line)
        << ",endColumn=" << finding.end.column << ",title=" << escape_property(title)
        << "::" << escape_data(output::valid_utf8(finding.message)) << "\n";
  }
  for (const FileError& error : result.errors) {
    out << "::error file=" << escape_property(output::repository_path(error.path, root))
        << ",title=berth::" << escape_data(error.message) << "\n";
  }
}

}  // namespace berth
