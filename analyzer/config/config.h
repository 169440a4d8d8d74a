// `.berth.yaml`: discovery, parsing (yaml-cpp) and validation with errors that name the file,
// line and key. The command line overrides what the file says.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "analyzer/engine/finding.h"

namespace berth {

struct RuleInfo;

using OptionValue = std::variant<int64_t, bool, std::string, std::vector<std::string>>;

struct RuleSetting {
  std::optional<bool> enabled;       // `off` -> false; a level or a map -> true
  std::optional<Severity> severity;  // `info|warning|error`
  std::map<std::string, OptionValue> options;
};

// --fail-on: a severity, or none (never fail on findings).
struct FailOn {
  std::optional<Severity> level = Severity::Warning;  // nullopt = none
};

struct Config {
  std::string path;                          // where it came from; empty for defaults
  std::map<std::string, RuleSetting> rules;  // keyed by rule code (names resolved on load)
  std::vector<std::string> trusted_registries;
  std::optional<std::string> target;
  std::map<std::string, std::string> build_args;
  std::vector<std::string> exclude;
  FailOn fail_on;
  bool require_reason = false;
  bool allow_inline_suppressions = true;
  uint64_t max_file_size = 10ull << 20;
};

struct ConfigError {
  std::string path;
  uint32_t line = 0;  // 1-based; 0 when unknown
  std::string message;
  std::string to_string() const;
};

// Resolves a rule code or name (case-insensitive code) among `rules`; null when unknown.
const RuleInfo* find_rule(const std::vector<const RuleInfo*>& rules, std::string_view code_or_name);

// Parses a config text. `rules` is the catalogue, used to resolve rule names and to check
// per-rule option names and types.
std::variant<Config, ConfigError> parse_config(const std::string& path, const std::string& text,
                                               const std::vector<const RuleInfo*>& rules);
std::variant<Config, ConfigError> load_config(const std::string& path,
                                              const std::vector<const RuleInfo*>& rules);

// The nearest `.berth.yaml` (or `.berth.yml`) from `start_dir` upwards, stopping at the
// repository root (a directory containing `.git`) or the filesystem root.
std::optional<std::string> discover_config(const std::string& start_dir);

// Parses "10MiB", "512KiB", "1GB", "1048576".
std::optional<uint64_t> parse_size(std::string_view text);

}  // namespace berth
