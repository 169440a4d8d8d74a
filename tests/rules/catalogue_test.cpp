// The meta-test that keeps the catalogue honest: well-formed unique codes and names, docs
// with the fixed headings, registry and directories in agreement, docs/rules/ current.
#include <doctest/doctest.h>

#include <filesystem>
#include <regex>
#include <set>

#include "analyzer/output/rule_docs.h"
#include "rules/registry.h"
#include "tests/support/test_support.h"

namespace fs = std::filesystem;
using namespace berth;

TEST_CASE("catalogue: codes and names are unique and well formed") {
  std::set<std::string_view> codes, names;
  const std::regex code_pattern("^(DF|K8S|BR)[0-9]{3}$");
  const std::regex name_pattern("^[a-z][a-z0-9]*(-[a-z0-9]+)*$");
  for (const Rule* rule : rules::catalogue()) {
    const RuleInfo& info = rule->info();
    INFO(info.code);
    CHECK(std::regex_match(std::string(info.code), code_pattern));
    CHECK(std::regex_match(std::string(info.name), name_pattern));
    // A name names the flagged pattern, never the advice.
    for (const char* prefix : {"use-", "avoid-", "no-", "do-not-", "prefer-"}) {
      CHECK_FALSE(std::string_view(info.name).starts_with(prefix));
    }
    CHECK(codes.insert(info.code).second);
    CHECK(names.insert(info.name).second);
    CHECK_FALSE(info.summary.empty());
    CHECK_FALSE(info.summary.ends_with("."));
    const bool dockerfile = info.code.starts_with("DF");
    const bool kubernetes = info.code.starts_with("K8S");
    CHECK((dockerfile == (info.target == RuleTarget::Dockerfile)));
    CHECK((kubernetes == (info.target == RuleTarget::Kubernetes)));
    if (!info.security_severity.empty()) {
      const double value = std::stod(std::string(info.security_severity));
      CHECK(value >= 0.0);
      CHECK(value <= 10.0);
    }
  }
}

TEST_CASE("catalogue: every rule has docs with the fixed headings in order") {
  const char* headings[] = {"## What it does", "## Why is this bad?", "## Example",
                            "## Use instead",  "## Options",          "## References"};
  for (const Rule* rule : rules::catalogue()) {
    const RuleInfo& info = rule->info();
    INFO(info.code);
    size_t position = 0;
    for (const char* heading : headings) {
      const size_t found = info.docs.find(heading, position);
      CHECK_MESSAGE(found != std::string_view::npos, "missing or out of order: " << heading);
      if (found != std::string_view::npos) position = found;
    }
  }
}

TEST_CASE("catalogue: registry and rule directories agree") {
  std::set<std::string> registered;
  for (const Rule* rule : rules::catalogue()) {
    const std::string dir(rules::directory_of(rule->info().code));
    CHECK_MESSAGE(!dir.empty(), rule->info().code << " has no directory in rules.def");
    registered.insert(dir);
    // The directory's last part is the name with '_' for '-'.
    std::string expected(rule->info().name);
    for (char& c : expected) c = c == '-' ? '_' : c;
    CHECK_MESSAGE(fs::path(dir).filename().string() == expected,
                  rule->info().code << " lives in " << dir << ", expected .../" << expected);
  }
  const fs::path root = fs::path(test::source_dir()) / "rules";
  for (const char* kind : {"dockerfile", "kubernetes", "general"}) {
    if (!fs::is_directory(root / kind)) continue;
    for (const auto& entry : fs::directory_iterator(root / kind)) {
      if (!entry.is_directory()) continue;
      const std::string dir = std::string(kind) + "/" + entry.path().filename().string();
      CHECK_MESSAGE(registered.count(dir), "rules/" << dir << " is not registered in rules.def");
      CHECK_MESSAGE(fs::exists(entry.path() / "rule.cpp"), "rules/" << dir << " has no rule.cpp");
    }
  }
}

TEST_CASE(
    "catalogue: docs/rules is generated from the metadata (run scripts/update-rule-docs.sh)") {
  const fs::path docs = fs::path(test::source_dir()) / "docs" / "rules";
  CHECK(test::read_file((docs / "README.md").string()) == rule_index_markdown(rules::catalogue()));
  std::set<std::string> expected_files = {"README.md"};
  for (const Rule* rule : rules::catalogue()) {
    const std::string name = std::string(rule->info().code) + ".md";
    expected_files.insert(name);
    INFO(name);
    CHECK(test::read_file((docs / name).string()) == rule_page_markdown(rule->info()));
  }
  if (fs::is_directory(docs)) {
    for (const auto& entry : fs::directory_iterator(docs)) {
      CHECK_MESSAGE(expected_files.count(entry.path().filename().string()),
                    "stale docs page " << entry.path().filename().string());
    }
  }
}
