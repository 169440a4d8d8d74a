// K8S604 missing-pod-disruption-budget: a replicated Deployment or StatefulSet whose pods no
// PodDisruptionBudget in the scanned set selects.
#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"
#include "rules/support/k8s_cross.h"

namespace berth::rules {
namespace {

class MissingPodDisruptionBudgetRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "K8S604",
        .name = "missing-pod-disruption-budget",
        .target = RuleTarget::Kubernetes,
        .severity = Severity::Info,
        .summary =
            "Deployment or StatefulSet with several replicas that no "
            "PodDisruptionBudget in the scanned files selects",
        .docs = R"md(## What it does
Reports a Deployment or StatefulSet with `spec.replicas` greater than 1 whose pod template
labels no PodDisruptionBudget of the same namespace among the files of this run selects
(`policy/v1` or `policy/v1beta1`; full label-selector semantics, `matchLabels` and
`matchExpressions`; an empty `policy/v1` selector selects every pod of the namespace).

Workloads with one replica (or none set) are left to K8S603 single-replica: a budget cannot
keep a single pod available through a drain without blocking the drain. A `replicas` value
that is not an integer literal is not judged. The finding sits on the `replicas` entry.

## Why is this bad?
Without a budget, a node drain (cluster upgrade, autoscaler scale-down, maintenance) may
evict every replica at once when they share a node or when several nodes drain together: the
redundancy that the replica count promised disappears exactly during maintenance. A
PodDisruptionBudget makes voluntary evictions wait until enough replicas are ready.

## Example
```yaml
apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  replicas: 3
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers: [{name: api, image: "registry.example.com/api:1.4.2"}]
```

## Use instead
```yaml
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: api}
spec:
  maxUnavailable: 1
  selector: {matchLabels: {app: api}}
```

## Options
None.

## References
- [Kubernetes: specifying a disruption budget](https://kubernetes.io/docs/tasks/run-application/configure-pdb/)
- [Kubernetes: disruptions](https://kubernetes.io/docs/concepts/workloads/pods/disruptions/)
- [kube-score `deployment-has-poddisruptionbudget`](https://github.com/zegl/kube-score/blob/master/README_CHECKS.md)
- [Polaris `missingPodDisruptionBudget`](https://polaris.docs.fairwinds.com/checks/reliability/)
)md",
        .tags = {"reliability"},
        .aliases = {{"kube-score", "deployment-has-poddisruptionbudget"},
                    {"kube-score", "statefulset-has-poddisruptionbudget"},
                    {"polaris", "missingPodDisruptionBudget"}},
    };
    return info;
  }

  bool is_cross_resource() const override { return true; }

  void check_cross_resource(const k8s::ClusterIndex& index,
                            CrossResourceContext& context) const override {
    for (const k8s::IndexedWorkload* workload : index.workloads()) {
      const k8s::IndexedObject& object = *workload->object;
      if (!cross::is_replicated_workload(object)) continue;
      if (!workload->replicas || *workload->replicas <= 1 || !workload->replicas_location) continue;
      if (!index.disruption_budgets_selecting(*workload).empty()) continue;
      cross::report(context, *workload->replicas_location,
                    cross::describe(object) + " runs " + std::to_string(*workload->replicas) +
                        " replicas and no PodDisruptionBudget in the scanned files selects its "
                        "pods (" +
                        cross::describe_namespace(object.namespace_) + ")",
                    object);
    }
  }
};

}  // namespace

const Rule& rule_K8S604() {
  static const MissingPodDisruptionBudgetRule rule;
  return rule;
}

}  // namespace berth::rules
