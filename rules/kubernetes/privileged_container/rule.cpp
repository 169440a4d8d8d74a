// K8S101 privileged-container: a container with `securityContext.privileged: true`.
#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"
#include "rules/support/pod_security.h"

namespace berth::rules {
namespace {

class PrivilegedContainerRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "K8S101",
        .name = "privileged-container",
        .target = RuleTarget::Kubernetes,
        .severity = Severity::Error,
        .summary = "A container runs in privileged mode",
        .docs = R"md(## What it does
Reports every container, init container and ephemeral container whose `securityContext` sets
`privileged: true`, in every workload kind (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet,
ReplicationController, Job, CronJob, PodTemplate and the known CRDs). `privileged` exists only
on the container's securityContext, so the pod's securityContext never sets it. The finding
points at the `true`.

## Why is this bad?
A privileged container gets every Linux capability, all host devices and no seccomp, AppArmor
or SELinux confinement: it is root on the node. A compromise of the application is a
compromise of the node and of every pod and secret on it.

## Example
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx:1.27
    securityContext:
      privileged: true
```

## Use instead
Grant only what the workload needs, for example one capability:
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx:1.27
    securityContext:
      privileged: false
      capabilities:
        drop: [ALL]
        add: [NET_BIND_SERVICE]
```
Node agents that really need the host (CNI plugins, storage drivers) are the exception:
suppress the finding there with a reason (`# berth ignore=K8S101 -- CNI agent`).

## Options
None.

## References
- [Kubernetes: Configure a Security Context for a Pod or Container](https://kubernetes.io/docs/tasks/configure-pod-container/security-context/)
- [Pod Security Standards: Baseline, privileged containers](https://kubernetes.io/docs/concepts/security/pod-security-standards/)
)md",
        .tags = {"security"},
        .security_severity = "9.0",
        .aliases = {{"kube-linter", "privileged-container"},
                    {"checkov", "CKV_K8S_16"},
                    {"trivy", "KSV-0017"},
                    {"polaris", "runAsPrivileged"}},
    };
    return info;
  }

  void check_kubernetes(const k8s::ManifestFile& file, RuleContext& context) const override {
    k8s::for_each_container(file, [&](const k8s::Object& object, const k8s::PodSpec& pod,
                                      const k8s::Container& container) {
      const k8s::SecurityField& privileged = container.security.privileged;
      if (privileged.as_bool() != true) return;
      pod_security::report(context, pod_security::value_span(privileged, container, pod),
                           pod_security::describe(container) +
                               " runs privileged (securityContext.privileged: true): it has "
                               "every capability and all host devices",
                           object, &container);
    });
  }
};

}  // namespace

const Rule& rule_K8S101() {
  static const PrivilegedContainerRule rule;
  return rule;
}

}  // namespace berth::rules
