// Escaping and edge cases of the CI formats that goldens do not reach: GitHub workflow
// command escaping, XML escaping of hostile text, GitLab fingerprints.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "analyzer/output/report.h"
#include "rules/registry.h"
#include "tests/cli/cli_support.h"
#include "tests/support/test_support.h"

namespace berth::test {

namespace {

struct OneFinding {
  Config config;
  RuleSet rules;
  ScanResult result;
};

std::unique_ptr<OneFinding> one_finding(const std::string& path, const std::string& message) {
  auto out = std::make_unique<OneFinding>();
  auto resolved = RuleSet::resolve(rules::catalogue(), out->config, {});
  REQUIRE(std::holds_alternative<RuleSet>(resolved));
  out->rules = std::get<RuleSet>(std::move(resolved));
  Finding finding;
  finding.rule = &out->rules.find("DF301")->rule->info();
  finding.severity = Severity::Error;
  finding.path = path;
  finding.start = {2, 5, 5, 0};
  finding.end = {2, 9, 9, 0};
  finding.message = message;
  finding.source_line = "ENV X=1";
  out->result.findings = FindingLog({finding});
  return out;
}

}  // namespace

TEST_CASE("github: workflow command escaping") {
  // Paths are made relative to the repository root: run where that is a temporary root.
  TempDir dir;
  const std::filesystem::path cwd = std::filesystem::current_path();
  std::filesystem::current_path(dir.path());
  auto data = one_finding("odd,name:x.Dockerfile", "100% bad\r\nsecond line: a, b");
  std::ostringstream out;
  write_github(data->result, data->rules, {}, out);
  CHECK(out.str() ==
        "::error file=odd%2Cname%3Ax.Dockerfile,line=2,col=5,endLine=2,endColumn=9,"
        "title=DF301 secret-in-env::100%25 bad%0D%0Asecond line: a, b\n");
  std::filesystem::current_path(cwd);
}

TEST_CASE("github: severities map to error, warning and notice") {
  TempDir dir;
  copy_fixture("project", dir.path());
  const RunResult run = run_berth({"check", "-f", "github", "."}, dir.path());
  CHECK(run.out.find("::error file=Dockerfile,line=4,") != std::string::npos);
  CHECK(run.out.find("::warning file=Dockerfile,line=1,") != std::string::npos);
  CHECK(run.out.find("::notice file=Dockerfile,line=3,") != std::string::npos);
  // Paths are relative to the repository root even from a subdirectory.
  const RunResult sub = run_berth({"check", "-f", "github", "."}, dir.path() / "k8s");
  CHECK(sub.out.find("file=k8s/deploy.yaml,") != std::string::npos);
}

TEST_CASE("xml formats: hostile text is escaped and invalid UTF-8 replaced") {
  auto data = one_finding("a&b<c>.Dockerfile", "quote \" apostrophe ' bell \x07 bad \xff end");
  std::ostringstream checkstyle, junit;
  write_checkstyle(data->result, data->rules, {}, checkstyle);
  write_junit(data->result, data->rules, {}, junit);
  CHECK(checkstyle.str().find("name=\"a&amp;b&lt;c&gt;.Dockerfile\"") != std::string::npos);
  CHECK(checkstyle.str().find("message=\"quote &quot; apostrophe &apos; bell \xEF\xBF\xBD bad "
                              "\xEF\xBF\xBD end\"") != std::string::npos);
  CHECK(checkstyle.str().find("source=\"berth.DF301\"") != std::string::npos);
  CHECK(junit.str().find("<failure type=\"error\" message=\"quote &quot;") != std::string::npos);
  CHECK(junit.str().find("\xff") == std::string::npos);
}

TEST_CASE("gitlab: fingerprints are unique and survive moved lines") {
  TempDir dir;
  copy_fixture("project", dir.path());
  const RunResult before = run_berth({"check", "-f", "gitlab", "."}, dir.path());
  const nlohmann::json issues = nlohmann::json::parse(before.out);
  std::set<std::string> fingerprints;
  for (const nlohmann::json& issue : issues) {
    fingerprints.insert(issue["fingerprint"].get<std::string>());
    CHECK(issue["location"]["lines"]["begin"].get<int>() >= 1);
    const std::string severity = issue["severity"];
    CHECK((severity == "info" || severity == "major" || severity == "critical"));
  }
  CHECK(fingerprints.size() == issues.size());
  // Insert lines above every finding: lines move, fingerprints do not.
  const std::string original = read_file((dir.path() / "Dockerfile").string());
  write_text_file(dir.path() / "Dockerfile", "# a\n# b\n" + original);
  const RunResult after = run_berth({"check", "-f", "gitlab", "."}, dir.path());
  std::set<std::string> moved;
  for (const nlohmann::json& issue : nlohmann::json::parse(after.out)) {
    moved.insert(issue["fingerprint"].get<std::string>());
  }
  CHECK(moved == fingerprints);
}

TEST_CASE("formats: unknown format is a usage error") {
  TempDir dir;
  const RunResult run = run_berth({"check", "-f", "yaml", "."}, dir.path());
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("unknown --format 'yaml'") != std::string::npos);
}

}  // namespace berth::test
