// `--format gitlab`: GitLab Code Quality JSON (`artifacts:reports:codequality`), shown in
// merge request widgets and diffs. Required per issue: description, check_name, fingerprint,
// severity, location.path and location.lines.begin.
#include <llvm/ADT/SmallString.h>
#include <llvm/Support/MD5.h>

#include <map>
#include <nlohmann/json.hpp>
#include <tuple>

#include "analyzer/engine/rule.h"
#include "analyzer/output/output_util.h"
#include "analyzer/output/report.h"

namespace berth {

namespace {

// GitLab's scale is info | minor | major | critical | blocker.
const char* gitlab_severity(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return "critical";
    case Severity::Warning:
      return "major";
    case Severity::Info:
      return "info";
  }
  return "major";
}

std::string trimmed(std::string_view text) {
  const size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return "";
  const size_t end = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(begin, end - begin + 1));
}

}  // namespace

void write_gitlab(const ScanResult& result, const RuleSet& rules, const ReportOptions& options,
                  std::ostream& out) {
  (void)rules;
  (void)options;
  const std::string root = output::source_root();
  nlohmann::json issues = nlohmann::json::array();
  // GitLab matches issues across pipelines by fingerprint, so it must survive unrelated edits
  // that move lines: it hashes the rule, the path, the flagged line's text and the message,
  // never line numbers, plus an occurrence count to tell identical findings apart.
  std::map<std::tuple<std::string_view, std::string, std::string, std::string>, size_t> seen;
  for (const Finding& finding : result.findings) {
    const std::string path = output::repository_path(finding.path, root);
    const std::string line = trimmed(finding.source_line);
    const size_t occurrence = seen[{finding.rule->code, path, line, finding.message}]++;
    llvm::MD5 md5;
    for (std::string_view part :
         {std::string_view("berth"), finding.rule->code, std::string_view(path),
          std::string_view(line), std::string_view(finding.message)}) {
      md5.update(part);
      md5.update(llvm::StringRef("\0", 1));
    }
    md5.update(std::to_string(occurrence));
    llvm::MD5::MD5Result digest;
    md5.final(digest);
    issues.push_back(
        {{"type", "issue"},
         {"engine_name", "berth"},
         {"check_name", finding.rule->code},
         {"description", std::string(finding.rule->code) + " " + std::string(finding.rule->name) +
                             ": " + finding.message},
         {"categories",
          nlohmann::json::array({finding.rule->security_severity.empty() ? "Style" : "Security"})},
         {"severity", gitlab_severity(finding.severity)},
         {"fingerprint", std::string(digest.digest().str())},
         {"location",
          {{"path", path},
           {"lines",
            {{"begin", finding.start.line},
             {"end", std::max(finding.end.line, finding.start.line)}}}}}});
  }
  out << issues.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace berth
