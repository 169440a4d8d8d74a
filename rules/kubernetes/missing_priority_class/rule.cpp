// K8S406 missing-priority-class: a pod spec without `priorityClassName`.
#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"

namespace berth::rules {
namespace {

class MissingPriorityClassRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "K8S406",
        .name = "missing-priority-class",
        .target = RuleTarget::Kubernetes,
        .severity = Severity::Info,
        .enabled_by_default = false,
        .summary = "Pod spec without `priorityClassName`",
        .docs = R"md(## What it does
Reports each pod spec (of a Pod, a workload's pod template, a Job or CronJob, or a known
workload CRD) that sets no `priorityClassName`, or sets it to an empty string. The finding
sits on the pod spec's `spec` key. Off by default: it matters in clusters that define
PriorityClasses and rely on preemption.

## Why is this bad?
Without a priority class, a pod gets the cluster's global default priority (0 when no
PriorityClass has `globalDefault: true`). When the cluster is full, the scheduler cannot
preempt batch work to place a critical service, and under node pressure the kubelet evicts
pods without regard to what they run.

## Example
```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: payments
spec:
  template:
    spec:
      containers:
        - name: payments
          image: registry.example.com/payments:3.2.0
```

## Use instead
```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: payments
spec:
  template:
    spec:
      priorityClassName: business-critical
      containers:
        - name: payments
          image: registry.example.com/payments:3.2.0
```

## Options
None.

## References
- [Kubernetes: pod priority and preemption](https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/)
- [kube-linter `priority-class-name`](https://docs.kubelinter.io/#/generated/checks?id=priority-class-name)
- [Polaris `priorityClassNotSet`](https://polaris.docs.fairwinds.com/checks/reliability/)
)md",
        .tags = {"reliability"},
        .aliases = {{"kube-linter", "priority-class-name"}, {"polaris", "priorityClassNotSet"}},
    };
    return info;
  }

  void check_kubernetes(const k8s::ManifestFile& file, RuleContext& context) const override {
    k8s::for_each_pod_spec(file, [&](const k8s::Object& object, const k8s::PodSpec& pod) {
      const yaml::Node* priority = pod.field("priorityClassName");
      const bool empty = priority && priority->is_scalar() && priority->value.empty();
      if (priority && !empty) return;
      const std::string owner = object.kind + " '" + object.name + "'";
      Finding& finding =
          empty ? context.report(k8s::entry_span(*pod.spec->entry("priorityClassName")),
                                 owner + " sets an empty priorityClassName")
                : context.report(pod.report_span(),
                                 owner + " has a pod spec without " + "priorityClassName");
      finding.logical = k8s::logical_location(object);
    });
  }
};

}  // namespace

const Rule& rule_K8S406() {
  static const MissingPriorityClassRule rule;
  return rule;
}

}  // namespace berth::rules
