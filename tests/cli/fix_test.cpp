// --fix and --diff round trips on copies of tests/cli/fixtures/fix: the diff applies with
// `git apply` to exactly what --fix writes, fixed findings are gone on the next run, unsafe
// fixes are only offered, file modes and symlinks survive, and a file that changed since
// analysis is never rewritten.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "analyzer/output/fix_files.h"
#include "rules/registry.h"
#include "tests/cli/cli_support.h"
#include "tests/support/test_support.h"

namespace berth::test {

namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& path) { return read_file(path.string()); }

// A fixed rule set, so rules added later with fixes of their own do not change these tests.
std::vector<std::string> fixing(std::vector<std::string> args) {
  std::vector<std::string> out = {"check"};
  for (const char* code : {"DF505", "DF506", "DF507", "DF508", "K8S102", "K8S106", "K8S110"}) {
    out.insert(out.end(), {"--only", code});
  }
  out.insert(out.end(), args.begin(), args.end());
  return out;
}

std::set<std::string> codes(const std::string& json_report) {
  std::set<std::string> out;
  const nlohmann::json report = nlohmann::json::parse(json_report);
  for (const auto& finding : report["findings"]) {
    out.insert(finding["code"].get<std::string>());
  }
  return out;
}

}  // namespace

TEST_CASE("fix: --diff prints the safe fixes and writes nothing") {
  TempDir dir;
  copy_fixture("fix", dir.path());
  const std::string before = read(dir.path() / "Dockerfile");
  const RunResult run = run_berth(fixing({"--diff", "."}), dir.path());
  CHECK(run.exit_code == 1);  // warnings remain: the exit code follows --fail-on as for check
  check_golden("fix.diff", run.out);
  CHECK(read(dir.path() / "Dockerfile") == before);
  // Unsafe fixes are not in the diff.
  CHECK(run.out.find("readOnlyRootFilesystem") == std::string::npos);
  CHECK(run.out.find("automountServiceAccountToken") == std::string::npos);
}

TEST_CASE("fix: --fix writes what --diff shows, and the findings are gone") {
  TempDir fixed, patched;
  copy_fixture("fix", fixed.path());
  copy_fixture("fix", patched.path());
  const std::string yaml_before = read(fixed.path() / "k8s/pod.yaml");
  const RunResult diff = run_berth(fixing({"--diff", "."}), patched.path());
  const RunResult apply = run_program({"git", "apply", "-"}, patched.path(), diff.out);
  REQUIRE(apply.exit_code == 0);

  const RunResult fix = run_berth(fixing({"--fix", "-f", "json", "."}), fixed.path());
  CHECK(fix.exit_code == 1);  // the unsafe K8S106 (a warning) remains
  CHECK(fix.err.find("applied 5 fixes in 3 files") != std::string::npos);
  for (const char* file : {"Dockerfile", "nonl.Dockerfile", "k8s/pod.yaml"}) {
    CHECK(read(fixed.path() / file) == read(patched.path() / file));
  }
  // The report after --fix is of the fixed files.
  const std::set<std::string> remaining = codes(fix.out);
  for (const char* code : {"DF505", "DF506", "DF507", "DF508", "K8S102"}) {
    CHECK(remaining.count(code) == 0);
  }
  // Unsafe fixes were only offered: their findings remain, and the text says so.
  CHECK(remaining.count("K8S106") == 1);
  CHECK(read(fixed.path() / "k8s/pod.yaml") != yaml_before);  // the safe K8S102 fix applied
  CHECK(read(fixed.path() / "k8s/pod.yaml").find("readOnlyRootFilesystem") == std::string::npos);
  const RunResult again = run_berth(fixing({"--color", "never", "."}), fixed.path());
  CHECK(again.out.find("fix available (unsafe): Set readOnlyRootFilesystem: true") !=
        std::string::npos);
  CHECK(again.out.find("fixable with --fix") == std::string::npos);
  // Nothing is left to fix.
  const RunResult second = run_berth(fixing({"--diff", "."}), fixed.path());
  CHECK(second.out.empty());
  // No temporary files left behind.
  for (const auto& entry : fs::recursive_directory_iterator(fixed.path())) {
    CHECK(entry.path().filename().string().find(".berth-") == std::string::npos);
  }
}

TEST_CASE("fix: file mode and symlinks survive --fix") {
  TempDir dir;
  copy_fixture("fix", dir.path());
  fs::permissions(dir.path() / "Dockerfile", fs::perms(0640));
  fs::create_directory(dir.path() / "links");
  fs::rename(dir.path() / "nonl.Dockerfile", dir.path() / "links/real.Dockerfile");
  fs::create_symlink("links/real.Dockerfile", dir.path() / "nonl.Dockerfile");
  const RunResult run = run_berth(
      fixing({"--fix", "-q", "--fail-on", "none", "Dockerfile", "nonl.Dockerfile"}), dir.path());
  CHECK(run.exit_code == 0);
  struct stat info {};
  REQUIRE(stat((dir.path() / "Dockerfile").c_str(), &info) == 0);
  CHECK((info.st_mode & 07777) == 0640);
  CHECK(read(dir.path() / "Dockerfile").find("--no-install-recommends") != std::string::npos);
  CHECK(fs::is_symlink(dir.path() / "nonl.Dockerfile"));
  CHECK(read(dir.path() / "links/real.Dockerfile").find("--no-cache") != std::string::npos);
}

TEST_CASE("fix: stdin can be diffed but not fixed") {
  TempDir dir;
  const std::string text = "FROM alpine:3.19\nUSER 1\nRUN apk add curl\n";
  const RunResult diff =
      run_berth({"check", "--diff", "--stdin-filename", "Dockerfile", "-"}, dir.path(), text);
  CHECK(diff.exit_code == 0);
  CHECK(diff.out.find("+RUN apk add --no-cache curl") != std::string::npos);
  const RunResult fix = run_berth({"check", "--fix", "-"}, dir.path(), text);
  CHECK(fix.exit_code == 2);
  CHECK(fix.err.find("--fix cannot rewrite stdin") != std::string::npos);
  const RunResult both = run_berth({"check", "--fix", "--diff", "."}, dir.path());
  CHECK(both.exit_code == 2);
}

TEST_CASE("fix: a file that changed since analysis is never rewritten") {
  TempDir dir;
  copy_fixture("fix", dir.path());
  const fs::path dockerfile = dir.path() / "Dockerfile";
  const fs::path cwd = fs::current_path();
  fs::current_path(dir.path());
  Config config;
  auto resolved = RuleSet::resolve(rules::catalogue(), config, {});
  REQUIRE(std::holds_alternative<RuleSet>(resolved));
  const RuleSet& rule_set = std::get<RuleSet>(resolved);
  ScanInput input;
  input.paths = {"Dockerfile"};
  input.jobs = 1;

  SUBCASE("changed between the scan and the fix: the edits no longer match") {
    const ScanResult result = scan(input, rule_set);
    write_text_file(dockerfile, "# edited\n" + read(dockerfile));
    const std::vector<FixedFile> planned = plan_fixes(result, rule_set, input);
    REQUIRE(planned.size() == 1);
    REQUIRE(planned[0].error);
    CHECK(planned[0].error->find("changed since it was analysed") != std::string::npos);
  }
  SUBCASE("changed after it was read: the write is refused") {
    const ScanResult result = scan(input, rule_set);
    const std::vector<FixedFile> planned = plan_fixes(result, rule_set, input);
    REQUIRE(planned.size() == 1);
    REQUIRE(!planned[0].error);
    const std::string edited = read(dockerfile) + "LABEL x=y\n";
    write_text_file(dockerfile, edited);
    std::string error;
    CHECK(!write_fixed_file(planned[0], &error));
    CHECK(error.find("changed on disk") != std::string::npos);
    CHECK(read(dockerfile) == edited);
  }
  fs::current_path(cwd);
}

TEST_CASE("fix: --diff never prints a secret value, and still applies where it can") {
  const std::string token = "s3cr3t-planted-diff-value-9f8e7d";
  // Only the fixing rule is on: secret values are found (and masked) even when the secret
  // rules are not selected.
  const std::vector<std::string> rules = {"check", "--only", "DF505", "--diff", "Dockerfile"};
  SUBCASE("secret just above a fix: context stops short of it, the patch applies") {
    TempDir dir;
    const std::string before = "FROM debian:12\nENV API_TOKEN=" + token +
                               "\nRUN apt-get update && apt-get install -y curl\nENV MODE=prod\n"
                               "WORKDIR /app\nUSER app\n";
    write_text_file(dir.path() / "Dockerfile", before);
    const RunResult diff = run_berth(rules, dir.path());
    CHECK(diff.out.find("--no-install-recommends") != std::string::npos);
    CHECK(diff.out.find(token) == std::string::npos);
    CHECK(diff.err.find("masked") == std::string::npos);
    const RunResult apply = run_program({"git", "apply", "-"}, dir.path(), diff.out);
    CHECK(apply.exit_code == 0);
    CHECK(read(dir.path() / "Dockerfile").find("--no-install-recommends") != std::string::npos);
  }
  SUBCASE("secret right below a fix: shown masked, and berth says the hunk will not apply") {
    TempDir dir;
    write_text_file(
        dir.path() / "Dockerfile",
        "FROM debian:12\nRUN apt-get update && apt-get install -y curl\nENV API_TOKEN=" + token +
            "\nUSER app\n");
    const RunResult diff = run_berth(rules, dir.path());
    CHECK(diff.out.find("--no-install-recommends") != std::string::npos);
    CHECK(diff.out.find(token) == std::string::npos);
    CHECK(diff.out.find("API_TOKEN=****") != std::string::npos);
    CHECK(diff.err.find("--diff masked 1 line that holds a secret") != std::string::npos);
  }
}

}  // namespace berth::test
