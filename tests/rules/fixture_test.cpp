// The rule fixture runner. For every rule in the catalogue, each fail.* / pass.* file in its
// directory is analysed with only that rule enabled, and the findings must be exactly the
// ones annotated in the file:
//
//   USER root
//   #    ^^^^ DF201 root-user: message substring
//
// The carets give the columns of the finding on the nearest line above that is not an
// annotation; carets glued to the `#` start at the `#`'s column, so `#^^^` marks columns 1-3.
// A zero-width finding is marked with one caret. The name and `: message` parts are
// optional. pass.* files must have no finding. Fixtures run through the real scan (file
// loading and classification included).
// A fixed.* file is what applying the rule's fixes to fail.* gives, and must be clean.
// A `fixture.berth.yaml` beside the fixtures is the config they run with (rules that are inert
// until configured, e.g. `trusted-registries`); without one they run with the defaults.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <regex>
#include <sstream>

#include "analyzer/config/config.h"
#include "analyzer/engine/analyze.h"
#include "analyzer/engine/fixes.h"
#include "rules/registry.h"
#include "tests/support/test_support.h"

namespace fs = std::filesystem;
using namespace berth;

namespace {

struct Expected {
  uint32_t line = 0;
  uint32_t column = 0;
  uint32_t end_column = 0;
  std::string code;
  std::string name;
  std::string message;
};

const std::regex& annotation_pattern() {
  static const std::regex kAnnotation(
      R"(^(\s*#)(\^*)(\s*)(\^*)\s+([A-Z][A-Z0-9]*[0-9])(?:\s+([a-z0-9-]+))?(?::\s*(.*))?\s*$)");
  return kAnnotation;
}

bool is_annotation_line(const std::string& text, std::smatch& match) {
  return std::regex_match(text, match, annotation_pattern()) &&
         (match[2].length() > 0 || match[4].length() > 0);
}

std::vector<Expected> parse_annotations(const SourceFile& source) {
  std::vector<Expected> expected;
  uint32_t subject = 0;
  const LineIndex& lines = source.lines();
  for (uint32_t line = 1; line <= lines.line_count(); ++line) {
    const std::string text(lines.line_text(line));
    std::smatch match;
    if (!is_annotation_line(text, match)) {
      subject = line;
      continue;
    }
    Expected e;
    e.line = subject;
    const uint32_t hash_column = static_cast<uint32_t>(match[1].length());  // 1-based col of '#'
    if (match[2].length() > 0) {
      // `#^^^`: the carets start at the '#' column.
      e.column = hash_column;
      e.end_column = hash_column + static_cast<uint32_t>(match[2].length() + match[3].length() +
                                                         match[4].length());
    } else {
      e.column = hash_column + 1 + static_cast<uint32_t>(match[3].length());
      e.end_column = e.column + static_cast<uint32_t>(match[4].length());
    }
    e.code = match[5];
    e.name = match[6];
    e.message = match[7];
    expected.push_back(e);
  }
  return expected;
}

RuleSet rule_set_for(const Rule& rule, const Config& config) {
  RuleSelection selection;
  selection.only = {std::string(rule.info().code)};
  return std::get<RuleSet>(RuleSet::resolve(rules::catalogue(), config, selection));
}

std::vector<Finding> run_rule(const Rule& rule, const fs::path& path, const Config& config) {
  const RuleSet set = rule_set_for(rule, config);
  ScanInput input;
  input.paths = {path.string()};
  input.jobs = 1;
  return scan(input, set).findings.to_vector();
}

Config fixture_config(const fs::path& fixture) {
  const fs::path path = fixture.parent_path() / "fixture.berth.yaml";
  if (!fs::exists(path)) return Config{};
  auto loaded = load_config(path.string(), infos_of(rules::catalogue()));
  if (const auto* error = std::get_if<ConfigError>(&loaded)) {
    FAIL_CHECK("bad fixture config: " << error->to_string());
    return Config{};
  }
  return std::get<Config>(std::move(loaded));
}

std::string describe(const Finding& f) {
  std::ostringstream out;
  out << f.start.line << ":" << f.start.column << "-" << f.end.line << ":" << f.end.column << " "
      << f.rule->code << " " << f.message;
  return out.str();
}

void check_fixture(const Rule& rule, const fs::path& path, bool must_fail) {
  const std::string text = test::read_file(path.string());
  SourceFile source(path.filename().string(), text);
  const std::vector<Finding> findings = run_rule(rule, path, fixture_config(path));
  std::vector<Expected> expected = parse_annotations(source);
  INFO("fixture " << path.string());
  std::vector<bool> matched(expected.size(), false);
  for (const Finding& finding : findings) {
    bool found = false;
    for (size_t i = 0; i < expected.size() && !found; ++i) {
      const Expected& e = expected[i];
      if (matched[i] || e.code != finding.rule->code || e.line != finding.start.line) continue;
      const bool single_line = finding.end.line == finding.start.line;
      const uint32_t end_column =
          single_line ? std::max(finding.end.column, finding.start.column + 1) : 0;
      if (e.column != finding.start.column || (single_line && e.end_column != end_column)) {
        continue;
      }
      if (!e.name.empty() && e.name != finding.rule->name) continue;
      if (!e.message.empty() && finding.message.find(e.message) == std::string::npos) continue;
      matched[i] = found = true;
    }
    CHECK_MESSAGE(found, "unexpected or wrong-span finding: " << describe(finding));
  }
  for (size_t i = 0; i < expected.size(); ++i) {
    CHECK_MESSAGE(matched[i], "missing finding at " << expected[i].line << ":" << expected[i].column
                                                    << "-" << expected[i].end_column << " "
                                                    << expected[i].code << " "
                                                    << expected[i].message);
  }
  if (must_fail) {
    CHECK_MESSAGE(!expected.empty(), "a fail fixture must annotate at least one finding");
  } else {
    CHECK_MESSAGE(expected.empty(), "a pass fixture must not expect findings");
  }
}

void check_fixed(const Rule& rule, const fs::path& fail, const fs::path& fixed) {
  INFO("fixed fixture " << fixed.string());
  const std::string text = test::read_file(fail.string());
  const std::vector<Finding> findings = run_rule(rule, fail, fixture_config(fail));
  const std::string applied = apply_edits(text, collect_fix_edits(findings, true));
  // Annotation lines are not part of the fix; compare without them.
  auto strip = [](const std::string& in) {
    std::istringstream lines(in);
    std::string line, out;
    std::smatch match;
    while (std::getline(lines, line)) {
      if (!is_annotation_line(line, match)) out += line + "\n";
    }
    return out;
  };
  const std::string expected = test::read_file(fixed.string());
  CHECK(strip(applied) == strip(expected));
  for (const Finding& finding : run_rule(rule, fixed, fixture_config(fixed))) {
    CHECK_MESSAGE(false, "finding left after the fix: " << describe(finding));
  }
}

}  // namespace

TEST_CASE("rule fixtures: every rule's fail and pass files match their annotations") {
  for (const Rule* rule : rules::catalogue()) {
    const fs::path dir = fs::path(test::source_dir()) / "rules" /
                         std::string(rules::directory_of(rule->info().code));
    SUBCASE(std::string(rule->info().code).c_str()) {
      REQUIRE_MESSAGE(fs::is_directory(dir), "no directory " << dir.string());
      std::map<std::string, fs::path> files;
      for (const auto& entry : fs::directory_iterator(dir)) {
        files[entry.path().filename().string()] = entry.path();
      }
      int fail_count = 0, pass_count = 0;
      for (const auto& [name, path] : files) {
        if (name.starts_with("fail.") || name.starts_with("fail-")) {
          ++fail_count;
          check_fixture(*rule, path, true);
          const std::string fixed_name = "fixed" + name.substr(4);
          if (files.count(fixed_name)) check_fixed(*rule, path, files[fixed_name]);
        } else if (name.starts_with("pass.") || name.starts_with("pass-")) {
          ++pass_count;
          check_fixture(*rule, path, false);
        }
      }
      CHECK_MESSAGE(fail_count > 0, rule->info().code << " has no fail fixture");
      CHECK_MESSAGE(pass_count > 0, rule->info().code << " has no pass fixture");
      if (rule->info().has_fix) {
        bool has_fixed = false;
        for (const auto& [name, path] : files) has_fixed = has_fixed || name.starts_with("fixed");
        CHECK_MESSAGE(has_fixed, rule->info().code << " has a fix but no fixed.* fixture");
      }
    }
  }
}
