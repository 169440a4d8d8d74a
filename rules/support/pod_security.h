// Shared pieces of the Kubernetes container and pod spec rules (K8S1xx, K8S3xx): how a
// container is named in messages, where a finding about a missing field points, where an
// effective value comes from, Windows pods, and fixes that set a securityContext field.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"
#include "rules/support/yaml_edit.h"

namespace berth::rules::pod_security {

// "container 'web'", "init container 'setup'", "ephemeral container 'debug'" (unnamed:
// "container #2").
std::string describe(const k8s::Container& container);

// Where a finding about a container security field that is set nowhere points: the nearest
// existing parent, i.e. the container's own `securityContext` key when it writes one, else the
// container's `name: x` entry (Container::report_span).
Span missing_field_span(const k8s::Container& container);

// " (pod securityContext sets runAsNonRoot: false)" when the effective value comes from the pod,
// " (securityContext sets ...)" otherwise; "" when the field is unset.
std::string origin(const k8s::SecurityField& field, std::string_view name);

// Where a value is written: the `*name` for an alias (the node's own span is the anchor's),
// the key when the value is empty.
Span value_span(const yaml::Entry& entry);
// The same for an effective security field, read in the container's or the pod's mapping.
Span value_span(const k8s::SecurityField& field, const k8s::Container& container,
                const k8s::PodSpec& pod);

// The scalar text of a field's value as written (`true`, `0`), for messages.
std::string value_text(const yaml::Node* value);

// The items of the container's `capabilities.add` or `.drop` list (`list` = "add"/"drop"),
// and the list node itself (null when absent or not a list).
const yaml::Node* capability_list(const k8s::Container& container, std::string_view list);
// A capability name as the runtimes read it: upper case, without the `CAP_` prefix.
std::string normalized_capability(std::string_view name);

// Pods with `spec.os.name: windows`: the API forbids the Linux-only securityContext fields
// (privilege escalation, capabilities, read-only root, seccomp, procMount) there.
bool is_windows(const k8s::PodSpec& pod);

// Reports a finding with its SARIF logical location (kind/namespace/name[/container]).
Finding& report(RuleContext& context, Span span, std::string message, const k8s::Object& object,
                const k8s::Container* container, std::optional<Fix> fix = std::nullopt);

// A fix that sets `securityContext.<path...>` of the container to `value` (creating the
// mappings as needed); nullopt when the text cannot be edited safely.
std::optional<Fix> container_security_fix(const SourceFile& source, const k8s::Container& container,
                                          std::vector<std::string_view> path,
                                          const yaml_edit::Value& value, std::string title,
                                          bool safe);

}  // namespace berth::rules::pod_security
