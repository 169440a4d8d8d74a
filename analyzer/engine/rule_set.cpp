// Resolution order: defaults, then the config's `rules:`, then --only/--enable/--disable and
// --severity from the command line.
#include "analyzer/engine/rule_set.h"

#include <algorithm>
#include <map>

namespace berth {

std::vector<const RuleInfo*> infos_of(const std::vector<const Rule*>& rules) {
  std::vector<const RuleInfo*> infos;
  infos.reserve(rules.size());
  for (const Rule* rule : rules) infos.push_back(&rule->info());
  return infos;
}

std::variant<RuleSet, std::string> RuleSet::resolve(const std::vector<const Rule*>& catalogue,
                                                    const Config& config,
                                                    const RuleSelection& selection) {
  RuleSet set;
  set.catalogue_ = catalogue;
  set.config_ = &config;
  const std::vector<const RuleInfo*> infos = infos_of(catalogue);

  auto lookup = [&](const std::string& name) -> std::variant<const RuleInfo*, std::string> {
    if (const RuleInfo* info = find_rule(infos, name)) return info;
    return "unknown rule '" + name + "' (see `berth rules`)";
  };

  std::map<std::string_view, bool> enabled;
  std::map<std::string_view, Severity> severity;
  for (const RuleInfo* info : infos) {
    enabled[info->code] = info->enabled_by_default;
    severity[info->code] = info->severity;
  }
  for (const auto& [code, setting] : config.rules) {
    const RuleInfo* info = find_rule(infos, code);
    if (!info) continue;  // parse_config already rejected unknown names
    if (setting.enabled) enabled[info->code] = *setting.enabled;
    if (setting.severity) severity[info->code] = *setting.severity;
  }
  if (!selection.only.empty()) {
    for (auto& [code, on] : enabled) on = false;
    for (const std::string& name : selection.only) {
      auto found = lookup(name);
      if (auto* error = std::get_if<std::string>(&found)) return *error;
      enabled[std::get<const RuleInfo*>(found)->code] = true;
    }
  }
  for (const std::string& name : selection.enable) {
    auto found = lookup(name);
    if (auto* error = std::get_if<std::string>(&found)) return *error;
    enabled[std::get<const RuleInfo*>(found)->code] = true;
  }
  for (const std::string& name : selection.disable) {
    auto found = lookup(name);
    if (auto* error = std::get_if<std::string>(&found)) return *error;
    enabled[std::get<const RuleInfo*>(found)->code] = false;
  }
  for (const auto& [name, level] : selection.severity) {
    auto found = lookup(name);
    if (auto* error = std::get_if<std::string>(&found)) return *error;
    severity[std::get<const RuleInfo*>(found)->code] = level;
  }
  for (const Rule* rule : catalogue) {
    const RuleInfo& info = rule->info();
    const auto setting = config.rules.find(std::string(info.code));
    const ActiveRule entry{rule, severity[info.code],
                           setting == config.rules.end() ? nullptr : &setting->second};
    if (enabled[info.code]) {
      set.active_.push_back(entry);
    } else if (std::find(info.tags.begin(), info.tags.end(), "secrets") != info.tags.end()) {
      set.inactive_secret_rules_.push_back(entry);
    }
  }
  return set;
}

const ActiveRule* RuleSet::find(std::string_view code) const {
  for (const ActiveRule& active : active_) {
    if (active.rule->info().code == code) return &active;
  }
  return nullptr;
}

const Rule* RuleSet::catalogue_rule(std::string_view code) const {
  for (const Rule* rule : catalogue_) {
    if (rule->info().code == code) return rule;
  }
  return nullptr;
}

}  // namespace berth
