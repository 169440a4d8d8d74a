// Compiler-style text: `path:line:col: severity: message [CODE name]`, the source line and a
// caret underline, then a summary.
#include <algorithm>
#include <cstdio>
#include <map>

#include "analyzer/engine/rule.h"
#include "analyzer/output/report.h"

namespace berth {

namespace {

const char* severity_color(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return "\033[1;31m";
    case Severity::Warning:
      return "\033[1;35m";
    case Severity::Info:
      return "\033[1;36m";
  }
  return "";
}

// Expands tabs so the carets line up with what a terminal shows.
std::string expand_tabs(std::string_view line, uint32_t* column_cp) {
  std::string out;
  uint32_t cp = 0;
  uint32_t new_column = 0;
  bool mapped = false;
  for (size_t i = 0; i < line.size();) {
    if (!mapped && cp + 1 == *column_cp) {
      new_column = static_cast<uint32_t>(out.size()) + 1;
      mapped = true;
    }
    const unsigned char c = static_cast<unsigned char>(line[i]);
    if (c == '\t') {
      out.append(8 - (out.size() % 8), ' ');
      ++i;
    } else if (c < 0x20) {
      out.push_back(' ');  // never echo control characters to a terminal
      ++i;
    } else {
      size_t length = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
      length = std::min(length, line.size() - i);
      out.append(line.substr(i, length));
      i += length;
    }
    ++cp;
  }
  if (!mapped) new_column = static_cast<uint32_t>(out.size()) + 1;
  *column_cp = new_column;
  return out;
}

}  // namespace

void write_text(const ScanResult& result, const RuleSet& rules, const ReportOptions& options,
                std::ostream& out) {
  (void)rules;
  const char* bold = options.color ? "\033[1m" : "";
  const char* reset = options.color ? "\033[0m" : "";
  const char* green = options.color ? "\033[32m" : "";
  std::map<Severity, size_t> counts;
  for (const Finding& finding : result.findings) {
    ++counts[finding.severity];
    out << bold << finding.path << ":" << finding.start.line << ":" << finding.start.column
        << ":" << reset << " " << (options.color ? severity_color(finding.severity) : "")
        << to_string(finding.severity) << ":" << reset << " " << finding.message << " ["
        << finding.rule->code << " " << finding.rule->name << "]\n";
    if (finding.source_line.empty() && finding.span.empty()) continue;
    uint32_t column = finding.start.column;
    const std::string line = expand_tabs(finding.source_line, &column);
    uint32_t width = 1;
    if (finding.end.line == finding.start.line && finding.end.column > finding.start.column) {
      uint32_t end_column = finding.end.column;
      expand_tabs(finding.source_line, &end_column);
      width = std::max<uint32_t>(1, end_column - column);
    } else if (finding.end.line > finding.start.line) {
      width = std::max<uint32_t>(1, static_cast<uint32_t>(line.size()) + 1 - column);
    }
    out << "  " << line << "\n  " << std::string(column - 1, ' ') << green << "^"
        << std::string(width - 1, '~') << reset << "\n";
  }
  for (const FileError& error : result.errors) {
    out << bold << error.path << ":" << reset << " error: " << error.message << "\n";
  }
  if (options.quiet) return;
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.2f", result.seconds);
  out << result.files << (result.files == 1 ? " file" : " files") << " checked, "
      << result.findings.size() << (result.findings.size() == 1 ? " finding" : " findings");
  if (!result.findings.empty()) {
    out << " (" << counts[Severity::Error] << " error, " << counts[Severity::Warning]
        << " warning, " << counts[Severity::Info] << " info)";
  }
  out << " in " << seconds << "s\n";
}

}  // namespace berth
