// K8S103 runs-as-root: a container that may run as UID 0.
#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"
#include "rules/support/pod_security.h"

namespace berth::rules {
namespace {

class RunsAsRootRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "K8S103",
        .name = "runs-as-root",
        .target = RuleTarget::Kubernetes,
        .severity = Severity::Warning,
        .summary = "A container may run as the root user",
        .docs = R"md(## What it does
Reports every container (init and ephemeral containers included) that may run as UID 0. The
effective `runAsNonRoot` and `runAsUser` are read as the API does: the container's
securityContext field wins, otherwise the pod's securityContext field applies.

- `runAsUser: 0` (container or pod level) is always reported, at the `0`, even with
  `runAsNonRoot: true` (the kubelet then refuses to start the container).
- Otherwise the container passes when the effective `runAsNonRoot` is `true` or the effective
  `runAsUser` is a non-zero UID.
- Otherwise it is reported: at an explicit `runAsNonRoot: false` (the message says whether the
  pod or the container sets it), or, when neither is set, at the container's `securityContext`
  key or its `name:` entry.

Unlike some peers, berth does not demand a UID above 10000 and honours pod-level settings. It
cannot see the image's `USER`, so an image that runs as non-root by itself is still reported
until the manifest says so.

## Why is this bad?
Root in the container is root on the node's kernel: together with any misconfiguration
(writable host mounts, extra capabilities, a kernel bug) it is a short path to the node.
`runAsNonRoot: true` makes the kubelet refuse to start an image that would run as root.

## Example
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    runAsNonRoot: false
  containers:
  - name: web
    image: nginx:1.27
```

## Use instead
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    runAsNonRoot: true
    runAsUser: 10001
  containers:
  - name: web
    image: nginxinc/nginx-unprivileged:1.27
```

## Options
None.

## References
- [Kubernetes: Configure a Security Context (runAsNonRoot, runAsUser)](https://kubernetes.io/docs/tasks/configure-pod-container/security-context/)
- [Pod Security Standards: Restricted, running as non-root](https://kubernetes.io/docs/concepts/security/pod-security-standards/)
)md",
        .tags = {"security"},
        .security_severity = "6.0",
        .aliases = {{"kube-linter", "run-as-non-root"},
                    {"checkov", "CKV_K8S_23"},
                    {"trivy", "KSV-0012"},
                    {"trivy", "KSV-0020"}},
    };
    return info;
  }

  void check_kubernetes(const k8s::ManifestFile& file, RuleContext& context) const override {
    k8s::for_each_container(file, [&](const k8s::Object& object, const k8s::PodSpec& pod,
                                      const k8s::Container& container) {
      const std::string who = pod_security::describe(container);
      const k8s::SecurityField& user = container.security.run_as_user;
      const k8s::SecurityField& non_root = container.security.run_as_non_root;
      if (user.as_int() == 0) {
        pod_security::report(context, pod_security::value_span(user, container, pod),
                             who + " runs as root" + pod_security::origin(user, "runAsUser"),
                             object, &container);
        return;
      }
      if (non_root.as_bool() == true) return;
      if (user.as_int() && *user.as_int() > 0) return;
      if (non_root.is_set()) {
        pod_security::report(context, pod_security::value_span(non_root, container, pod),
                             who + " may run as root" +
                                 pod_security::origin(non_root, "runAsNonRoot") +
                                 " and no non-zero runAsUser is set",
                             object, &container);
        return;
      }
      pod_security::report(context, pod_security::missing_field_span(container),
                           who +
                               " may run as root: neither the container nor the pod sets "
                               "runAsNonRoot: true or a non-zero runAsUser",
                           object, &container);
    });
  }
};

}  // namespace

const Rule& rule_K8S103() {
  static const RunsAsRootRule rule;
  return rule;
}

}  // namespace berth::rules
