// The repository's own integration files: berth's Dockerfile passes berth, the pre-commit
// hook manifest has the documented shape, and the README's rule table is current.
#include <doctest/doctest.h>

#include <regex>
#include <sstream>

#include "tests/cli/cli_support.h"
#include "tests/support/test_support.h"

namespace berth::test {

TEST_CASE("berth's own Dockerfile is clean at --fail-on info") {
  const RunResult run = run_berth({"check", "--fail-on", "info", "Dockerfile"}, source_dir());
  INFO(run.out << run.err);
  CHECK(run.exit_code == 0);
  CHECK(run.out.find("0 findings") != std::string::npos);
}

TEST_CASE(".pre-commit-hooks.yaml declares the berth hook") {
  const std::string hooks = read_file(source_dir() + "/.pre-commit-hooks.yaml");
  CHECK(hooks.find("- id: berth\n") != std::string::npos);
  CHECK(hooks.find("entry: berth check") != std::string::npos);
  CHECK(hooks.find("language: system") != std::string::npos);
  CHECK(hooks.find("types_or: [dockerfile, yaml]") != std::string::npos);
}

// The README's rule table is `berth rules --format markdown` without its title, with links
// into docs/rules/ (scripts/update-readme-rules.sh writes it).
TEST_CASE("README rule table matches the rule metadata") {
  const RunResult rules = run_berth({"rules", "--format", "markdown"}, source_dir());
  REQUIRE(rules.exit_code == 0);
  const size_t table = rules.out.find("\n|");
  REQUIRE(table != std::string::npos);
  const std::string expected = std::regex_replace(
      rules.out.substr(table + 1), std::regex(R"(\]\(([A-Za-z0-9_-]+\.md)\))"), "](docs/rules/$1)");
  const std::string readme = read_file(source_dir() + "/README.md");
  const std::string begin = "<!-- rules:begin (scripts/update-readme-rules.sh) -->\n";
  const std::string end = "<!-- rules:end -->";
  const size_t from = readme.find(begin);
  const size_t to = readme.find(end);
  REQUIRE(from != std::string::npos);
  REQUIRE(to != std::string::npos);
  INFO("README.md's rule table is stale: run scripts/update-readme-rules.sh");
  CHECK(readme.substr(from + begin.size(), to - from - begin.size()) == expected);
}

}  // namespace berth::test
