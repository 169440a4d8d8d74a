// Suppression comments and their matching. Foreign pragmas are honoured so a team can switch
// from hadolint/checkov/trivy without rewriting every ignore comment.
#include "analyzer/engine/suppressions.h"

#include <algorithm>
#include <cctype>

#include "analyzer/config/config.h"

namespace berth {

namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// Trivy ids appear as DS002, DS-0002 or AVD-DS-0002; berth's aliases use DS-0002.
std::string normalize_trivy(std::string_view id) {
  std::string text = upper(id);
  if (text.starts_with("AVD-")) text.erase(0, 4);
  const size_t dash = text.find('-');
  std::string prefix = text.substr(0, std::min(dash, text.find_first_of("0123456789")));
  std::string digits;
  for (char c : text) {
    if (std::isdigit(static_cast<unsigned char>(c))) digits.push_back(c);
  }
  if (prefix.empty() || digits.empty()) return text;
  while (digits.size() < 4) digits.insert(digits.begin(), '0');
  return prefix + "-" + digits;
}

std::vector<std::string_view> split_list(std::string_view text) {
  std::vector<std::string_view> items;
  while (!text.empty()) {
    const size_t comma = text.find(',');
    const std::string_view item = trim(text.substr(0, comma));
    if (!item.empty()) items.push_back(item);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return items;
}

void add_unique(std::vector<const RuleInfo*>& rules, const RuleInfo* rule) {
  if (rule && std::find(rules.begin(), rules.end(), rule) == rules.end()) rules.push_back(rule);
}

}  // namespace

std::vector<const RuleInfo*> rules_for_alias(const std::vector<const Rule*>& catalogue,
                                             std::string_view tool, std::string_view id) {
  std::vector<const RuleInfo*> rules;
  const std::string wanted = tool == "trivy" ? normalize_trivy(id) : upper(id);
  for (const Rule* rule : catalogue) {
    for (const PeerAlias& alias : rule->info().aliases) {
      if (alias.tool != tool) continue;
      const std::string have = tool == "trivy" ? normalize_trivy(alias.id) : upper(alias.id);
      if (have == wanted) add_unique(rules, &rule->info());
    }
  }
  return rules;
}

bool parse_suppression_comment(std::string_view comment,
                               const std::vector<const Rule*>& catalogue, Suppression* out) {
  std::string_view text = trim(comment);
  while (text.starts_with("#")) text = trim(text.substr(1));
  const std::vector<const RuleInfo*> infos = infos_of(catalogue);

  if (text.starts_with("berth ") || text.starts_with("berth:")) {
    text = trim(text.substr(6));
    std::string_view list;
    if (text.starts_with("ignore-file=")) {
      out->file_wide = true;
      list = text.substr(12);
    } else if (text.starts_with("ignore=")) {
      list = text.substr(7);
    } else {
      return false;
    }
    const size_t reason = list.find("--");
    if (reason != std::string_view::npos) {
      out->has_reason = !trim(list.substr(reason + 2)).empty();
      list = list.substr(0, reason);
    }
    list = trim(list);
    // The list ends at the first whitespace: `ignore=DF201 because` is not a rule name.
    list = list.substr(0, list.find_first_of(" \t"));
    out->written = std::string(list);
    out->berth_native = true;
    for (std::string_view item : split_list(list)) add_unique(out->rules, find_rule(infos, item));
    return true;
  }
  if (text.starts_with("hadolint ")) {
    text = trim(text.substr(9));
    if (text.starts_with("global ")) {
      out->file_wide = true;
      text = trim(text.substr(7));
    }
    if (!text.starts_with("ignore=")) return false;
    std::string_view list = text.substr(7);
    list = list.substr(0, list.find_first_of(" \t"));
    out->written = std::string(list);
    out->has_reason = true;  // hadolint has no reason syntax
    for (std::string_view item : split_list(list)) {
      for (const RuleInfo* rule : rules_for_alias(catalogue, "hadolint", item)) {
        add_unique(out->rules, rule);
      }
    }
    return true;
  }
  if (text.starts_with("checkov:skip=")) {
    // checkov:skip=CKV_DOCKER_3:the reason
    std::string_view rest = text.substr(13);
    const size_t colon = rest.find(':');
    const std::string_view id = trim(rest.substr(0, colon));
    out->has_reason = colon != std::string_view::npos && !trim(rest.substr(colon + 1)).empty();
    out->written = std::string(id);
    for (const RuleInfo* rule : rules_for_alias(catalogue, "checkov", id)) add_unique(out->rules, rule);
    return true;
  }
  if (text.starts_with("trivy:ignore:")) {
    std::string_view id = trim(text.substr(13));
    id = id.substr(0, id.find_first_of(" \t"));
    out->written = std::string(id);
    out->has_reason = true;
    for (const RuleInfo* rule : rules_for_alias(catalogue, "trivy", id)) add_unique(out->rules, rule);
    return true;
  }
  return false;
}

std::vector<Suppression> find_comment_suppressions(
    const SourceFile& source, const std::vector<Span>& comments,
    const std::vector<const Rule*>& catalogue,
    const std::function<std::optional<Span>(uint32_t line)>& scope_of_line) {
  std::vector<Suppression> found;
  const LineIndex& lines = source.lines();
  for (const Span& comment : comments) {
    Suppression suppression;
    std::string_view text = source.slice(comment);
    if (!parse_suppression_comment(text, catalogue, &suppression)) continue;
    suppression.comment = comment;
    if (!suppression.file_wide) {
      const uint32_t line = lines.line_of(comment.begin);
      const Span line_span = lines.line_span(line);
      const bool trailing =
          !trim(source.slice({line_span.begin, comment.begin})).empty();
      uint32_t target = line;
      if (!trailing) {
        // The next line with content that is not itself a comment.
        for (target = line + 1; target <= lines.line_count(); ++target) {
          const std::string_view next = trim(lines.line_text(target));
          if (!next.empty() && !next.starts_with("#")) break;
        }
      }
      const std::optional<Span> scope = scope_of_line(target);
      suppression.scope = scope ? *scope : lines.line_span(target);
    }
    found.push_back(std::move(suppression));
  }
  return found;
}

void apply_suppression_list(std::vector<Finding>& findings,
                            std::vector<Suppression>& suppressions, const SourceFile& source,
                            const RuleSet& rules) {
  const Config& config = rules.config();
  std::vector<bool> used(suppressions.size(), false);
  std::vector<bool> lacks_reason(suppressions.size(), false);
  if (config.allow_inline_suppressions) {
    auto covered = [&](const Finding& finding) {
      bool hit = false;
      for (size_t i = 0; i < suppressions.size(); ++i) {
        const Suppression& s = suppressions[i];
        if (std::find(s.rules.begin(), s.rules.end(), finding.rule) == s.rules.end()) continue;
        if (!s.file_wide && !s.scope.contains(finding.span.begin) &&
            !(finding.span.begin == s.scope.end && finding.span.empty())) {
          continue;
        }
        if (config.require_reason && !s.has_reason) {
          lacks_reason[i] = true;
          continue;
        }
        used[i] = true;
        hit = true;
      }
      return hit;
    };
    std::erase_if(findings, [&](const Finding& finding) {
      // Suppression findings themselves cannot be suppressed.
      return finding.rule->code != "BR001" && covered(finding);
    });
  }
  const ActiveRule* unused_rule = rules.find("BR001");
  if (!unused_rule) return;
  for (size_t i = 0; i < suppressions.size(); ++i) {
    const Suppression& s = suppressions[i];
    if (used[i] || !s.berth_native) continue;
    Finding finding;
    finding.rule = &unused_rule->rule->info();
    finding.severity = unused_rule->severity;
    finding.path = source.path();
    finding.span = s.comment;
    if (!config.allow_inline_suppressions) continue;  // all off: nothing is "unused"
    if (lacks_reason[i]) {
      finding.message = "suppression of " + s.written +
                        " has no reason (config require-reason: true); add `-- <reason>`";
    } else if (s.rules.empty()) {
      finding.message = "suppression names no known rule: '" + s.written + "'";
    } else {
      bool any_active = false;
      for (const RuleInfo* rule : s.rules) any_active = any_active || rules.find(rule->code);
      if (!any_active) continue;  // the rule is off: the comment is not wrong, just idle
      finding.message = "unused suppression: no " + s.written + " finding " +
                        (s.file_wide ? "in this file" : "here");
    }
    findings.push_back(std::move(finding));
  }
}

}  // namespace berth
