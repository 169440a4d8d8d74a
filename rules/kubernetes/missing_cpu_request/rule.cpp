// K8S403 missing-cpu-request: a container without `resources.requests.cpu`, unless a LimitRange in
// the scanned set gives its namespace a default.
#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"
#include "rules/support/k8s_cross.h"

namespace berth::rules {
namespace {

class MissingCpuRequestRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "K8S403",
        .name = "missing-cpu-request",
        .target = RuleTarget::Kubernetes,
        .severity = Severity::Info,
        .summary = "Container without a CPU request (`resources.requests.cpu`)",
        .docs = R"md(## What it does
Reports each container and init container that does not set `resources.requests.cpu`, in every
workload that creates pods (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet,
ReplicationController, Job, CronJob, Argo Rollout, Knative Service, KEDA ScaledJob).

Not reported:
- containers that set `resources.limits.cpu`: the API server copies a limit into an
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
The scheduler places pods by their requests. A container without a CPU request counts as
needing nothing (unless it has a limit, which then doubles as the request), so nodes get
overcommitted and the container receives the smallest CPU share under contention. A pod
whose containers set no requests or limits at all is `BestEffort`: the first to be evicted.

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
              cpu: "250m"
```
or a namespace default:
```yaml
apiVersion: v1
kind: LimitRange
metadata: {name: defaults, namespace: shop}
spec:
  limits:
    - type: Container
      defaultRequest: {cpu: "250m"}
```

## Options
None.

## References
- [Kubernetes: resource management for pods and containers](https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/)
- [Kubernetes: pod quality of service classes](https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/)
- [Checkov CKV_K8S_10](https://docs.prismacloud.io/en/enterprise-edition/policy-reference/kubernetes-policies/kubernetes-policy-index/bc-k8s-9)
- [Trivy KSV-0015](https://avd.aquasec.com/misconfig/kubernetes/ksv015/)
)md",
        .tags = {"reliability", "resources"},
        .aliases = {{"checkov", "CKV_K8S_10"}, {"trivy", "KSV-0015"}},
    };
    return info;
  }

  bool is_cross_resource() const override { return true; }

  void check_cross_resource(const k8s::ClusterIndex& index,
                            CrossResourceContext& context) const override {
    cross::report_missing_resource(index, context, &k8s::ResourceFlags::requests_cpu,
                                   "resources.requests.cpu", &k8s::ResourceFlags::limits_cpu);
  }
};

}  // namespace

const Rule& rule_K8S403() {
  static const MissingCpuRequestRule rule;
  return rule;
}

}  // namespace berth::rules
