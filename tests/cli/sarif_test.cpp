// SARIF as GitHub code scanning reads it: UTF-16 regions, relative URIs under %SRCROOT%,
// logical locations, fixes, the full rules[] metadata, categories, and the upload limits
// (results per run, gzipped size) enforced by keeping the most severe results.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "analyzer/output/report.h"
#include "rules/registry.h"
#include "tests/cli/cli_support.h"
#include "tests/support/test_support.h"

namespace berth::test {

namespace {

using nlohmann::json;

const json* find_result(const json& log, const std::string& rule, const std::string& uri) {
  for (const json& result : log["runs"][0]["results"]) {
    if (result["ruleId"] == rule &&
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == uri) {
      return &result;
    }
  }
  return nullptr;
}

// A scan result with `count` synthetic findings cycling through three severities.
struct Synthetic {
  Config config;
  RuleSet rules;
  ScanResult result;
};

std::unique_ptr<Synthetic> synthetic(size_t count) {
  auto out = std::make_unique<Synthetic>();
  auto resolved = RuleSet::resolve(rules::catalogue(), out->config, {});
  REQUIRE(std::holds_alternative<RuleSet>(resolved));
  out->rules = std::get<RuleSet>(std::move(resolved));
  const char* codes[] = {"DF505", "DF201", "DF301"};  // info, warning, error
  std::vector<Finding> findings;
  for (size_t i = 0; i < count; ++i) {
    Finding& finding = findings.emplace_back();
    const ActiveRule* active = out->rules.find(codes[i % 3]);
    REQUIRE(active);
    finding.rule = &active->rule->info();
    finding.severity = active->severity;
    finding.path = "dir/file" + std::to_string(i / 50) + ".Dockerfile";
    finding.start.line = finding.end.line = static_cast<uint32_t>(i % 50 + 1);
    finding.end.column = finding.end.utf16_column = 10;
    finding.message = "synthetic finding number " + std::to_string(i) + " with some text";
  }
  out->result.findings = FindingLog(std::move(findings));
  out->result.files = count / 50 + 1;
  return out;
}

// Measured with gzip itself, independently of the writer's zlib estimate.
size_t gzip_size(const std::string& text) {
  const RunResult gzip = run_program({"gzip", "-c"}, std::filesystem::current_path(), text);
  REQUIRE(gzip.exit_code == 0);
  return gzip.out.size();
}

}  // namespace

TEST_CASE("sarif: regions, URIs, logical locations and fixes") {
  TempDir dir;
  copy_fixture("project", dir.path());
  const RunResult run = run_berth({"check", "-f", "sarif", "."}, dir.path());
  REQUIRE(run.exit_code == 1);
  save_sarif("project-all-rules", run.out);
  const json log = json::parse(run.out);
  const json& run0 = log["runs"][0];
  CHECK(log["runs"].size() == 1);
  CHECK(run0["columnKind"] == "utf16CodeUnits");
  CHECK(!run0.contains("automationDetails"));  // only with --sarif-category

  SUBCASE("columns are UTF-16 code units (the emoji before the span counts twice)") {
    const json* result = find_result(log, "DF505", "Dockerfile");
    REQUIRE(result);
    const json& region = (*result)["locations"][0]["physicalLocation"]["region"];
    CHECK(region["startLine"] == 3);
    CHECK(region["startColumn"] == 24);  // code point column 23, see the JSON output
    CHECK(region["endColumn"] == 39);
    const RunResult text = run_berth({"check", "-f", "json", "--only", "DF505", "."}, dir.path());
    const json finding = json::parse(text.out)["findings"][0];
    CHECK(finding["column"] == 23);
  }
  SUBCASE("relative, percent-encoded URIs under %SRCROOT%") {
    const json* result = find_result(log, "DF507", "docker/app%20v2.Dockerfile");
    REQUIRE(result);
    CHECK((*result)["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] ==
          "%SRCROOT%");
  }
  SUBCASE("every result has a full region") {
    REQUIRE(!run0["results"].empty());
    for (const json& result : run0["results"]) {
      const json& region = result["locations"][0]["physicalLocation"]["region"];
      for (const char* key : {"startLine", "startColumn", "endLine", "endColumn"}) {
        CHECK(region[key].get<int>() >= 1);
      }
      CHECK(run0["tool"]["driver"]["rules"][result["ruleIndex"].get<size_t>()]["id"] ==
            result["ruleId"]);
    }
  }
  SUBCASE("Kubernetes results carry logical locations") {
    const json* result = find_result(log, "K8S101", "k8s/deploy.yaml");
    REQUIRE(result);
    const json& logical = (*result)["locations"][0]["logicalLocations"];
    REQUIRE(logical.size() == 2);
    CHECK(logical[0]["fullyQualifiedName"] == "Deployment/shop/web");
    CHECK(logical[0]["properties"]["namespace"] == "shop");
    CHECK(logical[1]["name"] == "web");
    CHECK(logical[1]["kind"] == "member");
  }
  SUBCASE("fixes: an insertion is an empty deleted region") {
    const json* result = find_result(log, "DF505", "Dockerfile");
    REQUIRE(result);
    const json& fix = (*result)["fixes"][0];
    CHECK(fix["description"]["text"] == "Add --no-install-recommends");
    const json& replacement = fix["artifactChanges"][0]["replacements"][0];
    CHECK(replacement["deletedRegion"]["startColumn"] == replacement["deletedRegion"]["endColumn"]);
    CHECK(replacement["insertedContent"]["text"] == " --no-install-recommends");
  }
  SUBCASE("rules[] lists every enabled rule with GitHub's metadata") {
    const RunResult rules = run_berth({"rules", "--format", "json"}, dir.path());
    size_t enabled = 0;
    for (const json& rule : json::parse(rules.out)) enabled += rule["enabled_by_default"] ? 1 : 0;
    const json& sarif_rules = run0["tool"]["driver"]["rules"];
    CHECK(sarif_rules.size() == enabled);
    for (const json& rule : sarif_rules) {
      INFO(rule["id"]);
      CHECK(!rule["shortDescription"]["text"].get<std::string>().empty());
      CHECK(!rule["fullDescription"]["text"].get<std::string>().empty());
      CHECK(!rule["help"]["markdown"].get<std::string>().empty());
      CHECK(rule["helpUri"].get<std::string>().starts_with("https://"));
      const json& properties = rule["properties"];
      if (properties.contains("security-severity")) {
        CHECK(properties["security-severity"].is_string());
        CHECK(!properties.contains("problem.severity"));
      } else {
        CHECK(properties["problem.severity"].is_string());
      }
    }
  }
}

TEST_CASE("sarif: URIs stay relative to the repository root from a subdirectory") {
  TempDir dir;
  copy_fixture("project", dir.path());
  const RunResult run =
      run_berth({"check", "-f", "sarif", "--only", "K8S101", "."}, dir.path() / "k8s");
  save_sarif("subdirectory", run.out);
  const json log = json::parse(run.out);
  REQUIRE(log["runs"][0]["results"].size() == 1);
  CHECK(find_result(log, "K8S101", "k8s/deploy.yaml"));
}

TEST_CASE("sarif: --sarif-category becomes automationDetails.id with a trailing slash") {
  TempDir dir;
  copy_fixture("project", dir.path());
  for (const std::string category : {"berth", "berth/docker/"}) {
    const RunResult run = run_berth(
        {"check", "-f", "sarif", "--only", "DF201", "--sarif-category", category, "clean"},
        dir.path());
    CHECK(run.exit_code == 0);
    const json log = json::parse(run.out);
    const std::string expected = category.ends_with("/") ? category : category + "/";
    CHECK(log["runs"][0]["automationDetails"]["id"] == expected);
    CHECK(log["runs"][0]["results"] == json::array());
  }
}

TEST_CASE("sarif: input errors are notifications, stdout stays pure SARIF") {
  TempDir dir;
  const RunResult run = run_berth({"check", "-f", "sarif", "missing.yaml"}, dir.path());
  CHECK(run.exit_code == 2);
  save_sarif("input-error", run.out);
  const json log = json::parse(run.out);
  const json& invocation = log["runs"][0]["invocations"][0];
  CHECK(invocation["executionSuccessful"] == false);
  CHECK(invocation["toolExecutionNotifications"][0]["level"] == "error");
  CHECK(run.err.find("missing.yaml") != std::string::npos);
}

TEST_CASE("sarif: past 25,000 results the most severe are kept, with a notice") {
  auto data = synthetic(300);
  ReportOptions options;
  options.sarif_max_results = 100;
  std::ostringstream out;
  const std::vector<std::string> notices = write_sarif(data->result, data->rules, options, out);
  save_sarif("limit-results", out.str());
  const json log = json::parse(out.str());
  const json& results = log["runs"][0]["results"];
  REQUIRE(results.size() == 100);
  for (const json& result : results) CHECK(result["level"] == "error");  // 100 of the 100 errors
  REQUIRE(notices.size() == 1);
  CHECK(notices[0].find("200 of 300 results") != std::string::npos);
  const json& notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"];
  REQUIRE(notes.size() == 1);
  CHECK(notes[0]["level"] == "warning");
  CHECK(notes[0]["message"]["text"].get<std::string>().find("at most 100 results") !=
        std::string::npos);
  // Kept results stay in report order (by path and line).
  CHECK(results[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 3);
}

TEST_CASE("sarif: past the gzipped size limit the least severe results are dropped") {
  auto data = synthetic(3000);
  ReportOptions options;
  std::ostringstream full;
  CHECK(write_sarif(data->result, data->rules, options, full).empty());
  options.sarif_max_gzip_bytes = 60000;
  REQUIRE(gzip_size(full.str()) > options.sarif_max_gzip_bytes);
  std::ostringstream out;
  const std::vector<std::string> notices = write_sarif(data->result, data->rules, options, out);
  save_sarif("limit-size", out.str());
  CHECK(gzip_size(out.str()) <= options.sarif_max_gzip_bytes);
  REQUIRE(notices.size() == 1);
  CHECK(notices[0].find("gzipped") != std::string::npos);
  const json log = json::parse(out.str());
  const json& results = log["runs"][0]["results"];
  CHECK(results.size() > 0);
  CHECK(results.size() < 3000);
  // Severity decides: no note survives while an error was dropped.
  size_t errors = 0, notes = 0;
  for (const json& result : results) {
    errors += result["level"] == "error";
    notes += result["level"] == "note";
  }
  CHECK((errors == 1000 || notes == 0));
}

TEST_CASE("sarif: a rewindable output gets the same log, written while it is measured") {
  auto data = synthetic(3000);
  const std::string prefix = "bytes before the log\n";  // the log must start where it began
  auto in_memory = [&](ReportOptions options) {
    std::ostringstream out;
    const std::vector<std::string> notices = write_sarif(data->result, data->rules, options, out);
    return std::pair(out.str(), notices);
  };
  auto rewound = [&](ReportOptions options) {
    options.rewindable_output = true;
    options.jobs = 2;  // written while measured only with a thread to spare
    std::stringstream out;
    out << prefix;
    const std::vector<std::string> notices = write_sarif(data->result, data->rules, options, out);
    // What the owner of a rewindable output does: cut after the last byte written.
    const std::string text = out.str().substr(0, static_cast<size_t>(out.tellp()));
    REQUIRE(text.starts_with(prefix));
    return std::pair(text.substr(prefix.size()), notices);
  };
  ReportOptions options;
  const auto [full, full_notices] = in_memory(options);
  CHECK(full_notices.empty());
  const size_t gzipped = gzip_size(full);
  struct Limit {
    const char* what;
    size_t max_gzip_bytes;
  };
  // Measured before it is written whenever the log is larger than the size limit: the
  // quick bound fits; only the exact size fits (the bound errs high); nothing fits, so
  // results are dropped and the log is written again, shorter, from its start.
  const Limit limits[] = {{"bound fits", 10 * gzipped},
                          {"exact fits", gzipped * 100 / 95 + 64},
                          {"too large", gzipped / 2}};
  REQUIRE(full.size() > limits[0].max_gzip_bytes);  // else the size is not measured at all
  for (const Limit& limit : limits) {
    CAPTURE(limit.what);
    options.sarif_max_gzip_bytes = limit.max_gzip_bytes;
    const auto [expected, expected_notices] = in_memory(options);
    const auto [written, notices] = rewound(options);
    CHECK(written == expected);
    CHECK(notices == expected_notices);
    CHECK((expected == full) == (std::string(limit.what) != "too large"));
  }
}

TEST_CASE("sarif: the 25,000-result limit end to end") {
  // Each line yields two findings (DF505, DF506): 13,000 lines are 26,000 results.
  TempDir dir;
  std::string dockerfile = "FROM debian:bookworm\nUSER 1000\n";
  for (int i = 0; i < 13000; ++i) dockerfile += "RUN apt-get install -y curl\n";
  write_text_file(dir.path() / "Dockerfile", dockerfile);
  const RunResult run = run_berth(
      {"check", "-f", "sarif", "--only", "DF505", "--only", "DF506", "Dockerfile"}, dir.path());
  CHECK(run.exit_code == 0);  // all info: below the default --fail-on warning
  save_sarif("limit-25000", run.out);
  const json log = json::parse(run.out);
  CHECK(log["runs"][0]["results"].size() == 25000);
  CHECK(run.err.find("1000 of 26000 results (the least severe) were left out") !=
        std::string::npos);
  CHECK(log["runs"][0]["invocations"][0]["toolExecutionNotifications"].size() == 1);
}

}  // namespace berth::test
