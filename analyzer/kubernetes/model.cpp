// Builds Kubernetes objects, pod specs and containers from the YAML value tree, collecting
// shape errors instead of failing; also label selector semantics.
#include "analyzer/kubernetes/model.h"

#include <algorithm>
#include <array>
#include <set>

namespace berth::k8s {

Span entry_span(const yaml::Node* key, const yaml::Node* value) {
  if (!key) return value ? value->span : Span{};
  if (!value || value->span.empty() || value->span.begin < key->span.end) return key->span;
  return {key->span.begin, value->span.end};
}

LabelMap to_label_map(const std::vector<MetadataEntry>& entries) {
  LabelMap map;
  for (const MetadataEntry& entry : entries) map[entry.key] = entry.value;
  return map;
}

const MetadataEntry* find_entry(const std::vector<MetadataEntry>& entries, std::string_view key) {
  const MetadataEntry* found = nullptr;
  for (const MetadataEntry& entry : entries) {
    if (entry.key == key) found = &entry;
  }
  return found;
}

namespace {

// A node that is present and not YAML null: the API's notion of "set".
bool is_set(const yaml::Node* node) { return node && !node->is_null(); }

std::string_view shape_name(const yaml::Node& node) {
  switch (node.kind) {
    case yaml::NodeKind::Null:
      return "null";
    case yaml::NodeKind::Scalar:
      return "a scalar";
    case yaml::NodeKind::Mapping:
      return "a mapping";
    case yaml::NodeKind::Sequence:
      return "a list";
  }
  return "something else";
}

std::string join_path(std::string_view parent, std::string_view field) {
  if (parent.empty()) return std::string(field);
  std::string path(parent);
  path += '.';
  path += field;
  return path;
}

std::string item_path(std::string_view parent, size_t index) {
  return std::string(parent) + "[" + std::to_string(index) + "]";
}

// Appends shape errors, one per span (a shared alias node is reported once).
class ErrorSink {
 public:
  explicit ErrorSink(std::vector<ModelError>* out) : out_(out) {}

  void wrong_shape(const yaml::Node& node, std::string_view path, std::string_view expected) {
    add(node.span, std::string(path) + ": expected " + std::string(expected) + ", found " +
                       std::string(shape_name(node)));
  }
  void add(Span span, std::string message) {
    if (!out_) return;
    for (const ModelError& error : *out_) {
      if (error.span == span) return;
    }
    out_->push_back({span, std::move(message)});
  }

  // The field's value when it is a mapping; null (and an error when set but not a mapping).
  const yaml::Node* mapping(const yaml::Node* parent, std::string_view key, std::string_view path) {
    if (!parent) return nullptr;
    const yaml::Node* value = parent->get(key);
    if (!is_set(value)) return nullptr;
    if (!value->is_mapping()) {
      wrong_shape(*value, path, "a mapping");
      return nullptr;
    }
    return value;
  }
  const yaml::Node* sequence(const yaml::Node* parent, std::string_view key,
                             std::string_view path) {
    if (!parent) return nullptr;
    const yaml::Node* value = parent->get(key);
    if (!is_set(value)) return nullptr;
    if (!value->is_sequence()) {
      wrong_shape(*value, path, "a list");
      return nullptr;
    }
    return value;
  }
  // A list whose items must be mappings (ports, env, volumes, ...).
  void sequence_of_mappings(const yaml::Node* parent, std::string_view key, std::string_view path) {
    const yaml::Node* list = sequence(parent, key, path);
    if (!list) return;
    for (size_t i = 0; i < list->items.size(); ++i) {
      if (!list->items[i]->is_mapping()) {
        wrong_shape(*list->items[i], item_path(path, i), "a mapping");
      }
    }
  }
  void sequence_of_scalars(const yaml::Node* parent, std::string_view key, std::string_view path) {
    const yaml::Node* list = sequence(parent, key, path);
    if (!list) return;
    for (size_t i = 0; i < list->items.size(); ++i) {
      if (!list->items[i]->is_scalar()) {
        wrong_shape(*list->items[i], item_path(path, i), "a string");
      }
    }
  }
  // The field's scalar text; nullopt when unset (and an error when set but not a scalar).
  std::optional<std::string> scalar(const yaml::Node* parent, std::string_view key,
                                    std::string_view path) {
    if (!parent) return std::nullopt;
    const yaml::Node* value = parent->get(key);
    if (!is_set(value)) return std::nullopt;
    if (!value->is_scalar()) {
      wrong_shape(*value, path, "a string");
      return std::nullopt;
    }
    return value->value;
  }

 private:
  std::vector<ModelError>* out_;
};

// Reads `labels` / `annotations`: a mapping of scalar keys to scalar (or null) values.
std::vector<MetadataEntry> read_string_map(const yaml::Node* parent, std::string_view key,
                                           std::string_view path, ErrorSink& errors) {
  std::vector<MetadataEntry> entries;
  const yaml::Node* map = errors.mapping(parent, key, path);
  if (!map) return entries;
  for (const yaml::Entry& entry : map->entries) {
    if (!entry.key->is_scalar()) {
      errors.wrong_shape(*entry.key, path, "string keys");
      continue;
    }
    const std::string entry_path = join_path(path, entry.key->value);
    if (!entry.value->is_scalar() && !entry.value->is_null()) {
      errors.wrong_shape(*entry.value, entry_path, "a string");
      continue;
    }
    entries.push_back({entry.key->value, entry.value->is_scalar() ? entry.value->value : "",
                       entry.key, entry.value});
  }
  return entries;
}

std::optional<SelectorOperator> parse_operator(std::string_view text) {
  if (text == "In") return SelectorOperator::In;
  if (text == "NotIn") return SelectorOperator::NotIn;
  if (text == "Exists") return SelectorOperator::Exists;
  if (text == "DoesNotExist") return SelectorOperator::DoesNotExist;
  return std::nullopt;
}

template <typename Lookup>
bool selector_matches(const LabelSelector& selector, Lookup&& lookup) {
  if (selector.selects_nothing) return false;
  for (const auto& [key, value] : selector.match_labels) {
    const std::optional<std::string_view> actual = lookup(key);
    if (!actual || *actual != value) return false;
  }
  for (const LabelRequirement& requirement : selector.match_expressions) {
    const std::optional<std::string_view> actual = lookup(requirement.key);
    const bool listed = actual && std::find(requirement.values.begin(), requirement.values.end(),
                                            *actual) != requirement.values.end();
    switch (requirement.op) {
      case SelectorOperator::In:
        if (!listed) return false;
        break;
      case SelectorOperator::NotIn:
        if (listed) return false;
        break;
      case SelectorOperator::Exists:
        if (!actual) return false;
        break;
      case SelectorOperator::DoesNotExist:
        if (actual) return false;
        break;
    }
  }
  return true;
}

}  // namespace

bool LabelSelector::matches(const LabelMap& labels) const {
  return selector_matches(*this, [&](std::string_view key) -> std::optional<std::string_view> {
    const auto found = labels.find(key);
    if (found == labels.end()) return std::nullopt;
    return std::string_view(found->second);
  });
}

bool LabelSelector::matches(const std::vector<MetadataEntry>& labels) const {
  return selector_matches(*this, [&](std::string_view key) -> std::optional<std::string_view> {
    const MetadataEntry* entry = find_entry(labels, key);
    if (!entry) return std::nullopt;
    return std::string_view(entry->value);
  });
}

LabelSelector parse_label_selector(const yaml::Node* node, AbsentSelector absent,
                                   std::string_view path, std::vector<ModelError>* out) {
  ErrorSink errors(out);
  LabelSelector selector;
  if (!is_set(node)) {
    selector.selects_nothing = absent == AbsentSelector::SelectsNothing;
    return selector;
  }
  selector.span = node->span;
  if (!node->is_mapping()) {
    errors.wrong_shape(*node, path, "a mapping");
    return selector;
  }
  bool valid = true;
  for (const MetadataEntry& label :
       read_string_map(node, "matchLabels", join_path(path, "matchLabels"), errors)) {
    selector.match_labels.emplace_back(label.key, label.value);
  }
  // A malformed matchLabels is still a mapping we could not fully read: select nothing rather
  // than more than the author asked for.
  const yaml::Node* labels = node->get("matchLabels");
  if (is_set(labels) &&
      (!labels->is_mapping() || selector.match_labels.size() != labels->entries.size())) {
    valid = false;
  }
  const std::string expressions_path = join_path(path, "matchExpressions");
  const yaml::Node* expressions = errors.sequence(node, "matchExpressions", expressions_path);
  if (is_set(node->get("matchExpressions")) && !expressions) valid = false;
  if (expressions) {
    for (size_t i = 0; i < expressions->items.size(); ++i) {
      const yaml::Node* item = expressions->items[i];
      const std::string item_at = item_path(expressions_path, i);
      if (!item->is_mapping()) {
        errors.wrong_shape(*item, item_at, "a mapping");
        valid = false;
        continue;
      }
      LabelRequirement requirement;
      const std::optional<std::string> key = errors.scalar(item, "key", join_path(item_at, "key"));
      const std::optional<std::string> op =
          errors.scalar(item, "operator", join_path(item_at, "operator"));
      if (!key || !op) {
        if (!key && !is_set(item->get("key"))) {
          errors.add(item->span, item_at + ": a requirement needs a `key`");
        }
        if (!op && !is_set(item->get("operator"))) {
          errors.add(item->span, item_at + ": a requirement needs an `operator`");
        }
        valid = false;
        continue;
      }
      requirement.key = *key;
      const std::optional<SelectorOperator> parsed = parse_operator(*op);
      if (!parsed) {
        errors.add(item->get("operator")->span,
                   item_at + ".operator: unknown operator \"" + *op +
                       "\" (expected In, NotIn, Exists or DoesNotExist)");
        valid = false;
        continue;
      }
      requirement.op = *parsed;
      const std::string values_path = join_path(item_at, "values");
      errors.sequence_of_scalars(item, "values", values_path);
      if (const yaml::Node* values = item->get("values"); values && values->is_sequence()) {
        for (const yaml::Node* value : values->items) {
          if (value->is_scalar()) requirement.values.push_back(value->value);
        }
      }
      const bool needs_values =
          requirement.op == SelectorOperator::In || requirement.op == SelectorOperator::NotIn;
      if (needs_values && requirement.values.empty()) {
        errors.add(item->span, item_at + ": operator " + *op + " needs a non-empty `values`");
        valid = false;
        continue;
      }
      if (!needs_values && !requirement.values.empty()) {
        errors.add(item->get("values")->span, item_at + ": operator " + *op + " takes no `values`");
        valid = false;
        continue;
      }
      selector.match_expressions.push_back(std::move(requirement));
    }
  }
  selector.selects_nothing = !valid;
  return selector;
}

LabelSelector parse_service_selector(const yaml::Node* node, std::string_view path,
                                     std::vector<ModelError>* out) {
  ErrorSink errors(out);
  LabelSelector selector;
  if (!is_set(node)) return selector;
  selector.span = node->span;
  if (!node->is_mapping()) {
    errors.wrong_shape(*node, path, "a mapping");
    return selector;
  }
  // Read through a one-entry wrapper so labels and selectors share the string-map reader.
  for (const yaml::Entry& entry : node->entries) {
    if (!entry.key->is_scalar()) {
      errors.wrong_shape(*entry.key, path, "string keys");
      return selector;
    }
    if (!entry.value->is_scalar() && !entry.value->is_null()) {
      errors.wrong_shape(*entry.value, join_path(path, entry.key->value), "a string");
      return selector;
    }
    selector.match_labels.emplace_back(entry.key->value,
                                       entry.value->is_scalar() ? entry.value->value : "");
  }
  selector.selects_nothing = selector.match_labels.empty();
  return selector;
}

std::string_view to_string(ContainerType type) {
  switch (type) {
    case ContainerType::Container:
      return "container";
    case ContainerType::InitContainer:
      return "initContainer";
    case ContainerType::EphemeralContainer:
      return "ephemeralContainer";
  }
  return "container";
}

const yaml::Node* Container::field(std::string_view field_name) const {
  const yaml::Node* value = node ? node->get(field_name) : nullptr;
  return is_set(value) ? value : nullptr;
}

namespace {
const yaml::Node* resource_quantity(const yaml::Node* resources, std::string_view section,
                                    std::string_view resource) {
  if (!resources || !resources->is_mapping()) return nullptr;
  const yaml::Node* map = resources->get(section);
  if (!map || !map->is_mapping()) return nullptr;
  const yaml::Node* value = map->get(resource);
  return is_set(value) ? value : nullptr;
}
}  // namespace

const yaml::Node* Container::limit(std::string_view resource) const {
  return resource_quantity(resources(), "limits", resource);
}

const yaml::Node* Container::request(std::string_view resource) const {
  return resource_quantity(resources(), "requests", resource);
}

const yaml::Node* PodSpec::field(std::string_view field_name) const {
  const yaml::Node* value = spec ? spec->get(field_name) : nullptr;
  return is_set(value) ? value : nullptr;
}

Span PodSpec::report_span() const {
  if (spec_key) return spec_key->span;
  return spec ? spec->span : Span{};
}

const yaml::Node* Object::field(std::string_view field_name) const {
  const yaml::Node* value = node ? node->get(field_name) : nullptr;
  return is_set(value) ? value : nullptr;
}

bool is_cluster_scoped(std::string_view api_group, std::string_view kind) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 52> builtin{{
      {"", "Namespace"},
      {"", "Node"},
      {"", "PersistentVolume"},
      {"", "ComponentStatus"},
      {"rbac.authorization.k8s.io", "ClusterRole"},
      {"rbac.authorization.k8s.io", "ClusterRoleBinding"},
      {"apiextensions.k8s.io", "CustomResourceDefinition"},
      {"apiregistration.k8s.io", "APIService"},
      {"storage.k8s.io", "StorageClass"},
      {"storage.k8s.io", "CSIDriver"},
      {"storage.k8s.io", "CSINode"},
      {"storage.k8s.io", "VolumeAttachment"},
      {"scheduling.k8s.io", "PriorityClass"},
      {"node.k8s.io", "RuntimeClass"},
      {"networking.k8s.io", "IngressClass"},
      {"networking.k8s.io", "IPAddress"},
      {"networking.k8s.io", "ServiceCIDR"},
      {"policy", "PodSecurityPolicy"},
      {"extensions", "PodSecurityPolicy"},
      {"admissionregistration.k8s.io", "ValidatingWebhookConfiguration"},
      {"admissionregistration.k8s.io", "MutatingWebhookConfiguration"},
      {"admissionregistration.k8s.io", "ValidatingAdmissionPolicy"},
      {"admissionregistration.k8s.io", "ValidatingAdmissionPolicyBinding"},
      {"certificates.k8s.io", "CertificateSigningRequest"},
      {"flowcontrol.apiserver.k8s.io", "FlowSchema"},
      {"flowcontrol.apiserver.k8s.io", "PriorityLevelConfiguration"},
      {"snapshot.storage.k8s.io", "VolumeSnapshotClass"},
      {"snapshot.storage.k8s.io", "VolumeSnapshotContent"},
      {"storage.k8s.io", "VolumeAttributesClass"},
      {"resource.k8s.io", "DeviceClass"},
      {"resource.k8s.io", "ResourceSlice"},
      {"admissionregistration.k8s.io", "MutatingAdmissionPolicy"},
      {"admissionregistration.k8s.io", "MutatingAdmissionPolicyBinding"},
      {"gateway.networking.k8s.io", "GatewayClass"},
      // Widely deployed CRDs whose kind does not start with "Cluster".
      {"kueue.x-k8s.io", "ResourceFlavor"},
      {"kueue.x-k8s.io", "AdmissionCheck"},
      {"kueue.x-k8s.io", "Topology"},
      {"kueue.x-k8s.io", "WorkloadPriorityClass"},
      {"kueue.x-k8s.io", "ProvisioningRequestConfig"},
      {"security.openshift.io", "SecurityContextConstraints"},
      {"templates.gatekeeper.sh", "ConstraintTemplate"},
      {"policies.kyverno.io", "ValidatingPolicy"},
      {"policies.kyverno.io", "ImageValidatingPolicy"},
      {"policies.kyverno.io", "MutatingPolicy"},
      {"policies.kyverno.io", "GeneratingPolicy"},
      {"policies.kyverno.io", "DeletingPolicy"},
      {"cilium.io", "CiliumClusterwideNetworkPolicy"},
      {"crd.projectcalico.org", "GlobalNetworkPolicy"},
      {"crd.projectcalico.org", "GlobalNetworkSet"},
      {"crd.projectcalico.org", "IPPool"},
      {"apiextensions.crossplane.io", "CompositeResourceDefinition"},
      {"apiextensions.crossplane.io", "Composition"},
  }};
  // Gatekeeper constraints: every kind of this group is a cluster-scoped constraint.
  if (api_group == "constraints.gatekeeper.sh") return true;
  for (const auto& [group, name] : builtin) {
    if (group == api_group && name == kind) return true;
  }
  return kind.size() > 7 && kind.starts_with("Cluster");
}

LogicalLocation logical_location(const Object& object, const Container* container) {
  LogicalLocation location{object.kind, object.namespace_, object.name, {}};
  if (container) location.container = container->name;
  return location;
}

namespace {

// Where a workload kind keeps its pod template.
struct WorkloadShape {
  std::string_view group;
  std::string_view kind;
  std::array<std::string_view, 4> template_path;  // fields down to the pod template mapping
  size_t template_depth = 0;  // 0: the pod spec is the object's own `spec` (Pod)
  bool long_running = true;
  bool has_replicas = false;
};

constexpr std::array<WorkloadShape, 15> kWorkloads{{
    {"", "Pod", {}, 0, true, false},
    {"", "ReplicationController", {"spec", "template"}, 2, true, true},
    {"", "PodTemplate", {"template"}, 1, true, false},
    {"apps", "Deployment", {"spec", "template"}, 2, true, true},
    {"apps", "StatefulSet", {"spec", "template"}, 2, true, true},
    {"apps", "DaemonSet", {"spec", "template"}, 2, true, false},
    {"apps", "ReplicaSet", {"spec", "template"}, 2, true, true},
    // The pre-1.16 group of the same kinds.
    {"extensions", "Deployment", {"spec", "template"}, 2, true, true},
    {"extensions", "DaemonSet", {"spec", "template"}, 2, true, false},
    {"extensions", "ReplicaSet", {"spec", "template"}, 2, true, true},
    {"batch", "Job", {"spec", "template"}, 2, false, false},
    {"batch", "CronJob", {"spec", "jobTemplate", "spec", "template"}, 4, false, false},
    {"argoproj.io", "Rollout", {"spec", "template"}, 2, true, true},
    {"serving.knative.dev", "Service", {"spec", "template"}, 2, true, false},
    {"keda.sh", "ScaledJob", {"spec", "jobTemplate", "spec", "template"}, 4, false, false},
}};

const WorkloadShape* workload_shape(std::string_view group, std::string_view kind) {
  for (const WorkloadShape& shape : kWorkloads) {
    if (shape.group == group && shape.kind == kind) return &shape;
  }
  return nullptr;
}

struct SecurityFieldSpec {
  std::string_view name;
  SecurityField EffectiveSecurityContext::*member;
  bool in_container;
  bool in_pod;
};

constexpr std::array<SecurityFieldSpec, 15> kSecurityFields{{
    {"runAsNonRoot", &EffectiveSecurityContext::run_as_non_root, true, true},
    {"runAsUser", &EffectiveSecurityContext::run_as_user, true, true},
    {"runAsGroup", &EffectiveSecurityContext::run_as_group, true, true},
    {"privileged", &EffectiveSecurityContext::privileged, true, false},
    {"allowPrivilegeEscalation", &EffectiveSecurityContext::allow_privilege_escalation, true,
     false},
    {"readOnlyRootFilesystem", &EffectiveSecurityContext::read_only_root_filesystem, true, false},
    {"capabilities", &EffectiveSecurityContext::capabilities, true, false},
    {"seccompProfile", &EffectiveSecurityContext::seccomp_profile, true, true},
    {"procMount", &EffectiveSecurityContext::proc_mount, true, false},
    {"seLinuxOptions", &EffectiveSecurityContext::se_linux_options, true, true},
    {"appArmorProfile", &EffectiveSecurityContext::app_armor_profile, true, true},
    {"windowsOptions", &EffectiveSecurityContext::windows_options, true, true},
    {"sysctls", &EffectiveSecurityContext::sysctls, false, true},
    {"fsGroup", &EffectiveSecurityContext::fs_group, false, true},
    {"supplementalGroups", &EffectiveSecurityContext::supplemental_groups, false, true},
}};

SecurityField security_field(const yaml::Node* context, std::string_view name, bool from_pod) {
  if (!context) return {};
  const yaml::Entry* entry = context->entry(name);
  if (!entry || !is_set(entry->value)) return {};
  return {entry->value, entry->key, from_pod};
}

class ObjectBuilder {
 public:
  explicit ObjectBuilder(ManifestFile& file) : file_(file), errors_(&file.shape_errors) {}

  void build() {
    for (size_t i = 0; i < file_.stream.documents.size(); ++i) {
      const yaml::Node* root = file_.stream.documents[i].root;
      if (root && root->is_mapping()) add_object(*root, i, -1, "", "", "", 0);
    }
  }

 private:
  static constexpr int kMaxListDepth = 3;

  void add_object(const yaml::Node& node, size_t document, int list_item,
                  std::string_view inherited_api_version, std::string_view inherited_kind,
                  std::string_view path_prefix, int depth) {
    const yaml::Node* api_version = node.get("apiVersion");
    const yaml::Node* kind = node.get("kind");
    std::string api_version_text;
    std::string kind_text;
    if (api_version && api_version->is_scalar() && !api_version->value.empty()) {
      api_version_text = api_version->value;
    } else if (!is_set(api_version)) {
      api_version_text = inherited_api_version;
    }
    if (kind && kind->is_scalar() && !kind->value.empty()) {
      kind_text = kind->value;
    } else if (!is_set(kind)) {
      kind_text = inherited_kind;
    }
    if (api_version_text.empty() || kind_text.empty()) return;  // not a Kubernetes object

    if (const yaml::Node* items = node.get("items");
        kind_text.size() >= 4 && kind_text.ends_with("List") && items && items->is_sequence()) {
      if (depth >= kMaxListDepth) return;
      const std::string element_kind =
          kind_text == "List" ? "" : kind_text.substr(0, kind_text.size() - 4);
      for (size_t i = 0; i < items->items.size(); ++i) {
        const yaml::Node* item = items->items[i];
        const std::string item_at = item_path(join_path(path_prefix, "items"), i);
        if (!item->is_mapping()) {
          errors_.wrong_shape(*item, item_at, "a mapping");
          continue;
        }
        add_object(*item, document, list_item >= 0 ? list_item : static_cast<int>(i),
                   api_version_text, element_kind, item_at, depth + 1);
      }
      return;
    }

    Object& object = file_.objects.emplace_back();
    object.document = document;
    object.list_item = list_item;
    object.node = &node;
    object.api_version = api_version_text;
    const size_t slash = api_version_text.find('/');
    object.api_group = slash == std::string::npos ? "" : api_version_text.substr(0, slash);
    object.kind = kind_text;
    if (const yaml::Entry* kind_entry = node.entry("kind")) {
      object.kind_key = kind_entry->key;
      object.kind_node = kind_entry->value;
    }
    prefix_ = std::string(path_prefix);
    read_metadata(object);
    read_kind_specifics(object);
  }

  std::string at(std::string_view field) const { return join_path(prefix_, field); }

  void read_metadata(Object& object) {
    const yaml::Node& node = *object.node;
    const yaml::Entry* metadata_entry = node.entry("metadata");
    object.metadata = errors_.mapping(&node, "metadata", at("metadata"));
    if (metadata_entry && object.metadata) object.metadata_key = metadata_entry->key;
    const yaml::Node* metadata = object.metadata;
    const std::string metadata_path = at("metadata");
    Span name_span;
    if (std::optional<std::string> name =
            errors_.scalar(metadata, "name", join_path(metadata_path, "name"))) {
      object.name = *name;
      object.name_node = metadata->get("name");
      name_span = entry_span(*metadata->entry("name"));
    }
    if (std::optional<std::string> generate_name =
            errors_.scalar(metadata, "generateName", join_path(metadata_path, "generateName"))) {
      if (object.name.empty()) {
        object.name = *generate_name;
        object.generated_name = true;
        object.name_node = metadata->get("generateName");
        name_span = entry_span(*metadata->entry("generateName"));
      }
    }
    if (std::optional<std::string> ns =
            errors_.scalar(metadata, "namespace", join_path(metadata_path, "namespace"))) {
      object.namespace_ = *ns;
      object.namespace_node = metadata->get("namespace");
    }
    object.labels =
        read_string_map(metadata, "labels", join_path(metadata_path, "labels"), errors_);
    object.annotations =
        read_string_map(metadata, "annotations", join_path(metadata_path, "annotations"), errors_);
    if (!name_span.empty()) {
      object.report_span = name_span;
    } else if (const yaml::Entry* kind_entry = node.entry("kind")) {
      object.report_span = entry_span(*kind_entry);
    } else {
      // A typed List item without its own kind: its first key.
      object.report_span = node.entries.empty() ? node.span : node.entries.front().key->span;
    }
  }

  void read_kind_specifics(Object& object) {
    const std::string& group = object.api_group;
    const std::string& kind = object.kind;
    if (const WorkloadShape* shape = workload_shape(group, kind)) {
      read_workload(object, *shape);
      return;
    }
    const yaml::Node& node = *object.node;
    if (group.empty() && kind == "Service") {
      const yaml::Node* spec = errors_.mapping(&node, "spec", at("spec"));
      if (spec) errors_.scalar(spec, "type", at("spec.type"));
      object.selector = parse_service_selector(spec ? spec->get("selector") : nullptr,
                                               at("spec.selector"), &file_.shape_errors);
    } else if (group == "networking.k8s.io" && kind == "NetworkPolicy") {
      const yaml::Node* spec = errors_.mapping(&node, "spec", at("spec"));
      // podSelector is a value, not a pointer, in the API: omitted means `{}`.
      object.selector = parse_label_selector(spec ? spec->get("podSelector") : nullptr,
                                             AbsentSelector::SelectsAll, at("spec.podSelector"),
                                             &file_.shape_errors);
    } else if (group == "policy" && kind == "PodDisruptionBudget") {
      const yaml::Node* spec = errors_.mapping(&node, "spec", at("spec"));
      LabelSelector selector = parse_label_selector(spec ? spec->get("selector") : nullptr,
                                                    AbsentSelector::SelectsNothing,
                                                    at("spec.selector"), &file_.shape_errors);
      // policy/v1beta1 gave an empty selector the opposite meaning.
      if (object.api_version == "policy/v1beta1" && selector.selects_all()) {
        selector.selects_nothing = true;
      }
      object.selector = std::move(selector);
    } else if ((group == "autoscaling" && kind == "HorizontalPodAutoscaler") ||
               (group == "keda.sh" && kind == "ScaledObject")) {
      const yaml::Node* spec = errors_.mapping(&node, "spec", at("spec"));
      const yaml::Node* target = errors_.mapping(spec, "scaleTargetRef", at("spec.scaleTargetRef"));
      for (std::string_view field : {"apiVersion", "kind", "name"}) {
        errors_.scalar(target, field, at("spec.scaleTargetRef." + std::string(field)));
      }
    } else if (group.empty() && kind == "LimitRange") {
      const yaml::Node* spec = errors_.mapping(&node, "spec", at("spec"));
      const yaml::Node* limits = errors_.sequence(spec, "limits", at("spec.limits"));
      if (!limits) return;
      for (size_t i = 0; i < limits->items.size(); ++i) {
        const yaml::Node* item = limits->items[i];
        const std::string item_at = item_path(at("spec.limits"), i);
        if (!item->is_mapping()) {
          errors_.wrong_shape(*item, item_at, "a mapping");
          continue;
        }
        for (std::string_view section : {"default", "defaultRequest", "max", "min"}) {
          errors_.mapping(item, section, join_path(item_at, section));
        }
      }
    }
  }

  void read_workload(Object& object, const WorkloadShape& shape) {
    const yaml::Node* spec_parent = object.node;
    const yaml::Node* template_metadata = object.metadata;
    std::string path = prefix_;
    const yaml::Node* object_spec = nullptr;
    if (shape.template_depth > 0) {
      const yaml::Node* current = object.node;
      for (size_t i = 0; i < shape.template_depth && current; ++i) {
        path = join_path(path, shape.template_path[i]);
        current = errors_.mapping(current, shape.template_path[i], path);
        if (i == 0 && shape.template_path[0] == "spec") object_spec = current;
      }
      if (!current) return;  // a partial object (kustomize patch) or a reported shape error
      spec_parent = current;
      template_metadata = errors_.mapping(current, "metadata", join_path(path, "metadata"));
    } else {
      object_spec = errors_.mapping(object.node, "spec", at("spec"));
    }
    if (shape.has_replicas && object_spec) {
      errors_.scalar(object_spec, "replicas", at("spec.replicas"));
    }
    if (object_spec && !(shape.group.empty() && shape.kind == "Pod")) {
      if (shape.group.empty()) {
        // ReplicationController: a plain map selector defaulting to the template's labels.
        object.selector = parse_service_selector(object_spec->get("selector"), at("spec.selector"),
                                                 &file_.shape_errors);
      } else {
        object.selector =
            parse_label_selector(object_spec->get("selector"), AbsentSelector::SelectsNothing,
                                 at("spec.selector"), &file_.shape_errors);
      }
    }

    const std::string spec_path = join_path(path, "spec");
    const yaml::Entry* spec_entry = spec_parent->entry("spec");
    const yaml::Node* spec = errors_.mapping(spec_parent, "spec", spec_path);
    if (!spec) return;

    PodSpec pod;
    pod.spec = spec;
    pod.spec_key = spec_entry->key;
    pod.template_metadata = template_metadata;
    if (template_metadata == object.metadata) {
      pod.template_labels = object.labels;
      pod.template_annotations = object.annotations;
    } else {
      const std::string metadata_path = join_path(path, "metadata");
      pod.template_labels =
          read_string_map(template_metadata, "labels", join_path(metadata_path, "labels"), errors_);
      pod.template_annotations = read_string_map(template_metadata, "annotations",
                                                 join_path(metadata_path, "annotations"), errors_);
    }
    pod.workload_kind = object.kind;
    pod.long_running = shape.long_running;
    if (shape.template_depth == 0) {
      const yaml::Node* restart = spec->get("restartPolicy");
      if (restart && restart->is_scalar() &&
          (restart->value == "Never" || restart->value == "OnFailure")) {
        pod.long_running = false;
      }
    }
    if (shape.has_replicas && object_spec) {
      if (const yaml::Entry* replicas = object_spec->entry("replicas");
          replicas && is_set(replicas->value)) {
        pod.replicas = replicas->value;
        pod.replicas_key = replicas->key;
      }
    }
    if (object.selector && shape.group.empty() && object.selector->match_labels.empty() &&
        !is_set(object_spec ? object_spec->get("selector") : nullptr)) {
      for (const MetadataEntry& label : pod.template_labels) {
        object.selector->match_labels.emplace_back(label.key, label.value);
      }
      object.selector->selects_nothing = object.selector->match_labels.empty();
    }

    const std::string security_path = join_path(spec_path, "securityContext");
    pod.security_context = errors_.mapping(spec, "securityContext", security_path);
    if (pod.security_context) pod.security_context_key = spec->entry("securityContext")->key;
    if (pod.security_context) {
      errors_.sequence_of_mappings(pod.security_context, "sysctls",
                                   join_path(security_path, "sysctls"));
      errors_.mapping(pod.security_context, "seccompProfile",
                      join_path(security_path, "seccompProfile"));
    }
    errors_.sequence_of_mappings(spec, "volumes", join_path(spec_path, "volumes"));
    if (const yaml::Node* volumes = spec->get("volumes"); volumes && volumes->is_sequence()) {
      for (size_t i = 0; i < volumes->items.size(); ++i) {
        const yaml::Node* volume = volumes->items[i];
        if (!volume->is_mapping()) continue;
        const std::string volume_path = item_path(join_path(spec_path, "volumes"), i);
        const yaml::Node* host_path =
            errors_.mapping(volume, "hostPath", join_path(volume_path, "hostPath"));
        errors_.scalar(host_path, "path", join_path(volume_path, "hostPath.path"));
      }
    }

    static constexpr std::array<std::pair<std::string_view, ContainerType>, 3> kLists{{
        {"containers", ContainerType::Container},
        {"initContainers", ContainerType::InitContainer},
        {"ephemeralContainers", ContainerType::EphemeralContainer},
    }};
    for (const auto& [field, type] : kLists) {
      const std::string list_path = join_path(spec_path, field);
      const yaml::Node* list = errors_.sequence(spec, field, list_path);
      if (!list) continue;
      for (size_t i = 0; i < list->items.size(); ++i) {
        const yaml::Node* item = list->items[i];
        const std::string container_path = item_path(list_path, i);
        if (!item->is_mapping()) {
          errors_.wrong_shape(*item, container_path, "a mapping");
          continue;
        }
        pod.containers.push_back(read_container(*item, type, i, pod, container_path));
      }
    }
    object.pod_spec = std::move(pod);
  }

  Container read_container(const yaml::Node& item, ContainerType type, size_t index,
                           const PodSpec& pod, const std::string& path) {
    Container container;
    container.type = type;
    container.index = index;
    container.node = &item;
    if (std::optional<std::string> name = errors_.scalar(&item, "name", join_path(path, "name"))) {
      container.name = *name;
      container.name_node = item.get("name");
    }
    if (const yaml::Entry* name_entry = item.entry("name"); name_entry) {
      container.report_span = entry_span(*name_entry);
    } else if (!item.entries.empty()) {
      container.report_span = item.entries.front().key->span;
    } else {
      container.report_span = item.span;
    }
    if (std::optional<std::string> image =
            errors_.scalar(&item, "image", join_path(path, "image"))) {
      container.image = *image;
      const yaml::Entry* image_entry = item.entry("image");
      container.image_node = image_entry->value;
      container.image_key = image_entry->key;
    }

    const std::string security_path = join_path(path, "securityContext");
    container.security_context = errors_.mapping(&item, "securityContext", security_path);
    if (container.security_context) {
      container.security_context_key = item.entry("securityContext")->key;
      const std::string capabilities_path = join_path(security_path, "capabilities");
      const yaml::Node* capabilities =
          errors_.mapping(container.security_context, "capabilities", capabilities_path);
      errors_.sequence_of_scalars(capabilities, "add", join_path(capabilities_path, "add"));
      errors_.sequence_of_scalars(capabilities, "drop", join_path(capabilities_path, "drop"));
      errors_.mapping(container.security_context, "seccompProfile",
                      join_path(security_path, "seccompProfile"));
    }
    for (const SecurityFieldSpec& spec : kSecurityFields) {
      SecurityField effective;
      if (spec.in_container) {
        effective = security_field(container.security_context, spec.name, false);
      }
      if (!effective.is_set() && spec.in_pod) {
        effective = security_field(pod.security_context, spec.name, true);
      }
      container.security.*spec.member = effective;
    }

    const std::string resources_path = join_path(path, "resources");
    if (const yaml::Node* resources = errors_.mapping(&item, "resources", resources_path)) {
      errors_.mapping(resources, "limits", join_path(resources_path, "limits"));
      errors_.mapping(resources, "requests", join_path(resources_path, "requests"));
    }
    errors_.sequence_of_mappings(&item, "ports", join_path(path, "ports"));
    errors_.sequence_of_mappings(&item, "env", join_path(path, "env"));
    errors_.sequence_of_mappings(&item, "envFrom", join_path(path, "envFrom"));
    errors_.sequence_of_mappings(&item, "volumeMounts", join_path(path, "volumeMounts"));
    for (std::string_view probe : {"livenessProbe", "readinessProbe", "startupProbe"}) {
      errors_.mapping(&item, probe, join_path(path, probe));
    }
    errors_.sequence_of_scalars(&item, "command", join_path(path, "command"));
    errors_.sequence_of_scalars(&item, "args", join_path(path, "args"));
    return container;
  }

  ManifestFile& file_;
  ErrorSink errors_;
  std::string prefix_;  // "items[2]" inside a List, "" otherwise
};

}  // namespace

void build_objects(ManifestFile& file) {
  file.objects.clear();
  file.shape_errors.clear();
  ObjectBuilder(file).build();
}

ManifestFile build_manifest(const SourceFile& source) {
  ManifestFile file;
  file.source = &source;
  file.stream = yaml::parse_stream(source.text());
  build_objects(file);
  return file;
}

void for_each_pod_spec(const ManifestFile& file,
                       const std::function<void(const Object&, const PodSpec&)>& visit) {
  for (const Object& object : file.objects) {
    if (object.pod_spec) visit(object, *object.pod_spec);
  }
}

void for_each_container(
    const ManifestFile& file,
    const std::function<void(const Object&, const PodSpec&, const Container&)>& visit) {
  for (const Object& object : file.objects) {
    if (!object.pod_spec) continue;
    for (const Container& container : object.pod_spec->containers) {
      visit(object, *object.pod_spec, container);
    }
  }
}

}  // namespace berth::k8s
