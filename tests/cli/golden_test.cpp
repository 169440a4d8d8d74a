// Golden files for every output format, produced by build/berth on tests/cli/fixtures/project
// (copied to a temporary repository root so paths and %SRCROOT% do not depend on the
// checkout). Machine-specific values (the %SRCROOT% uri, timings) are normalised; SARIF rule
// docs are replaced by a placeholder so editing a rule's prose does not churn the goldens.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "tests/cli/cli_support.h"
#include "tests/support/test_support.h"

namespace berth::test {

namespace {

// A fixed rule set: the goldens follow these rules only, not the growing catalogue.
const std::vector<std::string> kRules = {
    "--only", "DF201",  "--only", "DF301",  "--only", "DF505",  "--only", "DF506",  "--only",
    "DF507",  "--only", "K8S101", "--only", "K8S102", "--only", "K8S106", "--only", "K8S501"};

std::vector<std::string> check_args(std::vector<std::string> extra) {
  std::vector<std::string> args = {"check"};
  args.insert(args.end(), kRules.begin(), kRules.end());
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

std::string normalize_sarif(const std::string& text) {
  nlohmann::json log = nlohmann::json::parse(text);
  for (nlohmann::json& run : log["runs"]) {
    run["originalUriBaseIds"]["%SRCROOT%"]["uri"] = "file:///SRCROOT/";
    for (nlohmann::json& rule : run["tool"]["driver"]["rules"]) {
      CHECK(!rule["help"]["text"].get<std::string>().empty());
      CHECK(rule["help"]["markdown"].get<std::string>().find("## ") != std::string::npos);
      rule["help"] = {{"text", "<rule docs>"}, {"markdown", "<rule docs>"}};
      rule["fullDescription"]["text"] = "<first paragraph of the rule docs>";
    }
  }
  return log.dump(2) + "\n";
}

std::string normalize_time(const std::string& text) {
  return std::regex_replace(text, std::regex(R"( in [0-9]+\.[0-9]+s)"), " in 0.00s");
}

}  // namespace

TEST_CASE("golden: every output format on the project fixture") {
  TempDir dir;
  copy_fixture("project", dir.path());

  SUBCASE("sarif") {
    const RunResult run = run_berth(
        check_args({"--format", "sarif", "--sarif-category", "berth/fixtures", "."}), dir.path());
    CHECK(run.exit_code == 1);
    CHECK(run.err.empty());
    save_sarif("golden-project", run.out);
    // The real %SRCROOT% is the temporary root, as an absolute file URI ending in '/'.
    const nlohmann::json log = nlohmann::json::parse(run.out);
    const std::string root = log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"];
    CHECK(root.starts_with("file:///"));
    CHECK(root.ends_with("/"));
    check_golden("project.sarif", normalize_sarif(run.out));
  }
  SUBCASE("sarif, clean run: empty results, exit 0") {
    const RunResult run = run_berth(check_args({"--format", "sarif", "clean"}), dir.path());
    CHECK(run.exit_code == 0);
    save_sarif("golden-clean", run.out);
    check_golden("clean.sarif", normalize_sarif(run.out));
  }
  SUBCASE("text") {
    const RunResult run = run_berth(check_args({"--color", "never", "."}), dir.path());
    CHECK(run.exit_code == 1);
    check_golden("project.txt", normalize_time(run.out));
  }
  SUBCASE("json") {
    const RunResult run = run_berth(check_args({"--format", "json", "."}), dir.path());
    CHECK(run.exit_code == 1);
    nlohmann::json report = nlohmann::json::parse(run.out);
    report["summary"]["seconds"] = 0;
    check_golden("project.json", report.dump(2) + "\n");
  }
  SUBCASE("github") {
    const RunResult run = run_berth(check_args({"--format", "github", "."}), dir.path());
    CHECK(run.exit_code == 1);
    check_golden("project.github.txt", run.out);
  }
  SUBCASE("checkstyle") {
    const RunResult run = run_berth(check_args({"--format", "checkstyle", "."}), dir.path());
    CHECK(run.exit_code == 1);
    check_golden("project.checkstyle.xml", run.out);
  }
  SUBCASE("junit") {
    const RunResult run = run_berth(check_args({"--format", "junit", "."}), dir.path());
    CHECK(run.exit_code == 1);
    check_golden("project.junit.xml", run.out);
  }
  SUBCASE("junit, clean run") {
    const RunResult run = run_berth(check_args({"--format", "junit", "clean"}), dir.path());
    CHECK(run.exit_code == 0);
    check_golden("clean.junit.xml", run.out);
  }
  SUBCASE("gitlab") {
    const RunResult run = run_berth(check_args({"--format", "gitlab", "."}), dir.path());
    CHECK(run.exit_code == 1);
    check_golden("project.gitlab.json", run.out);
  }
}

}  // namespace berth::test
