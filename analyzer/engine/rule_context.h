// What a rule sees while it runs: the file, the config, its options, and `report`.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "analyzer/engine/rule_set.h"
#include "analyzer/source/source_file.h"

namespace berth {

class RuleContext {
 public:
  RuleContext(const ActiveRule& rule, const SourceFile& source, const Config& config,
              std::vector<Finding>& out, std::vector<Span>* secrets = nullptr)
      : rule_(rule), source_(source), config_(config), out_(out), secrets_(secrets) {}

  const SourceFile& source() const { return source_; }
  const Config& config() const { return config_; }
  const RuleInfo& info() const { return rule_.rule->info(); }

  Finding& report(Span span, std::string message, std::optional<Fix> fix = std::nullopt);
  // Marks text that holds a secret value: every report that shows the source line (text
  // output, --diff context) prints it masked.
  void mark_secret(Span span) {
    if (secrets_) secrets_->push_back(span);
  }

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
  std::vector<Span>* secrets_;
};

// Masks the bytes of `secrets` that fall on the source lines the findings show.
void mask_secrets(std::vector<Finding>& findings, const SourceFile& source,
                  const std::vector<Span>& secrets);

// Cross-resource rules report into files that are no longer in memory, so they give the
// path, span and resolved positions the index recorded.
class CrossResourceContext {
 public:
  // Findings gathered in `out`. With `flush`, they are handed to it in batches as the rule
  // goes (each before the next finding is added: the last one reported stays valid), and
  // out is emptied after each; the caller flushes what is left.
  CrossResourceContext(const ActiveRule& rule, const Config& config, std::vector<Finding>& out,
                       std::function<void(std::vector<Finding>&)> flush = {})
      : rule_(rule), config_(config), out_(out), flush_(std::move(flush)) {}
  const Config& config() const { return config_; }
  const RuleInfo& info() const { return rule_.rule->info(); }
  Finding& report(std::string path, Span span, Location start, Location end,
                  std::string source_line, std::string message);

 private:
  const ActiveRule& rule_;
  const Config& config_;
  std::vector<Finding>& out_;
  std::function<void(std::vector<Finding>&)> flush_;
};

// Resolves the positions of a finding (and of its fix edits) in `source`.
void resolve_positions(Finding& finding, const SourceFile& source);
Location location_of(const SourceFile& source, uint32_t offset);

}  // namespace berth
