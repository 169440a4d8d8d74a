// K8S003 service-selector-matches-nothing: a Service whose selector matches no pod template in
// the scanned set (same namespace).
#include <algorithm>
#include <set>
#include <unordered_set>

#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"
#include "rules/support/k8s_cross.h"

namespace berth::rules {
namespace {

std::string selector_text(const k8s::LabelSelector& selector) {
  std::string text;
  for (const auto& [key, value] : selector.match_labels) {
    if (!text.empty()) text += ',';
    text += key + "=" + value;
  }
  return text;
}

// Labels the workload controllers add to the pods they create, which no template carries:
// whether a selector on them can match depends on the workload's kind and name.
enum class ControllerLabel {
  NotOne,
  AnyController,
  JobName,
  StatefulSetPodName,
  StatefulSetIndex,
  JobIndex
};

ControllerLabel controller_label(std::string_view key) {
  if (key == "pod-template-hash" || key == "controller-revision-hash" ||
      key == "pod-template-generation" || key == "controller-uid" ||
      key == "batch.kubernetes.io/controller-uid") {
    return ControllerLabel::AnyController;
  }
  if (key == "job-name" || key == "batch.kubernetes.io/job-name") return ControllerLabel::JobName;
  if (key == "statefulset.kubernetes.io/pod-name") return ControllerLabel::StatefulSetPodName;
  if (key == "apps.kubernetes.io/pod-index") return ControllerLabel::StatefulSetIndex;
  if (key == "batch.kubernetes.io/job-completion-index") return ControllerLabel::JobIndex;
  return ControllerLabel::NotOne;
}

bool controller_label_fits(ControllerLabel label, std::string_view value,
                           const k8s::IndexedObject& workload) {
  const bool job = workload.api_group == "batch" && workload.kind == "Job";
  const bool cron_job = workload.api_group == "batch" && workload.kind == "CronJob";
  const bool stateful_set = workload.kind == "StatefulSet";
  const std::string prefix = workload.name + "-";
  switch (label) {
    case ControllerLabel::NotOne:
    case ControllerLabel::AnyController:
      return true;
    case ControllerLabel::JobName:
      // A CronJob's Jobs are named `<cronjob>-<scheduled time>`.
      return (job && value == workload.name) || (cron_job && value.starts_with(prefix));
    case ControllerLabel::StatefulSetPodName:
      return stateful_set && value.starts_with(prefix);
    case ControllerLabel::StatefulSetIndex:
      return stateful_set;
    case ControllerLabel::JobIndex:
      return job || cron_job;
  }
  return true;
}

// API groups served by Kubernetes itself. An object of any other group is a custom resource,
// whose controller (an operator) may create pods that no scanned template describes.
bool is_builtin_group(std::string_view group) {
  static const std::set<std::string_view> kGroups = {"",
                                                     "apps",
                                                     "batch",
                                                     "extensions",
                                                     "policy",
                                                     "autoscaling",
                                                     "networking.k8s.io",
                                                     "rbac.authorization.k8s.io",
                                                     "storage.k8s.io",
                                                     "apiextensions.k8s.io",
                                                     "admissionregistration.k8s.io",
                                                     "scheduling.k8s.io",
                                                     "coordination.k8s.io",
                                                     "node.k8s.io",
                                                     "discovery.k8s.io",
                                                     "certificates.k8s.io",
                                                     "flowcontrol.apiserver.k8s.io",
                                                     "events.k8s.io",
                                                     "apiregistration.k8s.io",
                                                     "authentication.k8s.io",
                                                     "authorization.k8s.io",
                                                     "resource.k8s.io",
                                                     "storagemigration.k8s.io",
                                                     "internal.apiserver.k8s.io"};
  return kGroups.contains(group);
}

std::string resource_key(std::string_view ns, std::string_view name) {
  std::string key(k8s::ClusterIndex::namespace_key(ns));
  key += '\0';
  key += name;
  return key;
}

class ServiceSelectorMatchesNothingRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "K8S003",
        .name = "service-selector-matches-nothing",
        .target = RuleTarget::Kubernetes,
        .severity = Severity::Warning,
        .summary = "Service whose selector matches no pod template in the scanned files",
        .docs = R"md(## What it does
Reports a Service whose `spec.selector` matches the pod template labels of no workload in the
same namespace among the files of this run (Pods, Deployments, StatefulSets, DaemonSets,
ReplicaSets, ReplicationControllers, Jobs, CronJobs, PodTemplates, Argo Rollouts, Knative
Services, KEDA ScaledJobs). A selector matches when every one of its labels is on the
template with the same value.

Not reported:
- a Service without a selector (or with an empty one): its endpoints are managed by hand or
  by a controller, as for a headless Service in front of an external database;
- `type: ExternalName` Services, which are DNS aliases and select no pods;
- a Service with a selector value that is the name of a custom resource of its namespace in
  the scanned files (an object of an API group Kubernetes does not serve itself, other than
  the workload kinds above): operators (CloudNativePG, the Prometheus operator, Rook, ECK,
  LeaderWorkerSet, Gateway API implementations, ...) label the pods they create for a
  resource with its name, as in `cnpg.io/cluster: orders` for the Cluster `orders`;
- Services in `kube-system`, which front control-plane static pods and add-ons the cluster
  creates itself.

Labels that controllers add to the pods they create count as matching when they fit the
workload: `job-name`/`batch.kubernetes.io/job-name` (a Job of that name, or a Job of a
CronJob), `statefulset.kubernetes.io/pod-name` (`<statefulset>-<ordinal>`),
`apps.kubernetes.io/pod-index`, `batch.kubernetes.io/job-completion-index`, and the hashes
`pod-template-hash`, `controller-revision-hash`, `pod-template-generation`, `controller-uid`.

The finding sits on the `selector` entry. Only what was scanned is known: pods created by
operators (custom resources berth does not model) or defined in files outside this run are
not seen, so the message says "in the scanned files". Scan the whole application at once
(`berth check deploy/`) to get the most from this rule.

## Why is this bad?
A Service that selects no pod has no endpoints: clients get connection refused or time out,
and nothing in `kubectl apply` warns about it. The usual causes are a typo or a label renamed
in the Deployment but not in the Service, or a Service and its workload placed in different
namespaces.

## Example
```yaml
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web-frontend}
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "nginx:1.27.3"}]
```

## Use instead
```yaml
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
```

## Options
None.

## References
- [Kubernetes: Service](https://kubernetes.io/docs/concepts/services-networking/service/)
- [Kubernetes: Services without selectors](https://kubernetes.io/docs/concepts/services-networking/service/#services-without-selectors)
- [kube-linter `dangling-service`](https://docs.kubelinter.io/#/generated/checks?id=dangling-service)
)md",
        .tags = {"correctness"},
        .aliases = {{"kube-linter", "dangling-service"}},
    };
    return info;
  }

  bool is_cross_resource() const override { return true; }

  void check_cross_resource(const k8s::ClusterIndex& index,
                            CrossResourceContext& context) const override {
    // Operators label the pods they create for a custom resource with the resource's name
    // (`cnpg.io/cluster: orders` for the CloudNativePG Cluster `orders`). Names of custom
    // resources by namespace, leaving out the workload kinds the model reads templates from.
    std::unordered_set<const k8s::IndexedObject*> workloads;
    for (const k8s::IndexedWorkload* workload : index.workloads())
      workloads.insert(workload->object);
    std::unordered_set<std::string> custom_resources;  // namespace key + '\0' + name
    for (const k8s::IndexedObject* object : index.objects()) {
      if (is_builtin_group(object->api_group) || workloads.contains(object)) continue;
      custom_resources.insert(resource_key(object->namespace_, object->name));
    }
    for (const k8s::IndexedService* service : index.services()) {
      if (service->type == "ExternalName") continue;
      // No selector: endpoints are managed by hand (or by a controller), not by labels.
      if (service->selector.selects_nothing || service->selector.selects_all()) continue;
      const k8s::IndexedObject& object = *service->object;
      // kube-system Services front control-plane static pods and cluster add-ons, which the
      // cluster itself creates.
      if (object.namespace_ == "kube-system") continue;
      if (selects_some_pod(index, service->selector, object.namespace_)) continue;
      const auto& labels = service->selector.match_labels;
      if (std::any_of(labels.begin(), labels.end(), [&](const auto& label) {
            return custom_resources.contains(resource_key(object.namespace_, label.second));
          })) {
        continue;
      }
      cross::report(context, service->selector_location,
                    cross::describe(object) + " selects " + selector_text(service->selector) +
                        ", which matches no pod template in the scanned files (" +
                        cross::describe_namespace(object.namespace_) + ")",
                    object);
    }
  }

 private:
  // Template labels, plus the labels controllers add to the pods of the matching workload.
  static bool selects_some_pod(const k8s::ClusterIndex& index, const k8s::LabelSelector& selector,
                               std::string_view ns) {
    k8s::LabelSelector template_part = selector;
    std::vector<std::pair<ControllerLabel, std::string>> controller_part;
    std::erase_if(template_part.match_labels, [&](const auto& label) {
      const ControllerLabel kind = controller_label(label.first);
      if (kind == ControllerLabel::NotOne) return false;
      controller_part.emplace_back(kind, label.second);
      return true;
    });
    return index.any_workload_selected_by(template_part, ns, [&](const auto& workload) {
      return std::all_of(controller_part.begin(), controller_part.end(), [&](const auto& label) {
        return controller_label_fits(label.first, label.second, *workload.object);
      });
    });
  }
};

}  // namespace

const Rule& rule_K8S003() {
  static const ServiceSelectorMatchesNothingRule rule;
  return rule;
}

}  // namespace berth::rules
