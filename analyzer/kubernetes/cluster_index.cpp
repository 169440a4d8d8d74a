// The cross-resource index: small facts copied out of each manifest, grouped by namespace so
// every cross-resource query looks at one namespace only.
#include <algorithm>

#include "analyzer/kubernetes/model.h"

namespace berth::k8s {

ResourceFlags& ResourceFlags::operator|=(const ResourceFlags& other) {
  limits_cpu |= other.limits_cpu;
  limits_memory |= other.limits_memory;
  limits_ephemeral_storage |= other.limits_ephemeral_storage;
  requests_cpu |= other.requests_cpu;
  requests_memory |= other.requests_memory;
  requests_ephemeral_storage |= other.requests_ephemeral_storage;
  return *this;
}

namespace {

bool is_set(const yaml::Node* node) { return node && !node->is_null(); }

std::string scalar_or_empty(const yaml::Node* parent, std::string_view key) {
  if (!parent || !parent->is_mapping()) return {};
  const yaml::Node* value = parent->get(key);
  return value && value->is_scalar() ? value->value : std::string();
}

const yaml::Node* mapping_or_null(const yaml::Node* parent, std::string_view key) {
  if (!parent || !parent->is_mapping()) return nullptr;
  const yaml::Node* value = parent->get(key);
  return value && value->is_mapping() ? value : nullptr;
}

bool has_resource(const yaml::Node* list, std::string_view resource) {
  return list && list->is_mapping() && is_set(list->get(resource));
}

std::string group_of(std::string_view api_version) {
  const size_t slash = api_version.find('/');
  return slash == std::string_view::npos ? std::string()
                                         : std::string(api_version.substr(0, slash));
}

// The group an object is served from today: `extensions` objects moved out long ago, and the
// same object applied under either group is still one object.
std::string canonical_group(std::string_view group, std::string_view kind) {
  if (group != "extensions") return std::string(group);
  if (kind == "Ingress" || kind == "NetworkPolicy") return "networking.k8s.io";
  if (kind == "PodSecurityPolicy") return "policy";
  return "apps";
}

Location location_at(const SourceFile& source, uint32_t offset) {
  const LineIndex& lines = source.lines();
  const LineColumn code_points = lines.position(offset, ColumnUnit::CodePoints);
  const LineColumn utf16 = lines.position(offset, ColumnUnit::Utf16CodeUnits);
  return {code_points.line, code_points.column, utf16.column, offset};
}

void move_location(IndexedLocation& location, int64_t offset_delta, int64_t line_delta) {
  auto move = [](uint32_t& value, int64_t delta) {
    value = static_cast<uint32_t>(static_cast<int64_t>(value) + delta);
  };
  move(location.span.begin, offset_delta);
  move(location.span.end, offset_delta);
  move(location.start.offset, offset_delta);
  move(location.end.offset, offset_delta);
  move(location.start.line, line_delta);
  move(location.end.line, line_delta);
}

void move_span(Span& span, int64_t offset_delta) {
  if (span.empty() && span.begin == 0) return;  // absent
  span.begin = static_cast<uint32_t>(static_cast<int64_t>(span.begin) + offset_delta);
  span.end = static_cast<uint32_t>(static_cast<int64_t>(span.end) + offset_delta);
}

// Columns need no moving: a placed document starts at the start of a line.
IndexedLocation indexed_location(const SourceFile& source,
                                 const std::shared_ptr<const std::string>& path, Span span,
                                 const ClusterIndex::Placement& placement) {
  IndexedLocation location;
  location.file = path;
  location.span = span;
  location.start = location_at(source, span.begin);
  location.end = location_at(source, span.end);
  location.source_line = std::string(source.lines().line_text(location.start.line));
  move_location(location, placement.offset, placement.lines);
  return location;
}

ResourceFlags container_resources(const Container& container) {
  ResourceFlags flags;
  flags.limits_cpu = container.limit("cpu") != nullptr;
  flags.limits_memory = container.limit("memory") != nullptr;
  flags.limits_ephemeral_storage = container.limit("ephemeral-storage") != nullptr;
  flags.requests_cpu = container.request("cpu") != nullptr;
  flags.requests_memory = container.request("memory") != nullptr;
  flags.requests_ephemeral_storage = container.request("ephemeral-storage") != nullptr;
  return flags;
}

// LimitRange defaulting as the API server applies it to `type: Container` items.
ResourceFlags container_defaults_of(const yaml::Node* spec) {
  ResourceFlags flags;
  const yaml::Node* limits = spec && spec->is_mapping() ? spec->get("limits") : nullptr;
  if (!limits || !limits->is_sequence()) return flags;
  for (const yaml::Node* item : limits->items) {
    if (!item->is_mapping() || scalar_or_empty(item, "type") != "Container") continue;
    const yaml::Node* defaults = mapping_or_null(item, "default");
    const yaml::Node* default_requests = mapping_or_null(item, "defaultRequest");
    const yaml::Node* max = mapping_or_null(item, "max");
    const yaml::Node* min = mapping_or_null(item, "min");
    auto limit = [&](std::string_view resource) {
      return has_resource(defaults, resource) || has_resource(max, resource);
    };
    auto request = [&](std::string_view resource) {
      return has_resource(default_requests, resource) || limit(resource) ||
             has_resource(min, resource);
    };
    ResourceFlags item_flags;
    item_flags.limits_cpu = limit("cpu");
    item_flags.limits_memory = limit("memory");
    item_flags.limits_ephemeral_storage = limit("ephemeral-storage");
    item_flags.requests_cpu = request("cpu");
    item_flags.requests_memory = request("memory");
    item_flags.requests_ephemeral_storage = request("ephemeral-storage");
    flags |= item_flags;
  }
  return flags;
}

std::string identity_key(const IndexedObject& object) {
  std::string key = canonical_group(object.api_group, object.kind);
  key += '\0';
  key += object.kind;
  key += '\0';
  if (!object.cluster_scoped) key += ClusterIndex::namespace_key(object.namespace_);
  key += '\0';
  key += object.name;
  return key;
}

bool identifiable(const IndexedObject& object) {
  return !object.generated_name && !object.name.empty();
}

template <typename T>
const IndexedObject& object_of(const T* fact) {
  return *fact->object;
}
template <>
const IndexedObject& object_of(const IndexedObject* fact) {
  return *fact;
}

template <typename T>
void sort_by_position(std::vector<const T*>& facts) {
  std::sort(facts.begin(), facts.end(), [](const T* a, const T* b) {
    const IndexedLocation& x = object_of(a).location;
    const IndexedLocation& y = object_of(b).location;
    if (x.path() != y.path()) return x.path() < y.path();
    return x.span.begin < y.span.begin;
  });
}

template <typename T>
void erase_pointer(std::vector<const T*>& list, const T* fact) {
  list.erase(std::remove(list.begin(), list.end(), fact), list.end());
}

}  // namespace

void ClusterIndex::add(const ManifestFile& file) {
  if (!file.source) return;
  add(file, {file.source->path(), 0, 0});
}

void ClusterIndex::add(const ManifestFile& file, const Placement& placement) {
  if (!file.source) return;
  const SourceFile& source = *file.source;
  remove(placement.key);
  FileFacts& facts = files_[placement.key];
  const auto path = std::make_shared<const std::string>(source.path());
  auto indexed_location = [&](const SourceFile& in, Span span) {
    return k8s::indexed_location(in, path, span, placement);
  };
  auto placed = [&](LabelSelector selector) {
    move_span(selector.span, placement.offset);
    return selector;
  };
  // Facts point at their IndexedObject: reserve so the vector never reallocates.
  facts.objects.reserve(file.objects.size());
  for (const Object& object : file.objects) {
    IndexedObject& indexed = facts.objects.emplace_back();
    indexed.api_group = object.api_group;
    indexed.kind = object.kind;
    indexed.namespace_ = object.namespace_;
    indexed.name = object.name;
    indexed.generated_name = object.generated_name;
    indexed.cluster_scoped = is_cluster_scoped(object.api_group, object.kind);
    indexed.location = indexed_location(source, object.report_span);

    const yaml::Node* spec = object.field("spec");
    if (object.pod_spec) {
      const PodSpec& pod = *object.pod_spec;
      IndexedWorkload& workload = facts.workloads.emplace_back();
      workload.object = &indexed;
      workload.template_labels = to_label_map(pod.template_labels);
      workload.replicas = pod.replica_count();
      if (pod.replicas) {
        workload.replicas_location =
            indexed_location(source, entry_span(pod.replicas_key, pod.replicas));
      }
      workload.long_running = pod.long_running;
      for (const Container& container : pod.containers) {
        workload.containers.push_back({container.name, container.type,
                                       container_resources(container),
                                       indexed_location(source, container.report_span)});
      }
    } else if (object.is("", "Service")) {
      IndexedService& service = facts.services.emplace_back();
      service.object = &indexed;
      service.selector = placed(object.selector.value_or(LabelSelector{}));
      service.type = scalar_or_empty(spec, "type");
      if (service.type.empty()) service.type = "ClusterIP";
      const yaml::Entry* selector_entry =
          spec && spec->is_mapping() ? spec->entry("selector") : nullptr;
      service.selector_location = indexed_location(
          source, selector_entry ? entry_span(*selector_entry) : object.report_span);
    } else if (object.is("networking.k8s.io", "NetworkPolicy")) {
      facts.network_policies.push_back(
          {&indexed, placed(object.selector.value_or(LabelSelector{}))});
    } else if (object.is("policy", "PodDisruptionBudget")) {
      facts.disruption_budgets.push_back(
          {&indexed, placed(object.selector.value_or(LabelSelector{}))});
    } else if (object.is("autoscaling", "HorizontalPodAutoscaler") ||
               object.is("keda.sh", "ScaledObject")) {
      const yaml::Node* target = mapping_or_null(spec, "scaleTargetRef");
      IndexedAutoscaler& autoscaler = facts.autoscalers.emplace_back();
      autoscaler.object = &indexed;
      autoscaler.target_api_group = group_of(scalar_or_empty(target, "apiVersion"));
      autoscaler.target_kind = scalar_or_empty(target, "kind");
      // KEDA defaults the target to a Deployment.
      if (autoscaler.target_kind.empty() && object.kind == "ScaledObject") {
        autoscaler.target_kind = "Deployment";
      }
      autoscaler.target_name = scalar_or_empty(target, "name");
    } else if (object.is("", "LimitRange")) {
      facts.limit_ranges.push_back({&indexed, container_defaults_of(spec)});
    }
  }
  link(facts);
}

void ClusterIndex::move(std::string_view key, int64_t offset_delta, int64_t line_delta) {
  const auto found = files_.find(key);
  if (found == files_.end() || (offset_delta == 0 && line_delta == 0)) return;
  FileFacts& facts = found->second;
  for (IndexedObject& object : facts.objects) {
    move_location(object.location, offset_delta, line_delta);
  }
  for (IndexedWorkload& workload : facts.workloads) {
    if (workload.replicas_location) {
      move_location(*workload.replicas_location, offset_delta, line_delta);
    }
    for (IndexedContainer& container : workload.containers) {
      move_location(container.location, offset_delta, line_delta);
    }
  }
  for (IndexedService& service : facts.services) {
    move_span(service.selector.span, offset_delta);
    move_location(service.selector_location, offset_delta, line_delta);
  }
  for (IndexedNetworkPolicy& policy : facts.network_policies) {
    move_span(policy.pod_selector.span, offset_delta);
  }
  for (IndexedDisruptionBudget& budget : facts.disruption_budgets) {
    move_span(budget.selector.span, offset_delta);
  }
}

void ClusterIndex::remove(const std::string& path) {
  const auto found = files_.find(path);
  if (found == files_.end()) return;
  unlink(found->second);
  files_.erase(found);
}

namespace {
std::string label_key(std::string_view key, std::string_view value) {
  std::string joined(key);
  joined += '\0';
  joined += value;
  return joined;
}
}  // namespace

void ClusterIndex::link(const FileFacts& facts) {
  for (const IndexedObject& object : facts.objects) {
    if (identifiable(object)) identities_[identity_key(object)].push_back(&object);
  }
  auto bucket = [&](const IndexedObject* object) -> NamespaceFacts& {
    return namespaces_[std::string(namespace_key(object->namespace_))];
  };
  for (const IndexedWorkload& fact : facts.workloads) {
    NamespaceFacts& ns = bucket(fact.object);
    ns.workloads.push_back(&fact);
    for (const auto& [key, value] : fact.template_labels) {
      ns.workloads_by_label[label_key(key, value)].push_back(&fact);
    }
  }
  for (const IndexedService& fact : facts.services) bucket(fact.object).services.push_back(&fact);
  for (const IndexedNetworkPolicy& fact : facts.network_policies) {
    bucket(fact.object).network_policies.push_back(&fact);
  }
  for (const IndexedDisruptionBudget& fact : facts.disruption_budgets) {
    bucket(fact.object).disruption_budgets.push_back(&fact);
  }
  for (const IndexedAutoscaler& fact : facts.autoscalers) {
    bucket(fact.object).autoscalers.push_back(&fact);
  }
  for (const IndexedLimitRange& fact : facts.limit_ranges) {
    bucket(fact.object).limit_ranges.push_back(&fact);
  }
}

void ClusterIndex::unlink(const FileFacts& facts) {
  for (const IndexedObject& object : facts.objects) {
    if (!identifiable(object)) continue;
    const auto found = identities_.find(identity_key(object));
    if (found == identities_.end()) continue;
    erase_pointer(found->second, &object);
    if (found->second.empty()) identities_.erase(found);
  }
  auto bucket = [&](const IndexedObject* object) -> NamespaceFacts& {
    return namespaces_[std::string(namespace_key(object->namespace_))];
  };
  for (const IndexedWorkload& fact : facts.workloads) {
    NamespaceFacts& ns = bucket(fact.object);
    erase_pointer(ns.workloads, &fact);
    for (const auto& [key, value] : fact.template_labels) {
      const auto found = ns.workloads_by_label.find(label_key(key, value));
      if (found == ns.workloads_by_label.end()) continue;
      erase_pointer(found->second, &fact);
      if (found->second.empty()) ns.workloads_by_label.erase(found);
    }
  }
  for (const IndexedService& fact : facts.services)
    erase_pointer(bucket(fact.object).services, &fact);
  for (const IndexedNetworkPolicy& fact : facts.network_policies) {
    erase_pointer(bucket(fact.object).network_policies, &fact);
  }
  for (const IndexedDisruptionBudget& fact : facts.disruption_budgets) {
    erase_pointer(bucket(fact.object).disruption_budgets, &fact);
  }
  for (const IndexedAutoscaler& fact : facts.autoscalers) {
    erase_pointer(bucket(fact.object).autoscalers, &fact);
  }
  for (const IndexedLimitRange& fact : facts.limit_ranges) {
    erase_pointer(bucket(fact.object).limit_ranges, &fact);
  }
  std::erase_if(namespaces_, [](const auto& entry) {
    const NamespaceFacts& ns = entry.second;
    return ns.workloads.empty() && ns.services.empty() && ns.network_policies.empty() &&
           ns.disruption_budgets.empty() && ns.autoscalers.empty() && ns.limit_ranges.empty();
  });
}

namespace {
template <typename T, typename Member>
std::vector<const T*> collect(const auto& files, Member member) {
  std::vector<const T*> out;
  for (const auto& [path, facts] : files) {
    for (const T& fact : facts.*member) out.push_back(&fact);
  }
  return out;
}
}  // namespace

std::vector<const IndexedObject*> ClusterIndex::objects() const {
  return collect<IndexedObject>(files_, &FileFacts::objects);
}
std::vector<const IndexedWorkload*> ClusterIndex::workloads() const {
  return collect<IndexedWorkload>(files_, &FileFacts::workloads);
}
std::vector<const IndexedService*> ClusterIndex::services() const {
  return collect<IndexedService>(files_, &FileFacts::services);
}
std::vector<const IndexedNetworkPolicy*> ClusterIndex::network_policies() const {
  return collect<IndexedNetworkPolicy>(files_, &FileFacts::network_policies);
}
std::vector<const IndexedDisruptionBudget*> ClusterIndex::disruption_budgets() const {
  return collect<IndexedDisruptionBudget>(files_, &FileFacts::disruption_budgets);
}
std::vector<const IndexedAutoscaler*> ClusterIndex::autoscalers() const {
  return collect<IndexedAutoscaler>(files_, &FileFacts::autoscalers);
}
std::vector<const IndexedLimitRange*> ClusterIndex::limit_ranges() const {
  return collect<IndexedLimitRange>(files_, &FileFacts::limit_ranges);
}

std::vector<const IndexedObject*> ClusterIndex::namespaces() const {
  std::vector<const IndexedObject*> out;
  for (const auto& [path, facts] : files_) {
    for (const IndexedObject& object : facts.objects) {
      if (object.api_group.empty() && object.kind == "Namespace") out.push_back(&object);
    }
  }
  return out;
}

bool ClusterIndex::has_namespace_object(std::string_view name) const {
  for (const IndexedObject* object : namespaces()) {
    if (namespace_key(object->name) == namespace_key(name)) return true;
  }
  return false;
}

const NamespaceFacts* ClusterIndex::in_namespace(std::string_view ns) const {
  const auto found = namespaces_.find(namespace_key(ns));
  return found == namespaces_.end() ? nullptr : &found->second;
}

std::vector<std::string> ClusterIndex::workload_namespaces() const {
  std::vector<std::string> out;
  for (const auto& [name, facts] : namespaces_) {
    if (!facts.workloads.empty()) out.push_back(name);
  }
  return out;
}

const std::vector<const IndexedWorkload*>& ClusterIndex::selector_candidates(
    const LabelSelector& selector, const NamespaceFacts& facts) {
  static const std::vector<const IndexedWorkload*> kNone;
  if (selector.match_labels.empty()) return facts.workloads;
  // Every workload a selector with matchLabels selects carries its first label.
  const auto& [key, value] = selector.match_labels.front();
  const auto found = facts.workloads_by_label.find(label_key(key, value));
  return found == facts.workloads_by_label.end() ? kNone : found->second;
}

std::vector<const IndexedWorkload*> ClusterIndex::workloads_selected_by(
    const LabelSelector& selector, std::string_view ns) const {
  std::vector<const IndexedWorkload*> out;
  const NamespaceFacts* facts = in_namespace(ns);
  if (!facts || selector.selects_nothing) return out;
  for (const IndexedWorkload* workload : selector_candidates(selector, *facts)) {
    if (selector.matches(workload->template_labels)) out.push_back(workload);
  }
  sort_by_position(out);
  return out;
}

bool ClusterIndex::any_workload_selected_by(
    const LabelSelector& selector, std::string_view ns,
    const std::function<bool(const IndexedWorkload&)>& accept) const {
  const NamespaceFacts* facts = in_namespace(ns);
  if (!facts || selector.selects_nothing) return false;
  for (const IndexedWorkload* workload : selector_candidates(selector, *facts)) {
    if (selector.matches(workload->template_labels) && accept(*workload)) return true;
  }
  return false;
}

std::vector<const IndexedNetworkPolicy*> ClusterIndex::network_policies_selecting(
    const IndexedWorkload& workload) const {
  std::vector<const IndexedNetworkPolicy*> out;
  const NamespaceFacts* facts = in_namespace(workload.object->namespace_);
  if (!facts) return out;
  for (const IndexedNetworkPolicy* policy : facts->network_policies) {
    if (policy->pod_selector.matches(workload.template_labels)) out.push_back(policy);
  }
  sort_by_position(out);
  return out;
}

std::vector<const IndexedDisruptionBudget*> ClusterIndex::disruption_budgets_selecting(
    const IndexedWorkload& workload) const {
  std::vector<const IndexedDisruptionBudget*> out;
  const NamespaceFacts* facts = in_namespace(workload.object->namespace_);
  if (!facts) return out;
  for (const IndexedDisruptionBudget* budget : facts->disruption_budgets) {
    if (budget->selector.matches(workload.template_labels)) out.push_back(budget);
  }
  sort_by_position(out);
  return out;
}

std::vector<const IndexedAutoscaler*> ClusterIndex::autoscalers_targeting(
    const IndexedWorkload& workload) const {
  std::vector<const IndexedAutoscaler*> out;
  const IndexedObject& object = *workload.object;
  const NamespaceFacts* facts = in_namespace(object.namespace_);
  if (!facts) return out;
  const std::string group = canonical_group(object.api_group, object.kind);
  for (const IndexedAutoscaler* autoscaler : facts->autoscalers) {
    if (autoscaler->target_kind != object.kind || autoscaler->target_name != object.name) continue;
    // A scaleTargetRef without apiVersion, or with an older group of the same kind, counts.
    if (!autoscaler->target_api_group.empty() &&
        canonical_group(autoscaler->target_api_group, autoscaler->target_kind) != group) {
      continue;
    }
    out.push_back(autoscaler);
  }
  sort_by_position(out);
  return out;
}

ResourceFlags ClusterIndex::limit_range_defaults(std::string_view ns) const {
  ResourceFlags flags;
  if (const NamespaceFacts* facts = in_namespace(ns)) {
    for (const IndexedLimitRange* range : facts->limit_ranges) flags |= range->defaults;
  }
  return flags;
}

std::vector<std::vector<const IndexedObject*>> ClusterIndex::duplicate_objects() const {
  std::vector<std::vector<const IndexedObject*>> groups;
  for (const auto& [key, objects] : identities_) {
    if (objects.size() < 2) continue;
    groups.push_back(objects);
    sort_by_position(groups.back());
  }
  std::sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) {
    const IndexedLocation& x = a.front()->location;
    const IndexedLocation& y = b.front()->location;
    if (x.path() != y.path()) return x.path() < y.path();
    return x.span.begin < y.span.begin;
  });
  return groups;
}

}  // namespace berth::k8s
