// .berth.yaml parsing: every key, rule names and codes, options, and precise errors.
#include <doctest/doctest.h>

#include "analyzer/config/config.h"
#include "analyzer/engine/rule_set.h"
#include "rules/registry.h"

using namespace berth;

namespace {

std::variant<Config, ConfigError> parse(const std::string& text) {
  return parse_config(".berth.yaml", text, infos_of(rules::catalogue()));
}

}  // namespace

TEST_CASE("config: every documented key is read") {
  auto result = parse(R"(rules:
  DF001: warning
  syntax-error: error
  K8S001: off
trusted-registries: [docker.io/library, "*.gcr.io"]
target: runtime
build-args: {BASE: "node:20-slim"}
exclude: ["vendor/**"]
fail-on: info
require-reason: true
allow-inline-suppressions: false
max-file-size: 2MiB
)");
  REQUIRE(std::holds_alternative<Config>(result));
  const Config& config = std::get<Config>(result);
  CHECK(config.rules.at("DF001").severity == Severity::Error);  // later entry wins
  CHECK(config.rules.at("K8S001").enabled == false);
  CHECK(config.trusted_registries.size() == 2);
  CHECK(config.target == "runtime");
  CHECK(config.build_args.at("BASE") == "node:20-slim");
  CHECK(config.exclude == std::vector<std::string>{"vendor/**"});
  CHECK(config.fail_on.level == Severity::Info);
  CHECK(config.require_reason);
  CHECK_FALSE(config.allow_inline_suppressions);
  CHECK(config.max_file_size == 2u << 20);
}

TEST_CASE("config: unknown keys and wrong types name the line") {
  auto unknown = parse("rules: {}\nfail_on: error\n");
  REQUIRE(std::holds_alternative<ConfigError>(unknown));
  CHECK(std::get<ConfigError>(unknown).line == 2);
  CHECK(std::get<ConfigError>(unknown).message.find("fail_on") != std::string::npos);

  auto wrong_type = parse("exclude: {a: b}\n");
  REQUIRE(std::holds_alternative<ConfigError>(wrong_type));
  CHECK(std::get<ConfigError>(wrong_type).line == 1);

  auto bad_rule = parse("rules:\n  DF999: off\n");
  REQUIRE(std::holds_alternative<ConfigError>(bad_rule));
  CHECK(std::get<ConfigError>(bad_rule).line == 2);
  CHECK(std::get<ConfigError>(bad_rule).to_string().starts_with(".berth.yaml:2: "));

  auto bad_level = parse("rules:\n  DF001: loud\n");
  REQUIRE(std::holds_alternative<ConfigError>(bad_level));

  auto bad_size = parse("max-file-size: lots\n");
  REQUIRE(std::holds_alternative<ConfigError>(bad_size));

  auto syntax = parse("rules: [\n");
  REQUIRE(std::holds_alternative<ConfigError>(syntax));
  CHECK(std::get<ConfigError>(syntax).line >= 1);
}

TEST_CASE("config: an empty file is the default config") {
  auto result = parse("");
  REQUIRE(std::holds_alternative<Config>(result));
  CHECK(std::get<Config>(result).max_file_size == 10u << 20);
}

TEST_CASE("config: sizes") {
  CHECK(parse_size("10MiB") == 10u << 20);
  CHECK(parse_size("512 KiB") == 512u << 10);
  CHECK(parse_size("1000") == 1000u);
  CHECK_FALSE(parse_size("MiB").has_value());
  CHECK_FALSE(parse_size("99999999999999999999999").has_value());
}

TEST_CASE("rule set: CLI selections override the config") {
  Config config;
  config.rules["DF001"].enabled = false;
  RuleSelection selection;
  selection.enable = {"syntax-error"};
  selection.severity = {{"K8S001", Severity::Info}};
  auto resolved = RuleSet::resolve(rules::catalogue(), config, selection);
  REQUIRE(std::holds_alternative<RuleSet>(resolved));
  const RuleSet& set = std::get<RuleSet>(resolved);
  REQUIRE(set.find("DF001"));
  REQUIRE(set.find("K8S001"));
  CHECK(set.find("K8S001")->severity == Severity::Info);

  RuleSelection only;
  only.only = {"DF001"};
  auto narrowed = RuleSet::resolve(rules::catalogue(), config, only);
  REQUIRE(std::holds_alternative<RuleSet>(narrowed));
  CHECK(std::get<RuleSet>(narrowed).active().size() == 1);

  RuleSelection unknown;
  unknown.disable = {"no-such-rule"};
  CHECK(std::holds_alternative<std::string>(RuleSet::resolve(rules::catalogue(), config, unknown)));
}
