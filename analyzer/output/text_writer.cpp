// Compiler-style text: `path:line:col: severity: message [CODE name]`, the source line and a
// caret underline, then a summary.
#include <algorithm>
#include <cstdio>
#include <map>
#include <vector>

#include "analyzer/engine/rule.h"
#include "analyzer/output/report.h"
#include "analyzer/source/line_index.h"

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

// The line as a terminal shows it (tabs expanded, control characters blanked), and the
// display column (1-based, in terminal cells) of each code-point column, so the carets line
// up under non-ASCII text too.
struct RenderedLine {
  std::string text;
  std::vector<uint32_t> display_column;  // index: code-point column - 1; one past the end too
};

// Terminals give East Asian wide characters and emoji two cells (a coarse wcwidth: the main
// wide blocks, enough to keep carets aligned under CJK text and emoji).
bool is_wide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF && c != 0x303F) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
         (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x20000 && c <= 0x3FFFD);
}

RenderedLine render_line(std::string_view line) {
  RenderedLine out;
  uint32_t cells = 0;
  for (size_t i = 0; i < line.size();) {
    out.display_column.push_back(cells + 1);
    const unsigned char c = static_cast<unsigned char>(line[i]);
    if (c == '\t') {
      const uint32_t width = 8 - (cells % 8);
      out.text.append(width, ' ');
      cells += width;
      ++i;
    } else if (c < 0x20 || c == 0x7F) {
      out.text.push_back(' ');  // never echo control characters to a terminal
      ++cells;
      ++i;
    } else {
      char32_t code_point = 0;
      const uint32_t length = decode_utf8(line, i, &code_point);
      if (length == 1 && c >= 0x80) {
        out.text += "\xEF\xBF\xBD";  // invalid UTF-8 shows as U+FFFD
      } else {
        out.text.append(line.substr(i, length));
      }
      cells += is_wide(code_point) ? 2 : 1;
      i += length;
    }
  }
  out.display_column.push_back(cells + 1);
  return out;
}

uint32_t display_column(const RenderedLine& line, uint32_t column) {
  if (column == 0) return 1;
  if (column - 1 < line.display_column.size()) return line.display_column[column - 1];
  return line.display_column.back() + (column - static_cast<uint32_t>(line.display_column.size()));
}

}  // namespace

void write_text(const ScanResult& result, const RuleSet& rules, const ReportOptions& options,
                std::ostream& out) {
  (void)rules;
  const char* bold = options.color ? "\033[1m" : "";
  const char* reset = options.color ? "\033[0m" : "";
  const char* green = options.color ? "\033[32m" : "";
  const char* cyan = options.color ? "\033[36m" : "";
  std::map<Severity, size_t> counts;
  size_t fixable = 0;
  for (const Finding& finding : result.findings) {
    ++counts[finding.severity];
    // Safe fixes are what --fix applies; unsafe ones change behaviour and are only offered.
    const bool has_fix = finding.fix && !finding.fix->edits.empty();
    if (has_fix && finding.fix->safe) ++fixable;
    auto print_fix = [&] {
      if (!has_fix) return;
      out << "  " << cyan << (finding.fix->safe ? "fix available: " : "fix available (unsafe): ")
          << reset << finding.fix->title << "\n";
    };
    out << bold << finding.path << ":" << finding.start.line << ":" << finding.start.column << ":"
        << reset << " " << (options.color ? severity_color(finding.severity) : "")
        << to_string(finding.severity) << ":" << reset << " " << finding.message << " ["
        << finding.rule->code << " " << finding.rule->name << "]\n";
    if (finding.source_line.empty() && finding.span.empty()) {
      print_fix();
      continue;
    }
    const RenderedLine line = render_line(finding.source_line);
    const uint32_t column = display_column(line, finding.start.column);
    uint32_t width = 1;
    if (finding.end.line == finding.start.line && finding.end.column > finding.start.column) {
      width = std::max<uint32_t>(1, display_column(line, finding.end.column) - column);
    } else if (finding.end.line > finding.start.line) {
      width = std::max<uint32_t>(1, line.display_column.back() - column);
    }
    out << "  " << line.text << "\n  " << std::string(column - 1, ' ') << green << "^"
        << std::string(width - 1, '~') << reset << "\n";
    print_fix();
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
  if (fixable > 0) out << ", " << fixable << " fixable with --fix";
  out << " in " << seconds << "s\n";
}

}  // namespace berth
