// K8S304 missing-network-policy: a workload whose pods no NetworkPolicy in the scanned set
// selects; one info finding per namespace when the set holds no NetworkPolicy at all.
#include <map>

#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"
#include "rules/support/k8s_cross.h"

namespace berth::rules {
namespace {

class MissingNetworkPolicyRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "K8S304",
        .name = "missing-network-policy",
        .target = RuleTarget::Kubernetes,
        .severity = Severity::Warning,
        .summary = "Workload whose pods no NetworkPolicy in the scanned files selects",
        .docs = R"md(## What it does
Reports a workload (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet,
ReplicationController, Job, CronJob, Argo Rollout, Knative Service, KEDA ScaledJob) whose pod
template labels are selected by no NetworkPolicy of the same namespace among the files of this
run. A NetworkPolicy with an empty `podSelector: {}` selects every pod of its namespace.
PodTemplates create no pods and are not reported.

When the files of the run hold no NetworkPolicy at all, the repository most likely manages
network policy elsewhere (or not yet): instead of one warning per workload, the rule gives one
**info** finding per namespace, on its first workload. (A severity set for the rule in the
configuration applies to both kinds of finding.)

Only what was scanned is known: policies applied by another repository or by a cluster
add-on are not seen, so the message says "in the scanned files".

## Why is this bad?
A pod that no NetworkPolicy selects accepts traffic from every pod in the cluster and may
connect anywhere. One compromised workload can then reach databases, metadata endpoints and
internal APIs of every other team. Selecting a pod with any policy switches it to "deny
unless allowed" for the directions the policy lists.

## Example
```yaml
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers: [{name: api, image: "registry.example.com/api:1.4.2"}]
```

## Use instead
```yaml
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  policyTypes: [Ingress, Egress]
  ingress:
    - from: [{podSelector: {matchLabels: {app: web}}}]
  egress:
    - to: [{podSelector: {matchLabels: {app: db}}}]
```
A default-deny policy (`podSelector: {}`) per namespace plus narrow allow rules is the usual
pattern.

## Options
None.

## References
- [Kubernetes: Network Policies](https://kubernetes.io/docs/concepts/services-networking/network-policies/)
- [kube-linter `non-isolated-pod`](https://docs.kubelinter.io/#/generated/checks?id=non-isolated-pod)
- [Checkov CKV2_K8S_6](https://docs.prismacloud.io/en/enterprise-edition/policy-reference/kubernetes-policies/kubernetes-policy-index/bc-k8s-2-6)
- [Polaris `missingNetworkPolicy`](https://polaris.docs.fairwinds.com/checks/network/)
)md",
        .tags = {"security"},
        .security_severity = "5.0",
        .aliases = {{"kube-linter", "non-isolated-pod"},
                    {"checkov", "CKV2_K8S_6"},
                    {"polaris", "missingNetworkPolicy"}},
    };
    return info;
  }

  bool is_cross_resource() const override { return true; }

  void check_cross_resource(const k8s::ClusterIndex& index,
                            CrossResourceContext& context) const override {
    const bool any_policy = !index.network_policies().empty();
    // Namespace -> (first workload, workload count), for the no-policy-at-all case.
    std::map<std::string, std::pair<const k8s::IndexedWorkload*, size_t>, std::less<>> namespaces;
    for (const k8s::IndexedWorkload* workload : index.workloads()) {
      const k8s::IndexedObject& object = *workload->object;
      if (!cross::creates_pods(object)) continue;
      if (!any_policy) {
        auto& [first, count] =
            namespaces[std::string(k8s::ClusterIndex::namespace_key(object.namespace_))];
        if (!first) first = workload;
        ++count;
        continue;
      }
      if (!index.network_policies_selecting(*workload).empty()) continue;
      cross::report(context, object.location,
                    "the pods of " + cross::describe(object) +
                        " are selected by no NetworkPolicy in the scanned files (" +
                        cross::describe_namespace(object.namespace_) + ")",
                    object);
    }
    for (const auto& [ns, entry] : namespaces) {
      const auto& [first, count] = entry;
      const k8s::IndexedObject& object = *first->object;
      Finding& finding =
          cross::report(context, object.location,
                        cross::describe_namespace(ns) + " has " + std::to_string(count) +
                            (count == 1 ? " workload" : " workloads") +
                            " and the scanned files hold no NetworkPolicy at all",
                        object);
      finding.logical = {"Namespace", "", ns, {}};
      // A severity the configuration chose for the rule applies as is; the default one is
      // lowered, as one missing policy set is a repository-level observation.
      if (finding.severity == info().severity) finding.severity = Severity::Info;
    }
  }
};

}  // namespace

const Rule& rule_K8S304() {
  static const MissingNetworkPolicyRule rule;
  return rule;
}

}  // namespace berth::rules
