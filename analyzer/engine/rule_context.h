// What a rule sees while it runs: the file, the config, its options, and `report`.
#pragma once

#include <string>
#include <vector>

#include "analyzer/engine/rule_set.h"
#include "analyzer/source/source_file.h"

namespace berth {

class RuleContext {
 public:
  RuleContext(const ActiveRule& rule, const SourceFile& source, const Config& config,
              std::vector<Finding>& out)
      : rule_(rule), source_(source), config_(config), out_(out) {}

  const SourceFile& source() const { return source_; }
  const Config& config() const { return config_; }
  const RuleInfo& info() const { return rule_.rule->info(); }

  Finding& report(Span span, std::string message, std::optional<Fix> fix = std::nullopt);

  int64_t int_option(std::string_view name, int64_t fallback) const;
  bool bool_option(std::string_view name, bool fallback) const;
  std::vector<std::string> strings_option(std::string_view name,
                                          std::vector<std::string> fallback) const;

 private:
  const OptionValue* option(std::string_view name) const;

  const ActiveRule& rule_;
  const SourceFile& source_;
  const Config& config_;
  std::vector<Finding>& out_;
};

// Cross-resource rules report into files that are no longer in memory, so they give the
// path, span and resolved positions the index recorded.
class CrossResourceContext {
 public:
  CrossResourceContext(const ActiveRule& rule, const Config& config, std::vector<Finding>& out)
      : rule_(rule), config_(config), out_(out) {}
  const Config& config() const { return config_; }
  const RuleInfo& info() const { return rule_.rule->info(); }
  Finding& report(std::string path, Span span, Location start, Location end,
                  std::string source_line, std::string message);

 private:
  const ActiveRule& rule_;
  const Config& config_;
  std::vector<Finding>& out_;
};

// Resolves the positions of a finding (and of its fix edits) in `source`.
void resolve_positions(Finding& finding, const SourceFile& source);
Location location_of(const SourceFile& source, uint32_t offset);

}  // namespace berth
