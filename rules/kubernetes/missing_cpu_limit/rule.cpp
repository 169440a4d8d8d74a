// K8S401 missing-cpu-limit: a container without `resources.limits.cpu`, unless a LimitRange in the
// scanned set gives its namespace a default.
#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"
#include "rules/support/k8s_cross.h"

namespace berth::rules {
namespace {

class MissingCpuLimitRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "K8S401",
        .name = "missing-cpu-limit",
        .target = RuleTarget::Kubernetes,
        .severity = Severity::Warning,
        .summary = "Container without a CPU limit (`resources.limits.cpu`)",
        .docs = R"md(## What it does
Reports each container and init container that does not set `resources.limits.cpu`, in every
workload that creates pods (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet,
ReplicationController, Job, CronJob, Argo Rollout, Knative Service, KEDA ScaledJob).

Not reported:
- containers of a namespace for which a LimitRange among the files of this run gives
  containers a default limit (a `type: Container` item with `default`, or `max`, which the
  API server copies into `default`): the API server fills the field in at admission;
- ephemeral (debug) containers, on which the API forbids `resources`;
- PodTemplates, which create no pods.

Init containers are reported like the others, as Checkov and Trivy do: they run on the same
node, count towards the pod's effective limit and are subject to the same quotas.

The finding sits on the container's `- name:` entry. LimitRanges applied to the cluster by
other means are not seen, so the message says "in the scanned files".

## Why is this bad?
A container without a CPU limit may use every idle core of its node. That is harmless while
the node is quiet, but under contention its neighbours get only their requests, latency of
every other pod on the node becomes unpredictable, and a runaway process (a busy loop, a
mining payload in a compromised image) is not contained. Many clusters enforce limits through
ResourceQuotas, which then reject the pod at admission time.

Some teams deliberately run without CPU limits (CFS throttling hurts latency-sensitive
services): set a LimitRange default, or disable the rule in `.berth.yaml`.

## Example
```yaml
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27.3
```

## Use instead
```yaml
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27.3
          resources:
            limits:
              cpu: "500m"
```
or a namespace default:
```yaml
apiVersion: v1
kind: LimitRange
metadata: {name: defaults, namespace: shop}
spec:
  limits:
    - type: Container
      default: {cpu: "500m"}
```

## Options
None.

## References
- [Kubernetes: resource management for pods and containers](https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/)
- [Kubernetes: default CPU requests and limits for a namespace (LimitRange)](https://kubernetes.io/docs/tasks/administer-cluster/manage-resources/cpu-default-namespace/)
- [kube-linter `unset-cpu-requirements`](https://docs.kubelinter.io/#/generated/checks?id=unset-cpu-requirements)
- [Checkov CKV_K8S_11](https://docs.prismacloud.io/en/enterprise-edition/policy-reference/kubernetes-policies/kubernetes-policy-index/bc-k8s-10)
- [Trivy KSV-0011](https://avd.aquasec.com/misconfig/kubernetes/ksv011/)
)md",
        .tags = {"reliability", "resources"},
        .aliases = {{"kube-linter", "unset-cpu-requirements"},
                    {"checkov", "CKV_K8S_11"},
                    {"trivy", "KSV-0011"}},
    };
    return info;
  }

  bool is_cross_resource() const override { return true; }

  void check_cross_resource(const k8s::ClusterIndex& index,
                            CrossResourceContext& context) const override {
    cross::report_missing_resource(index, context, &k8s::ResourceFlags::limits_cpu,
                                   "resources.limits.cpu");
  }
};

}  // namespace

const Rule& rule_K8S401() {
  static const MissingCpuLimitRule rule;
  return rule;
}

}  // namespace berth::rules
