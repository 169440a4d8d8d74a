// The compiler-style text report: location, source line, carets under the span (also after
// tabs and non-ASCII text), fix availability, colour only when asked, and the summary.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "tests/cli/cli_support.h"
#include "tests/support/test_support.h"

namespace berth::test {

TEST_CASE("text: source line, carets and fix availability") {
  TempDir dir;
  copy_fixture("project", dir.path());
  const RunResult run =
      run_berth({"check", "--only", "DF505", "--only", "K8S106", "."}, dir.path());
  CHECK(run.exit_code == 1);
  // The caret sits under `apt-get install` after a two-byte character and an emoji (two
  // terminal cells).
  CHECK(run.out.find("Dockerfile:3:23: info: `apt-get install` without") != std::string::npos);
  CHECK(run.out.find("  RUN echo \"héllo 😀\" && apt-get install -y curl\n"
                     "                         ^~~~~~~~~~~~~~~\n"
                     "  fix available: Add --no-install-recommends\n") != std::string::npos);
  CHECK(run.out.find("  fix available (unsafe): Set readOnlyRootFilesystem: true\n") !=
        std::string::npos);
  CHECK(run.out.find("5 files checked, 2 findings (0 error, 1 warning, 1 info), 1 fixable with "
                     "--fix in ") != std::string::npos);
  CHECK(run.out.find("\033[") == std::string::npos);  // not a terminal: no colour
}

TEST_CASE("text: tabs are expanded under the carets") {
  TempDir dir;
  write_text_file(dir.path() / "Dockerfile", "FROM alpine:3.19\nUSER 1\nRUN\tapk add curl\n");
  const RunResult run = run_berth({"check", "--only", "DF507", "Dockerfile"}, dir.path());
  CHECK(run.out.find("  RUN     apk add curl\n          ^~~~~~~\n") != std::string::npos);
}

TEST_CASE("text: colour only when asked, and NO_COLOR") {
  TempDir dir;
  copy_fixture("project", dir.path());
  const RunResult always =
      run_berth({"check", "--color", "always", "clean", "Dockerfile"}, dir.path());
  CHECK(always.out.find("\033[1;31merror:") != std::string::npos);
  const RunResult bad = run_berth({"check", "--color", "sometimes", "."}, dir.path());
  CHECK(bad.exit_code == 2);
}

TEST_CASE("text: quiet drops the summary, a clean run says so") {
  TempDir dir;
  copy_fixture("project", dir.path());
  const RunResult clean = run_berth({"check", "--only", "DF201", "clean"}, dir.path());
  CHECK(clean.exit_code == 0);
  CHECK(clean.out.starts_with("1 file checked, 0 findings in "));
  const RunResult quiet = run_berth({"check", "-q", "--only", "DF201", "clean"}, dir.path());
  CHECK(quiet.out.empty());
}

TEST_CASE("exit codes: --fail-on decides between 0 and 1, input errors are 2") {
  TempDir dir;
  copy_fixture("project", dir.path());
  CHECK(run_berth({"check", "--only", "DF505", "Dockerfile"}, dir.path()).exit_code == 0);
  CHECK(run_berth({"check", "--only", "DF505", "--fail-on", "info", "Dockerfile"}, dir.path())
            .exit_code == 1);
  CHECK(run_berth({"check", "--fail-on", "none", "."}, dir.path()).exit_code == 0);
  CHECK(run_berth({"check", "--fail-on", "error", "."}, dir.path()).exit_code == 1);
  const RunResult missing = run_berth({"check", "nope/Dockerfile"}, dir.path());
  CHECK(missing.exit_code == 2);
  CHECK(missing.out.find("nope/Dockerfile") != std::string::npos);
}

TEST_CASE("-o writes the report to a file and nothing to stdout") {
  TempDir dir;
  copy_fixture("project", dir.path());
  const RunResult run = run_berth({"check", "-f", "sarif", "-o", "out.sarif", "."}, dir.path());
  CHECK(run.exit_code == 1);
  CHECK(run.out.empty());
  const std::string sarif = read_file((dir.path() / "out.sarif").string());
  CHECK(sarif.find("\"version\": \"2.1.0\"") != std::string::npos);
  save_sarif("output-file", sarif);
}

TEST_CASE("-o over a longer report leaves exactly the new one, whatever the file held") {
  TempDir dir;
  copy_fixture("project", dir.path());
  const std::string fresh = (dir.path() / "fresh.json").string();
  const std::string reused = (dir.path() / "reused.json").string();
  const std::vector<std::string> only = {"check", "-f", "json", "--only", "DF505", "Dockerfile"};
  auto with_output = [&](const std::string& path) {
    std::vector<std::string> args = only;
    args.push_back("-o");
    args.push_back(path);
    return args;
  };
  {
    // An existing report is overwritten in place and cut at the end of the new one.
    std::ofstream old(reused, std::ios::binary);
    old << std::string(1 << 20, 'x');
  }
  CHECK(run_berth(with_output(fresh), dir.path()).exit_code == 0);
  CHECK(run_berth(with_output(reused), dir.path()).exit_code == 0);
  const std::string expected = read_file(fresh);
  REQUIRE(expected.find("\"findings\"") != std::string::npos);
  auto without_seconds = [](std::string text) {
    const size_t at = text.find("\"seconds\"");
    if (at != std::string::npos) text.erase(at, text.find('\n', at) - at);
    return text;
  };
  CHECK(without_seconds(read_file(reused)) == without_seconds(expected));

  // A report that cannot be written is an error, not a silent success.
  std::filesystem::create_directory(dir.path() / "dir.json");
  const RunResult failed = run_berth(with_output((dir.path() / "dir.json").string()), dir.path());
  CHECK(failed.exit_code == 2);
  CHECK(failed.err.find("cannot write") != std::string::npos);
}

}  // namespace berth::test
