// analyze_source() with caller-owned trees. The suppression helpers mirror analyze.cpp's
// (kept private there); analyze.cpp could become a call to analyze_parsed(..., nullptr).
#include "analyzer/engine/analyze_parsed.h"

#include <exception>
#include <unordered_set>

#include "analyzer/engine/rule_context.h"
#include "analyzer/engine/suppressions.h"
#include "analyzer/yaml/yaml_tree.h"

namespace berth {

namespace {

// A rule that throws must not take the file (or the run) down with it; the failure is
// reported as a finding of that rule so it is seen and fixed.
template <typename Check>
void run_guarded(const ActiveRule& rule, const SourceFile& source, std::vector<Finding>& out,
                 Check&& check) {
  try {
    check();
  } catch (const std::exception& e) {
    Finding& finding = out.emplace_back();
    finding.rule = &rule.rule->info();
    finding.severity = rule.severity;
    finding.path = source.path();
    finding.message = std::string(kRuleInternalError) + e.what();
  }
}

void report_unrendered_template(const SourceFile& source, const RuleSet& rules,
                                std::vector<Finding>& out) {
  const ActiveRule* rule = rules.find("BR002");
  if (!rule) return;
  Finding& finding = out.emplace_back();
  finding.rule = &rule->rule->info();
  finding.severity = rule->severity;
  finding.path = source.path();
  finding.span = k8s::find_template_action(source.text()).value_or(Span{});
  finding.message =
      "Helm template not analyzed: render it first (helm template ... | berth check -)";
}

void apply_dockerfile_suppressions(std::vector<Finding>& findings,
                                   const dockerfile::Dockerfile& model, const RuleSet& rules) {
  const SourceFile& source = *model.source;
  std::vector<Span> comments;
  for (const dockerfile::Comment& comment : model.comments) comments.push_back(comment.span);
  for (const dockerfile::Directive& directive : model.directives)
    comments.push_back(directive.span);
  auto scope_of_line = [&](uint32_t line) -> std::optional<Span> {
    for (const auto& instruction : model.instructions) {
      if (source.lines().line_of(instruction->span.begin) == line) return instruction->span;
    }
    return std::nullopt;
  };
  std::vector<Suppression> suppressions =
      find_comment_suppressions(source, comments, rules.catalogue(), scope_of_line);
  apply_suppression_list(findings, suppressions, source, rules);
}

// For each line, the end of the largest YAML node that starts on it: a suppression aimed at
// that line covers the node and its children (a `- name:` item covers the whole item).
std::vector<uint32_t> yaml_scope_ends(const yaml::Stream& stream, const LineIndex& lines) {
  std::vector<uint32_t> ends(lines.line_count() + 2, 0);
  std::vector<const yaml::Node*> stack;
  std::unordered_set<const yaml::Node*> seen;
  auto note = [&](uint32_t begin, uint32_t end) {
    uint32_t& slot = ends[lines.line_of(begin)];
    slot = std::max(slot, end);
  };
  for (const yaml::Document& document : stream.documents) {
    if (document.root) stack.push_back(document.root);
  }
  while (!stack.empty()) {
    const yaml::Node* node = stack.back();
    stack.pop_back();
    if (!seen.insert(node).second) continue;  // aliases share nodes
    note(node->span.begin, node->span.end);
    for (const yaml::Entry& entry : node->entries) {
      if (entry.merged) continue;
      note(entry.key->span.begin, std::max(entry.key->span.end, entry.value->span.end));
      stack.push_back(entry.value);
    }
    for (const yaml::Node* item : node->items) stack.push_back(item);
  }
  return ends;
}

void apply_manifest_suppressions(std::vector<Finding>& findings, const k8s::ManifestFile& manifest,
                                 const RuleSet& rules, std::vector<DeferredSuppression>* deferred) {
  const SourceFile& source = *manifest.source;
  std::vector<Span> comments;
  for (const yaml::Document& document : manifest.stream.documents) {
    comments.insert(comments.end(), document.comments.begin(), document.comments.end());
  }
  std::vector<uint32_t> scope_ends;
  auto scope_of_line = [&](uint32_t line) -> std::optional<Span> {
    if (scope_ends.empty()) scope_ends = yaml_scope_ends(manifest.stream, source.lines());
    if (line >= scope_ends.size() || scope_ends[line] == 0) return std::nullopt;
    return Span{source.lines().line_span(line).begin, scope_ends[line]};
  };
  std::vector<Suppression> suppressions =
      find_comment_suppressions(source, comments, rules.catalogue(), scope_of_line);
  // Annotations on the object or its pod template cover the whole object.
  std::vector<ManifestAnnotation> annotations;
  for (const k8s::Object& object : manifest.objects) {
    const Span scope = object.node ? object.node->span : object.report_span;
    auto add = [&](const std::vector<k8s::MetadataEntry>& entries) {
      for (const k8s::MetadataEntry& entry : entries) {
        annotations.push_back({entry.key, entry.value, entry.span(), scope});
      }
    };
    add(object.annotations);
    if (object.pod_spec) add(object.pod_spec->template_annotations);
  }
  append_annotation_suppressions(annotations, rules.catalogue(), suppressions);
  apply_suppression_list(findings, suppressions, source, rules, deferred);
}

// `helm template ... | berth check -`: a finding in a document that a `# Source:` comment
// attributes to a chart template is reported at that template's path, with lines counted
// from the start of the rendered document (the template itself is not valid YAML, so its
// own lines cannot be known).
void attribute_to_templates(std::vector<Finding>& findings, const k8s::ManifestFile& manifest) {
  const SourceFile& source = *manifest.source;
  const std::vector<k8s::SourceAttribution> sources =
      k8s::helm_sources(manifest.stream, source.text());
  for (Finding& finding : findings) {
    for (size_t i = 0; i < sources.size() && i < manifest.stream.documents.size(); ++i) {
      const Span document = manifest.stream.documents[i].span;
      if (sources[i].template_path.empty()) continue;
      if (finding.span.begin < document.begin || finding.span.begin > document.end) continue;
      const uint32_t base = source.lines().line_of(sources[i].comment.begin);
      if (finding.start.line <= base) break;
      finding.start.line -= base;
      finding.end.line = finding.end.line > base ? finding.end.line - base : finding.start.line;
      finding.path = sources[i].template_path;
      break;
    }
  }
}

}  // namespace

std::vector<Finding> analyze_parsed(const SourceFile& source, FileKind kind, const RuleSet& rules,
                                    const TSTree* tree, ClusterCollector* cluster,
                                    ParsedModel* model,
                                    std::vector<const k8s::Object*> sibling_objects) {
  std::vector<Finding> findings;
  std::vector<Span> secrets;  // secret values the rules saw, masked in shown source lines
  const Config& config = rules.config();
  if (kind == FileKind::Dockerfile) {
    dockerfile::BuildOptions options{config.target, config.build_args};
    dockerfile::Dockerfile file = tree ? dockerfile::build_dockerfile(source, tree, options)
                                       : dockerfile::build_dockerfile(source, options);
    for (const ActiveRule& rule : rules.active()) {
      if (rule.rule->info().target != RuleTarget::Dockerfile) continue;
      RuleContext context(rule, source, config, findings, &secrets);
      run_guarded(rule, source, findings, [&] { rule.rule->check_dockerfile(file, context); });
    }
    for (const ActiveRule& rule : rules.inactive_secret_rules()) {
      if (rule.rule->info().target != RuleTarget::Dockerfile) continue;
      std::vector<Finding> dropped;
      RuleContext context(rule, source, config, dropped, &secrets);
      run_guarded(rule, source, dropped, [&] { rule.rule->check_dockerfile(file, context); });
    }
    apply_dockerfile_suppressions(findings, file, rules);
    if (model) model->dockerfile = std::move(file);
  } else if (kind == FileKind::Yaml) {
    if (k8s::is_helm_template(source.text())) {
      report_unrendered_template(source, rules, findings);
    } else {
      k8s::ManifestFile manifest;
      manifest.source = &source;
      manifest.stream = yaml::parse_stream(source.text(), tree);
      k8s::build_objects(manifest);
      manifest.sibling_objects = std::move(sibling_objects);
      for (const ActiveRule& rule : rules.active()) {
        if (rule.rule->info().target != RuleTarget::Kubernetes) continue;
        RuleContext context(rule, source, config, findings, &secrets);
        run_guarded(rule, source, findings,
                    [&] { rule.rule->check_kubernetes(manifest, context); });
      }
      for (const ActiveRule& rule : rules.inactive_secret_rules()) {
        if (rule.rule->info().target != RuleTarget::Kubernetes) continue;
        std::vector<Finding> dropped;
        RuleContext context(rule, source, config, dropped, &secrets);
        run_guarded(rule, source, dropped, [&] { rule.rule->check_kubernetes(manifest, context); });
      }
      std::vector<DeferredSuppression> deferred;
      apply_manifest_suppressions(findings, manifest, rules, cluster ? &deferred : nullptr);
      if (cluster) {
        std::lock_guard<std::mutex> lock(cluster->mutex);
        cluster->index.add(manifest);
        std::move(deferred.begin(), deferred.end(), std::back_inserter(cluster->deferred));
      }
      for (Finding& finding : findings) resolve_positions(finding, source);
      mask_secrets(findings, source, secrets);
      attribute_to_templates(findings, manifest);
      if (model) {
        model->manifest = std::move(manifest);
        model->secrets = secrets;
      }
      return findings;
    }
  }
  for (Finding& finding : findings) resolve_positions(finding, source);
  mask_secrets(findings, source, secrets);
  if (model) model->secrets = secrets;
  return findings;
}

}  // namespace berth
