// Shared pieces of the Kubernetes container and pod spec rules.
#include "rules/support/pod_security.h"

#include <cctype>

namespace berth::rules::pod_security {

std::string describe(const k8s::Container& container) {
  std::string kind;
  switch (container.type) {
    case k8s::ContainerType::Container:
      kind = "container";
      break;
    case k8s::ContainerType::InitContainer:
      kind = "init container";
      break;
    case k8s::ContainerType::EphemeralContainer:
      kind = "ephemeral container";
      break;
  }
  if (container.name.empty()) return kind + " #" + std::to_string(container.index + 1);
  return kind + " '" + container.name + "'";
}

Span missing_field_span(const k8s::Container& container) {
  const yaml::Entry* entry = container.node->entry("securityContext");
  if (container.security_context_key && entry && !entry->merged &&
      container.node->span.contains(container.security_context_key->span)) {
    return container.security_context_key->span;
  }
  return container.report_span;
}

Span value_span(const yaml::Entry& entry) {
  if (!entry.alias_span.empty()) return entry.alias_span;
  if (entry.value->span.empty()) return entry.key->span;
  return entry.value->span;
}

Span value_span(const k8s::SecurityField& field, const k8s::Container& container,
                const k8s::PodSpec& pod) {
  const yaml::Node* mapping = field.from_pod ? pod.security_context : container.security_context;
  const yaml::Node* owner = field.from_pod ? pod.spec : container.node;
  Span span = field.value ? field.value->span : Span{};
  if (mapping) {
    for (const yaml::Entry& entry : mapping->entries) {
      if (entry.key == field.key) span = value_span(entry);
    }
  }
  if (!owner || owner->span.contains(span)) return span;
  // The value is written in an anchor elsewhere: point at the place of use in this container
  // (or pod), the `securityContext: *alias`, else the container (pod spec) itself.
  const yaml::Entry* context_entry = owner->entry("securityContext");
  if (context_entry && !context_entry->merged && owner->span.contains(context_entry->key->span)) {
    return context_entry->alias_span.empty() ? context_entry->key->span : context_entry->alias_span;
  }
  return field.from_pod ? pod.report_span() : container.report_span;
}

std::string value_text(const yaml::Node* value) {
  if (!value) return "";
  if (value->is_scalar()) {
    // A quoted "true" is a string, not the boolean: show the quotes.
    if (value->style == yaml::ScalarStyle::SingleQuoted ||
        value->style == yaml::ScalarStyle::DoubleQuoted) {
      return '"' + value->value + '"';
    }
    return value->value;
  }
  if (value->is_null()) return "null";
  return value->is_mapping() ? "{...}" : "[...]";
}

std::string origin(const k8s::SecurityField& field, std::string_view name) {
  if (!field.is_set()) return "";
  return std::string(field.from_pod ? " (pod securityContext sets " : " (securityContext sets ") +
         std::string(name) + ": " + value_text(field.value) + ")";
}

const yaml::Node* capability_list(const k8s::Container& container, std::string_view list) {
  const yaml::Node* capabilities = container.security.capabilities.value;
  if (!capabilities || !capabilities->is_mapping()) return nullptr;
  const yaml::Node* items = capabilities->get(list);
  return items && items->is_sequence() ? items : nullptr;
}

std::string normalized_capability(std::string_view name) {
  std::string out(name);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (out.starts_with("CAP_")) out.erase(0, 4);
  return out;
}

bool is_windows(const k8s::PodSpec& pod) {
  const yaml::Node* os = pod.field("os");
  const yaml::Node* name = os && os->is_mapping() ? os->get("name") : nullptr;
  return name && name->is_scalar() && name->value == "windows";
}

Finding& report(RuleContext& context, Span span, std::string message, const k8s::Object& object,
                const k8s::Container* container, std::optional<Fix> fix) {
  Finding& finding = context.report(span, std::move(message), std::move(fix));
  finding.logical = k8s::logical_location(object, container);
  return finding;
}

std::optional<Fix> container_security_fix(const SourceFile& source, const k8s::Container& container,
                                          std::vector<std::string_view> path,
                                          const yaml_edit::Value& value, std::string title,
                                          bool safe) {
  path.insert(path.begin(), "securityContext");
  std::optional<TextEdit> edit = yaml_edit::set_path(source.text(), *container.node, path, value);
  if (!edit) return std::nullopt;
  return Fix{std::move(title), safe, {std::move(*edit)}};
}

}  // namespace berth::rules::pod_security
