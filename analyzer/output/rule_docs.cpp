// Markdown pages for rules. Deterministic: the docs test compares them byte for byte.
#include "analyzer/output/rule_docs.h"

#include <map>

namespace berth {

namespace {

std::string tool_label(std::string_view tool) {
  static const std::map<std::string_view, std::string_view> kLabels = {
      {"hadolint", "hadolint"}, {"buildkit", "BuildKit check"}, {"trivy", "Trivy"},
      {"checkov", "Checkov"},   {"kube-linter", "kube-linter"}, {"kube-score", "kube-score"},
      {"polaris", "Polaris"},   {"scout", "Docker Scout"}};
  const auto it = kLabels.find(tool);
  return std::string(it == kLabels.end() ? tool : it->second);
}

std::string target_label(RuleTarget target) {
  switch (target) {
    case RuleTarget::Dockerfile:
      return "Dockerfile";
    case RuleTarget::Kubernetes:
      return "Kubernetes";
    case RuleTarget::General:
      return "General";
  }
  return "General";
}

}  // namespace

std::string rule_page_markdown(const RuleInfo& rule) {
  std::string out = "# " + std::string(rule.code) + " " + std::string(rule.name) + "\n\n";
  out += std::string(rule.summary) + ".\n\n";
  out += "| | |\n|---|---|\n";
  out += "| Applies to | " + target_label(rule.target) + " |\n";
  out += "| Severity | " + std::string(to_string(rule.severity)) + " |\n";
  out += "| Enabled by default | " + std::string(rule.enabled_by_default ? "yes" : "no") + " |\n";
  if (!rule.security_severity.empty()) {
    out += "| Security severity | " + std::string(rule.security_severity) + " |\n";
  }
  out += "| Fix | " + std::string(rule.has_fix ? "yes" : "no") + " |\n";
  if (!rule.tags.empty()) {
    std::string tags;
    for (std::string_view tag : rule.tags) tags += (tags.empty() ? "" : ", ") + std::string(tag);
    out += "| Tags | " + tags + " |\n";
  }
  if (!rule.aliases.empty()) {
    std::string aliases;
    for (const PeerAlias& alias : rule.aliases) {
      aliases += (aliases.empty() ? "" : ", ") + tool_label(alias.tool) + " `" +
                 std::string(alias.id) + "`";
    }
    out += "| Peer rules | " + aliases + " |\n";
  }
  out += "\n" + std::string(rule.docs);
  if (!out.ends_with("\n")) out += "\n";
  return out;
}

std::string rule_index_markdown(const std::vector<const Rule*>& rules) {
  std::string out =
      "# berth rules\n\nGenerated from rule metadata by `berth rules --format markdown`; "
      "do not edit.\n\n| Code | Name | Severity | Default | Summary |\n|---|---|---|---|---|\n";
  for (const Rule* rule : rules) {
    const RuleInfo& info = rule->info();
    out += "| [" + std::string(info.code) + "](" + std::string(info.code) + ".md) | " +
           std::string(info.name) + " | " + std::string(to_string(info.severity)) + " | " +
           (info.enabled_by_default ? "on" : "off") + " | " + std::string(info.summary) + " |\n";
  }
  return out;
}

}  // namespace berth
