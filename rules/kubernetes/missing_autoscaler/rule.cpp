// K8S407 missing-autoscaler: a Deployment or StatefulSet that no HorizontalPodAutoscaler in
// the scanned set targets.
#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"
#include "rules/support/k8s_cross.h"

namespace berth::rules {
namespace {

class MissingAutoscalerRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "K8S407",
        .name = "missing-autoscaler",
        .target = RuleTarget::Kubernetes,
        .severity = Severity::Info,
        .enabled_by_default = false,
        .summary =
            "Deployment or StatefulSet that no HorizontalPodAutoscaler in the scanned "
            "files targets",
        .docs = R"md(## What it does
Reports a Deployment or StatefulSet that no HorizontalPodAutoscaler (`autoscaling/v1` or
`v2`) or KEDA ScaledObject (which creates one) among the files of this run targets through
`scaleTargetRef`: same namespace, same kind and name, and the same API group when the
reference names one (`extensions` counts as `apps`). KEDA's default target kind, Deployment,
is applied when `scaleTargetRef.kind` is unset.

Workloads with `replicas: 0` (deliberately scaled down) are not reported. The rule is off by
default: many services have a fixed, well-known load. The finding sits on the object's
`name`.

## Why is this bad?
A fixed replica count is sized for one load. Under a traffic peak the pods saturate and
latency climbs; at night the idle replicas still hold their requested CPU and memory. An
autoscaler follows the load between a floor and a ceiling you choose.

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
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: api}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
  minReplicas: 3
  maxReplicas: 12
  metrics:
    - type: Resource
      resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
```

## Options
None.

## References
- [Kubernetes: horizontal pod autoscaling](https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/)
- [KEDA: scaling deployments](https://keda.sh/docs/latest/concepts/scaling-deployments/)
)md",
        .tags = {"reliability"},
    };
    return info;
  }

  bool is_cross_resource() const override { return true; }

  void check_cross_resource(const k8s::ClusterIndex& index,
                            CrossResourceContext& context) const override {
    for (const k8s::IndexedWorkload* workload : index.workloads()) {
      const k8s::IndexedObject& object = *workload->object;
      if (!cross::is_replicated_workload(object)) continue;
      if (workload->replicas == 0) continue;
      if (!index.autoscalers_targeting(*workload).empty()) continue;
      cross::report(context, object.location,
                    cross::describe(object) +
                        " is targeted by no HorizontalPodAutoscaler in the scanned files (" +
                        cross::describe_namespace(object.namespace_) + ")",
                    object);
    }
  }
};

}  // namespace

const Rule& rule_K8S407() {
  static const MissingAutoscalerRule rule;
  return rule;
}

}  // namespace berth::rules
