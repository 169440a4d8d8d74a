// Suppression comments and their matching. Foreign pragmas are honoured so a team can switch
// from hadolint/checkov/trivy without rewriting every ignore comment.
#include "analyzer/engine/suppressions.h"

#include <algorithm>
#include <cctype>

#include "analyzer/config/config.h"
#include "analyzer/engine/rule_context.h"

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

bool parse_suppression_comment(std::string_view comment, const std::vector<const Rule*>& catalogue,
                               Suppression* out) {
  std::string_view text = trim(comment);
  while (text.starts_with("#")) text = trim(text.substr(1));

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
    // Listed only for a directive: most comments are none.
    const std::vector<const RuleInfo*> infos = infos_of(catalogue);
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
    for (const RuleInfo* rule : rules_for_alias(catalogue, "checkov", id))
      add_unique(out->rules, rule);
    return true;
  }
  if (text.starts_with("trivy:ignore:")) {
    std::string_view id = trim(text.substr(13));
    id = id.substr(0, id.find_first_of(" \t"));
    out->written = std::string(id);
    out->has_reason = true;
    for (const RuleInfo* rule : rules_for_alias(catalogue, "trivy", id))
      add_unique(out->rules, rule);
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
      const bool trailing = !trim(source.slice({line_span.begin, comment.begin})).empty();
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

namespace {

bool covers(const Suppression& s, const Finding& finding) {
  if (std::find(s.rules.begin(), s.rules.end(), finding.rule) == s.rules.end()) return false;
  if (s.file_wide) return true;
  return s.scope.contains(finding.span.begin) ||
         (finding.span.empty() && finding.span.begin == s.scope.end);
}

// Filters `findings` through `suppressions` (those of `path`, or of any path when empty).
void filter(std::vector<Finding>& findings, std::vector<Suppression*>& suppressions,
            const std::vector<std::string>* paths, const Config& config) {
  if (!config.allow_inline_suppressions) return;
  std::erase_if(findings, [&](const Finding& finding) {
    if (finding.rule->code == "BR001") return false;  // never suppressible
    bool hit = false;
    for (size_t i = 0; i < suppressions.size(); ++i) {
      Suppression& s = *suppressions[i];
      if (paths && (*paths)[i] != finding.path) continue;
      if (!covers(s, finding)) continue;
      if (config.require_reason && !s.has_reason) {
        s.lacks_reason = true;
        continue;
      }
      s.used = true;
      hit = true;
    }
    return hit;
  });
}

// The BR001 finding for an unused suppression, or nothing when it should stay quiet.
std::optional<Finding> unused_finding(const Suppression& s, const std::string& path,
                                      const RuleSet& rules) {
  const Config& config = rules.config();
  const ActiveRule* unused_rule = rules.find("BR001");
  if (!unused_rule || !s.berth_native || !config.allow_inline_suppressions) return std::nullopt;
  Finding finding;
  finding.rule = &unused_rule->rule->info();
  finding.severity = unused_rule->severity;
  finding.path = path;
  finding.span = s.comment;
  if (s.lacks_reason) {
    finding.message = "suppression of " + s.written +
                      " has no reason (config require-reason: true); add `-- <reason>`";
  } else if (s.rules.empty()) {
    finding.message = "suppression names no known rule: '" + s.written + "'";
  } else {
    bool any_active = false;
    for (const RuleInfo* rule : s.rules) any_active = any_active || rules.find(rule->code);
    if (!any_active) return std::nullopt;  // the rule is off: the comment is idle, not wrong
    finding.message = "unused suppression: no " + s.written + " finding " +
                      (s.file_wide ? "in this file" : "here");
  }
  return finding;
}

bool names_cross_resource_rule(const Suppression& s, const RuleSet& rules) {
  for (const RuleInfo* info : s.rules) {
    const ActiveRule* active = rules.find(info->code);
    if (active && active->rule->is_cross_resource()) return true;
  }
  return false;
}

}  // namespace

void apply_suppression_list(std::vector<Finding>& findings, std::vector<Suppression>& suppressions,
                            const SourceFile& source, const RuleSet& rules,
                            std::vector<DeferredSuppression>* deferred) {
  std::vector<Suppression*> pointers;
  for (Suppression& s : suppressions) pointers.push_back(&s);
  filter(findings, pointers, nullptr, rules.config());
  for (Suppression& s : suppressions) {
    if (s.used && !s.lacks_reason) continue;
    std::optional<Finding> finding = unused_finding(s, source.path(), rules);
    if (finding) resolve_positions(*finding, source);
    // Foreign pragmas (kube-linter, kube-score, checkov annotations) have no unused finding
    // but must still reach the cross-resource pass.
    if (deferred && !s.lacks_reason && names_cross_resource_rule(s, rules)) {
      deferred->push_back({s, source.path(), std::move(finding)});
      continue;
    }
    if (finding) findings.push_back(std::move(*finding));
  }
}

void filter_deferred_suppressions(std::vector<Finding>& findings,
                                  std::vector<DeferredSuppression>& deferred,
                                  const RuleSet& rules) {
  std::vector<Suppression*> pointers;
  std::vector<std::string> paths;
  for (DeferredSuppression& d : deferred) {
    pointers.push_back(&d.suppression);
    paths.push_back(d.path);
  }
  filter(findings, pointers, &paths, rules.config());
}

std::vector<Finding> unused_deferred_suppressions(std::vector<DeferredSuppression>& deferred) {
  std::vector<Finding> unused;
  for (DeferredSuppression& d : deferred) {
    if (!d.suppression.used && d.unused_finding) unused.push_back(std::move(*d.unused_finding));
  }
  return unused;
}

void append_annotation_suppressions(const std::vector<ManifestAnnotation>& annotations,
                                    const std::vector<const Rule*>& catalogue,
                                    std::vector<Suppression>& out) {
  const std::vector<const RuleInfo*> infos = infos_of(catalogue);
  for (const ManifestAnnotation& annotation : annotations) {
    Suppression s;
    s.comment = annotation.entry;
    s.scope = annotation.scope;
    s.has_reason = true;
    const std::string_view key = annotation.key;
    auto add_all = [&](std::vector<const RuleInfo*> rules) {
      for (const RuleInfo* rule : rules) add_unique(s.rules, rule);
    };
    if (key == "berth.dev/ignore") {
      s.berth_native = true;
      s.written = annotation.value;
      for (std::string_view item : split_list(annotation.value))
        add_unique(s.rules, find_rule(infos, item));
    } else if (key.starts_with("ignore-check.kube-linter.io/")) {
      s.written = std::string(key.substr(28));
      add_all(rules_for_alias(catalogue, "kube-linter", s.written));
    } else if (key == "kube-score/ignore") {
      s.written = annotation.value;
      for (std::string_view item : split_list(annotation.value)) {
        add_all(rules_for_alias(catalogue, "kube-score", item));
      }
    } else if (key.starts_with("polaris.fairwinds.com/") && key.ends_with("-exempt")) {
      if (annotation.value != "true") continue;
      s.written = std::string(key.substr(22, key.size() - 22 - 7));
      add_all(rules_for_alias(catalogue, "polaris", s.written));
    } else if (key.starts_with("checkov.io/skip")) {
      // checkov.io/skip1: CKV_K8S_20=the reason
      const std::string_view value = annotation.value;
      s.written = std::string(trim(value.substr(0, value.find('='))));
      add_all(rules_for_alias(catalogue, "checkov", s.written));
    } else {
      continue;
    }
    out.push_back(std::move(s));
  }
}

}  // namespace berth
