// Inline suppressions: `# berth ignore=...` comments, file-wide `ignore-file=`, Kubernetes
// annotations, and foreign pragmas (hadolint, checkov, trivy, kube-linter, kube-score,
// polaris) mapped through the rules' peer aliases. Unused ones become BR001 findings.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/engine/rule_set.h"
#include "analyzer/source/source_file.h"

namespace berth {

// One suppression as written, with the byte range of the text it covers.
struct Suppression {
  Span comment;                        // where it is written (for BR001 and "unused")
  std::vector<const RuleInfo*> rules;  // the berth rules it names (aliases resolved)
  bool file_wide = false;
  Span scope;  // covered text when not file-wide
  bool has_reason = false;
  bool berth_native = false;  // `# berth ...` / berth.dev/ignore (unused ones reported)
  std::string written;        // the rule list as written, for messages
  bool used = false;
  bool lacks_reason = false;  // matched, but require-reason wants a reason
};

// A suppression that names a cross-resource rule: it can only be judged after the
// cross-resource pass, when its file is gone, so its BR001 finding is prepared in advance.
struct DeferredSuppression {
  Suppression suppression;
  std::string path;
  std::optional<Finding> unused_finding;  // reported if nothing uses it in either pass
};

// Finds suppressions in the given comments. `scope_of_line(line)` gives the text that a
// suppression aimed at `line` covers (the instruction or YAML node starting there). A comment
// alone on its line aims at the next line with content; a trailing comment at its own line.
std::vector<Suppression> find_comment_suppressions(
    const SourceFile& source, const std::vector<Span>& comments,
    const std::vector<const Rule*>& catalogue,
    const std::function<std::optional<Span>(uint32_t line)>& scope_of_line);

// Parses the text after `#` of one comment. Returns false when it is not a suppression.
bool parse_suppression_comment(std::string_view comment, const std::vector<const Rule*>& catalogue,
                               Suppression* out);

// Maps one foreign id (tool + id) onto berth rules through the alias table.
std::vector<const RuleInfo*> rules_for_alias(const std::vector<const Rule*>& catalogue,
                                             std::string_view tool, std::string_view id);

// Removes findings covered by `suppressions`, and appends BR001 for berth suppressions that
// covered nothing (only those naming an active rule, so a disabled rule is not noise).
// Suppressions naming an active cross-resource rule are moved to `deferred` instead of being
// reported (when `deferred` is given).
void apply_suppression_list(std::vector<Finding>& findings, std::vector<Suppression>& suppressions,
                            const SourceFile& source, const RuleSet& rules,
                            std::vector<DeferredSuppression>* deferred = nullptr);

// The cross-resource pass's half: filters `findings` (any files) through the deferred
// suppressions, marking those that suppress something (not thread-safe: it marks them).
void filter_deferred_suppressions(std::vector<Finding>& findings,
                                  std::vector<DeferredSuppression>& deferred, const RuleSet& rules);
// Then, once every finding went through: the BR001 findings of those that never suppressed
// anything, in either pass.
std::vector<Finding> unused_deferred_suppressions(std::vector<DeferredSuppression>& deferred);

// Annotation suppressions of every object (and pod template) in a manifest: berth.dev/ignore
// and the kube-linter, kube-score, polaris and checkov annotations.
struct ManifestAnnotation {
  std::string key, value;
  Span entry;  // the annotation's text
  Span scope;  // the object it covers
};
void append_annotation_suppressions(const std::vector<ManifestAnnotation>& annotations,
                                    const std::vector<const Rule*>& catalogue,
                                    std::vector<Suppression>& out);

}  // namespace berth
