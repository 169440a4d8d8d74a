// K8S404 missing-memory-request: a container without `resources.requests.memory`, unless a
// LimitRange in the scanned set gives its namespace a default.
#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"
#include "rules/support/k8s_cross.h"

namespace berth::rules {
namespace {

class MissingMemoryRequestRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "K8S404",
        .name = "missing-memory-request",
        .target = RuleTarget::Kubernetes,
        .severity = Severity::Info,
        .summary = "Container without a memory request (`resources.requests.memory`)",
        .docs = R"md(## What it does
Reports each container and init container that does not set `resources.requests.memory`, in every
workload that creates pods (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet,
ReplicationController, Job, CronJob, Argo Rollout, Knative Service, KEDA ScaledJob).

Not reported:
- containers that set `resources.limits.memory`: the API server copies a limit into an
  unset request, so the request is set after admission;
- containers of a namespace for which a LimitRange among the files of this run gives
  containers a default request (a `type: Container` item with `defaultRequest`, or
  `default`, `max` or `min`, from which the API server derives it);
- ephemeral (debug) containers, on which the API forbids `resources`;
- PodTemplates, which create no pods.

Init containers are reported like the others, as Checkov and Trivy do: they run on the same
node, count towards the pod's effective request and are subject to the same quotas.

The finding sits on the container's `- name:` entry. LimitRanges applied to the cluster by
other means are not seen, so the message says "in the scanned files".

## Why is this bad?
The scheduler places pods by their requests. A container without a memory request counts as
needing no memory (unless it has a limit, which then doubles as the request), so the
scheduler packs nodes that later run out of memory, and the kubelet evicts pods that use
more than they requested first.

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
            requests:
              memory: 256Mi
```
or a namespace default:
```yaml
apiVersion: v1
kind: LimitRange
metadata: {name: defaults, namespace: shop}
spec:
  limits:
    - type: Container
      defaultRequest: {memory: 256Mi}
```

## Options
None.

## References
- [Kubernetes: resource management for pods and containers](https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/)
- [Kubernetes: node-pressure eviction](https://kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction/)
- [Checkov CKV_K8S_12](https://docs.prismacloud.io/en/enterprise-edition/policy-reference/kubernetes-policies/kubernetes-policy-index/bc-k8s-11)
- [Trivy KSV-0016](https://avd.aquasec.com/misconfig/kubernetes/ksv016/)
)md",
        .tags = {"reliability", "resources"},
        .aliases = {{"checkov", "CKV_K8S_12"}, {"trivy", "KSV-0016"}},
    };
    return info;
  }

  bool is_cross_resource() const override { return true; }

  void check_cross_resource(const k8s::ClusterIndex& index,
                            CrossResourceContext& context) const override {
    cross::report_missing_resource(index, context, &k8s::ResourceFlags::requests_memory,
                                   "resources.requests.memory", &k8s::ResourceFlags::limits_memory);
  }
};

}  // namespace

const Rule& rule_K8S404() {
  static const MissingMemoryRequestRule rule;
  return rule;
}

}  // namespace berth::rules
