// Shared pieces of the cross-resource Kubernetes rules (K8S003, K8S004, K8S304, K8S40x,
// K8S603, K8S604): reporting at an indexed location with the object's logical location, how
// objects, containers and namespaces are named in messages, and which workloads run pods.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"

namespace berth::rules::cross {

inline Finding& report(CrossResourceContext& context, const k8s::IndexedLocation& at,
                       std::string message, const k8s::IndexedObject& object,
                       std::string_view container = {}) {
  Finding& finding =
      context.report(at.path(), at.span, at.start, at.end, at.source_line, std::move(message));
  finding.logical = object.logical();
  finding.logical.container = std::string(container);
  return finding;
}

// "Deployment 'web'" (generated names as written: "Job 'migrate-'").
inline std::string describe(const k8s::IndexedObject& object) {
  return object.kind + " '" + object.name + "'";
}

// "namespace 'shop'"; unset and `default` are the same namespace.
inline std::string describe_namespace(std::string_view ns) {
  return "namespace '" + std::string(k8s::ClusterIndex::namespace_key(ns)) + "'";
}

// "container 'web'", "init container 'setup'" (unnamed: "container #2" is not known here, so
// "an unnamed container").
inline std::string describe(const k8s::IndexedContainer& container) {
  std::string kind = container.type == k8s::ContainerType::InitContainer ? "init container"
                     : container.type == k8s::ContainerType::EphemeralContainer
                         ? "ephemeral container"
                         : "container";
  if (container.name.empty()) return "an unnamed " + kind;
  return kind + " '" + container.name + "'";
}

// Deployments and StatefulSets: the replicated, long-running kinds that replicas, HPAs and
// PDBs are about (legacy `extensions`/`apps/v1beta*` groups included).
inline bool is_replicated_workload(const k8s::IndexedObject& object) {
  if (object.api_group != "apps" && object.api_group != "extensions") return false;
  return object.kind == "Deployment" || object.kind == "StatefulSet";
}

// A PodTemplate only stores a template: it creates no pods, so nothing isolates, limits or
// disrupts them.
inline bool creates_pods(const k8s::IndexedObject& object) {
  return !(object.api_group.empty() && object.kind == "PodTemplate");
}

// K8S401-K8S405: reports each regular and init container of a pod-creating workload that does
// not set `field` (a ResourceFlags member), unless a LimitRange of its namespace in the scanned
// set gives containers a default for it. Ephemeral containers are skipped: the API forbids
// `resources` on them. `what` names the field in messages ("resources.limits.cpu"). A request
// is `implied_by` its limit: the API server copies a set limit into an unset request.
inline void report_missing_resource(const k8s::ClusterIndex& index, CrossResourceContext& context,
                                    bool k8s::ResourceFlags::*field, std::string_view what,
                                    bool k8s::ResourceFlags::*implied_by = nullptr) {
  std::map<std::string, bool, std::less<>> defaulted;  // by namespace key
  for (const k8s::IndexedWorkload* workload : index.workloads()) {
    const k8s::IndexedObject& object = *workload->object;
    if (!creates_pods(object)) continue;
    const std::string_view ns = k8s::ClusterIndex::namespace_key(object.namespace_);
    auto found = defaulted.find(ns);
    if (found == defaulted.end()) {
      const k8s::ResourceFlags defaults = index.limit_range_defaults(ns);
      found = defaulted.emplace(std::string(ns), defaults.*field).first;
    }
    if (found->second) continue;
    for (const k8s::IndexedContainer& container : workload->containers) {
      if (container.type == k8s::ContainerType::EphemeralContainer) continue;
      if (container.resources.*field) continue;
      if (implied_by && container.resources.*implied_by) continue;
      report(context, container.location,
             describe(container) + " of " + describe(object) + " sets no " + std::string(what) +
                 ", and no LimitRange in the scanned files gives " + describe_namespace(ns) +
                 " a default",
             object, container.name);
    }
  }
}

}  // namespace berth::rules::cross
