// Which rules run, at what severity, with which options: the catalogue resolved against the
// config file and the command line (CLI flags win).
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "analyzer/config/config.h"
#include "analyzer/engine/rule.h"

namespace berth {

struct ActiveRule {
  const Rule* rule = nullptr;
  Severity severity = Severity::Warning;
  const RuleSetting* setting = nullptr;  // the config's entry for this rule, if any
};

// Rule selections from the command line, by code or name.
struct RuleSelection {
  std::vector<std::string> only;
  std::vector<std::string> enable;
  std::vector<std::string> disable;
  std::vector<std::pair<std::string, Severity>> severity;
};

class RuleSet {
 public:
  // Fails with a message naming the unknown rule. The set keeps a pointer to `config`, which
  // must outlive it; a temporary Config is refused at compile time (a test passed Config{}
  // and read it after it was gone: ASan stack-use-after-scope).
  static std::variant<RuleSet, std::string> resolve(const std::vector<const Rule*>& catalogue,
                                                    const Config& config,
                                                    const RuleSelection& selection);
  static std::variant<RuleSet, std::string> resolve(const std::vector<const Rule*>& catalogue,
                                                    Config&& config,
                                                    const RuleSelection& selection) = delete;

  const std::vector<ActiveRule>& active() const { return active_; }
  const std::vector<const Rule*>& catalogue() const { return catalogue_; }
  const Config& config() const { return *config_; }
  const ActiveRule* find(std::string_view code) const;
  // The rules tagged "secrets" that are not active. They still run, their findings dropped,
  // so the secret values they mark are masked in what berth prints whatever rules are on.
  const std::vector<ActiveRule>& inactive_secret_rules() const { return inactive_secret_rules_; }
  // The catalogue entry for an engine-reported rule (BR001..BR003), active or not.
  const Rule* catalogue_rule(std::string_view code) const;

 private:
  std::vector<const Rule*> catalogue_;
  std::vector<ActiveRule> active_;
  std::vector<ActiveRule> inactive_secret_rules_;
  const Config* config_ = nullptr;
};

std::vector<const RuleInfo*> infos_of(const std::vector<const Rule*>& rules);

}  // namespace berth
