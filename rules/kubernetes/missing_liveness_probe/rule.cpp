// K8S601 missing-liveness-probe: a long-running container without a livenessProbe.
#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"
#include "rules/support/pod_security.h"

namespace berth::rules {
namespace {

class MissingLivenessProbeRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "K8S601",
        .name = "missing-liveness-probe",
        .target = RuleTarget::Kubernetes,
        .severity = Severity::Info,
        .summary = "Long-running container without a livenessProbe",
        .docs = R"md(## What it does
Reports each regular container of a long-running pod that has no `livenessProbe`. Long-running
means a Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, PodTemplate, an
Argo Rollout or Knative Service, or a bare Pod whose `restartPolicy` is not `Never` or
`OnFailure`. Jobs, CronJobs and KEDA ScaledJobs run to completion and are never reported,
nor are init containers and ephemeral (debug) containers.

The finding sits on the container's `- name:` entry.

## Why is this bad?
Without a liveness probe the kubelet restarts a container only when its main process exits.
A process that deadlocks, leaks until it stops answering, or loses its upstream connection
for good keeps its pod "Running" and keeps receiving whatever traffic its readiness allows,
until a human notices.

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
          livenessProbe:
            httpGet: {path: /healthz, port: 8080}
            periodSeconds: 10
            failureThreshold: 3
```
A liveness probe should check the process itself, not its dependencies: a database outage
must not restart every web pod.

## Options
None.

## References
- [Kubernetes: configure liveness, readiness and startup probes](https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/)
- [kube-linter `no-liveness-probe`](https://docs.kubelinter.io/#/generated/checks?id=no-liveness-probe)
- [Checkov CKV_K8S_8](https://docs.prismacloud.io/en/enterprise-edition/policy-reference/kubernetes-policies/kubernetes-policy-index/bc-k8s-7)
)md",
        .tags = {"reliability"},
        .aliases = {{"kube-linter", "no-liveness-probe"},
                    {"checkov", "CKV_K8S_8"},
                    {"polaris", "livenessProbeMissing"}},
    };
    return info;
  }

  void check_kubernetes(const k8s::ManifestFile& file, RuleContext& context) const override {
    k8s::for_each_container(file, [&](const k8s::Object& object, const k8s::PodSpec& pod,
                                      const k8s::Container& container) {
      if (!pod.long_running || container.type != k8s::ContainerType::Container) return;
      if (container.liveness_probe()) return;
      Finding& finding = context.report(
          container.report_span, pod_security::describe(container) + " has no livenessProbe");
      finding.logical = k8s::logical_location(object, &container);
    });
  }
};

}  // namespace

const Rule& rule_K8S601() {
  static const MissingLivenessProbeRule rule;
  return rule;
}

}  // namespace berth::rules
