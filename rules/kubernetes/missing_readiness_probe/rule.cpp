// K8S602 missing-readiness-probe: a long-running container without a readinessProbe.
#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"
#include "rules/support/pod_security.h"

namespace berth::rules {
namespace {

class MissingReadinessProbeRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "K8S602",
        .name = "missing-readiness-probe",
        .target = RuleTarget::Kubernetes,
        .severity = Severity::Info,
        .summary = "Long-running container without a readinessProbe",
        .docs = R"md(## What it does
Reports each regular container of a long-running pod that has no `readinessProbe`.
Long-running means a Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController,
PodTemplate, an Argo Rollout or Knative Service, or a bare Pod whose `restartPolicy` is not
`Never` or `OnFailure`. Jobs, CronJobs and KEDA ScaledJobs run to completion and are never
reported, nor are init containers and ephemeral (debug) containers.

The finding sits on the container's `- name:` entry.

## Why is this bad?
Without a readiness probe a pod counts as ready as soon as its containers start, so Services
send it traffic while it is still loading caches or opening connections, and a rolling update
replaces healthy pods with ones that cannot serve yet. A pod that is temporarily overloaded
also cannot take itself out of rotation.

## Example
```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
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
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27.3
          readinessProbe:
            httpGet: {path: /ready, port: 8080}
            periodSeconds: 5
```

## Options
None.

## References
- [Kubernetes: configure liveness, readiness and startup probes](https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/)
- [kube-linter `no-readiness-probe`](https://docs.kubelinter.io/#/generated/checks?id=no-readiness-probe)
- [Checkov CKV_K8S_9](https://docs.prismacloud.io/en/enterprise-edition/policy-reference/kubernetes-policies/kubernetes-policy-index/bc-k8s-8)
)md",
        .tags = {"reliability"},
        .aliases = {{"kube-linter", "no-readiness-probe"},
                    {"checkov", "CKV_K8S_9"},
                    {"polaris", "readinessProbeMissing"}},
    };
    return info;
  }

  void check_kubernetes(const k8s::ManifestFile& file, RuleContext& context) const override {
    k8s::for_each_container(file, [&](const k8s::Object& object, const k8s::PodSpec& pod,
                                      const k8s::Container& container) {
      if (!pod.long_running || container.type != k8s::ContainerType::Container) return;
      if (container.readiness_probe()) return;
      Finding& finding = context.report(
          container.report_span, pod_security::describe(container) + " has no readinessProbe");
      finding.logical = k8s::logical_location(object, &container);
    });
  }
};

}  // namespace

const Rule& rule_K8S602() {
  static const MissingReadinessProbeRule rule;
  return rule;
}

}  // namespace berth::rules
