// K8S405 missing-ephemeral-storage-limit: a container without `resources.limits.ephemeral-storage`,
// unless a LimitRange in the scanned set gives its namespace a default.
#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"
#include "rules/support/k8s_cross.h"

namespace berth::rules {
namespace {

class MissingEphemeralStorageLimitRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "K8S405",
        .name = "missing-ephemeral-storage-limit",
        .target = RuleTarget::Kubernetes,
        .severity = Severity::Info,
        .enabled_by_default = false,
        .summary =
            "Container without an ephemeral-storage limit (`resources.limits.ephemeral-storage`)",
        .docs = R"md(## What it does
Reports each container and init container that does not set `resources.limits.ephemeral-storage`, in every
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
Container logs, the writable layer and `emptyDir` volumes without `sizeLimit` live on the
node's disk. A container that writes without bound (a debug log left on, a cache that never
expires) fills that disk; the kubelet then evicts pods under disk pressure, and image pulls
fail for every pod of the node. With a limit, only the offending pod is evicted.

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
              ephemeral-storage: 2Gi
```
or a namespace default:
```yaml
apiVersion: v1
kind: LimitRange
metadata: {name: defaults, namespace: shop}
spec:
  limits:
    - type: Container
      default: {ephemeral-storage: 2Gi}
```

## Options
None.

## References
- [Kubernetes: local ephemeral storage](https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#local-ephemeral-storage)
- [Kubernetes: node-pressure eviction](https://kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction/)
- [kube-score `container-ephemeral-storage-request-and-limit`](https://github.com/zegl/kube-score/blob/master/README_CHECKS.md)
)md",
        .tags = {"reliability", "resources"},
    };
    return info;
  }

  bool is_cross_resource() const override { return true; }

  void check_cross_resource(const k8s::ClusterIndex& index,
                            CrossResourceContext& context) const override {
    cross::report_missing_resource(index, context, &k8s::ResourceFlags::limits_ephemeral_storage,
                                   "resources.limits.ephemeral-storage");
  }
};

}  // namespace

const Rule& rule_K8S405() {
  static const MissingEphemeralStorageLimitRule rule;
  return rule;
}

}  // namespace berth::rules
