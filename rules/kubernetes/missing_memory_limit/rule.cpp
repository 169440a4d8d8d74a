// K8S402 missing-memory-limit: a container without `resources.limits.memory`, unless a LimitRange
// in the scanned set gives its namespace a default.
#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"
#include "rules/support/k8s_cross.h"

namespace berth::rules {
namespace {

class MissingMemoryLimitRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "K8S402",
        .name = "missing-memory-limit",
        .target = RuleTarget::Kubernetes,
        .severity = Severity::Warning,
        .summary = "Container without a memory limit (`resources.limits.memory`)",
        .docs = R"md(## What it does
Reports each container and init container that does not set `resources.limits.memory`, in every
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
A container without a memory limit can grow until the node runs out of memory. The kernel's
OOM killer then picks victims across the node, often pods that did nothing wrong, and the
kubelet starts evicting. A leak in one service becomes an outage of unrelated ones. With a
limit, only the leaking container is killed and restarted.

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
              memory: 512Mi
```
or a namespace default:
```yaml
apiVersion: v1
kind: LimitRange
metadata: {name: defaults, namespace: shop}
spec:
  limits:
    - type: Container
      default: {memory: 512Mi}
```

## Options
None.

## References
- [Kubernetes: resource management for pods and containers](https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/)
- [Kubernetes: default memory requests and limits for a namespace (LimitRange)](https://kubernetes.io/docs/tasks/administer-cluster/manage-resources/memory-default-namespace/)
- [kube-linter `unset-memory-requirements`](https://docs.kubelinter.io/#/generated/checks?id=unset-memory-requirements)
- [Checkov CKV_K8S_13](https://docs.prismacloud.io/en/enterprise-edition/policy-reference/kubernetes-policies/kubernetes-policy-index/bc-k8s-12)
- [Trivy KSV-0018](https://avd.aquasec.com/misconfig/kubernetes/ksv018/)
)md",
        .tags = {"reliability", "resources"},
        .aliases = {{"kube-linter", "unset-memory-requirements"},
                    {"checkov", "CKV_K8S_13"},
                    {"trivy", "KSV-0018"}},
    };
    return info;
  }

  bool is_cross_resource() const override { return true; }

  void check_cross_resource(const k8s::ClusterIndex& index,
                            CrossResourceContext& context) const override {
    cross::report_missing_resource(index, context, &k8s::ResourceFlags::limits_memory,
                                   "resources.limits.memory");
  }
};

}  // namespace

const Rule& rule_K8S402() {
  static const MissingMemoryLimitRule rule;
  return rule;
}

}  // namespace berth::rules
