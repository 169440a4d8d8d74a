// K8S603 single-replica: a Deployment or StatefulSet with `replicas` 1 (or unset) and no HPA
// targeting it in the scanned set.
#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"
#include "rules/support/k8s_cross.h"

namespace berth::rules {
namespace {

class SingleReplicaRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "K8S603",
        .name = "single-replica",
        .target = RuleTarget::Kubernetes,
        .severity = Severity::Info,
        .summary =
            "Deployment or StatefulSet with one replica and no autoscaler in the scanned files",
        .docs = R"md(## What it does
Reports a Deployment or StatefulSet whose `spec.replicas` is 1 or unset (the API default is
1), when no HorizontalPodAutoscaler (or KEDA ScaledObject, which drives one) among the files
of this run targets it through `scaleTargetRef` (same namespace, kind and name).

Not reported:
- `replicas: 0`: the workload is deliberately scaled down;
- a `replicas` value that is not an integer literal (a placeholder substituted later);
- DaemonSets, Jobs, CronJobs and bare Pods, whose replica count is not a choice of this kind.

The finding sits on the `replicas` entry, or on the object's `name` when `replicas` is unset.

## Why is this bad?
One replica means every rollout, node drain, node failure or eviction takes the service down
until the replacement pod is scheduled, pulls its image and becomes ready. Two or more
replicas (spread over nodes) keep serving through all of these.

Singletons that must not run twice (a leader-elected controller without leader election, a
database primary) are legitimate: suppress the finding there with a reason.

## Example
```yaml
apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  replicas: 1
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers: [{name: api, image: "registry.example.com/api:1.4.2"}]
```

## Use instead
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
or let a HorizontalPodAutoscaler with `minReplicas: 2` own the count.

## Options
None.

## References
- [Kubernetes: Deployments](https://kubernetes.io/docs/concepts/workloads/controllers/deployment/)
- [Kubernetes: horizontal pod autoscaling](https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/)
- [kube-linter `minimum-three-replicas`](https://docs.kubelinter.io/#/generated/checks?id=minimum-three-replicas)
- [Polaris `deploymentMissingReplicas`](https://polaris.docs.fairwinds.com/checks/reliability/)
)md",
        .tags = {"reliability"},
        .aliases = {{"kube-linter", "minimum-three-replicas"},
                    {"polaris", "deploymentMissingReplicas"}},
    };
    return info;
  }

  bool is_cross_resource() const override { return true; }

  void check_cross_resource(const k8s::ClusterIndex& index,
                            CrossResourceContext& context) const override {
    for (const k8s::IndexedWorkload* workload : index.workloads()) {
      const k8s::IndexedObject& object = *workload->object;
      if (!cross::is_replicated_workload(object)) continue;
      // Written but not an integer: a placeholder (`${REPLICAS}`) or a shape error (K8S002).
      if (workload->replicas_location && !workload->replicas) continue;
      if (workload->replicas.value_or(1) != 1) continue;
      if (!index.autoscalers_targeting(*workload).empty()) continue;
      if (workload->replicas_location) {
        cross::report(context, *workload->replicas_location,
                      cross::describe(object) +
                          " runs 1 replica and no HorizontalPodAutoscaler in the scanned files "
                          "targets it",
                      object);
      } else {
        cross::report(context, object.location,
                      cross::describe(object) +
                          " sets no replicas (1 by default) and no HorizontalPodAutoscaler in "
                          "the scanned files targets it",
                      object);
      }
    }
  }
};

}  // namespace

const Rule& rule_K8S603() {
  static const SingleReplicaRule rule;
  return rule;
}

}  // namespace berth::rules
