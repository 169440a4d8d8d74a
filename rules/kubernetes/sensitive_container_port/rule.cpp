// K8S305 sensitive-container-port: a containerPort of a remote-administration service.
#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"
#include "rules/support/pod_security.h"

namespace berth::rules {
namespace {

std::string_view sensitive_service(int64_t port) {
  switch (port) {
    case 22:
      return "SSH";
    case 23:
      return "Telnet";
    case 2375:
      return "the unencrypted Docker API";
    case 2376:
      return "the Docker API";
    case 3389:
      return "RDP";
    case 5900:
      return "VNC";
    default:
      return "";
  }
}

class SensitivePortExposedRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "K8S305",
        .name = "sensitive-container-port",
        .target = RuleTarget::Kubernetes,
        .severity = Severity::Warning,
        .summary = "A container exposes a remote-administration port",
        .docs = R"md(## What it does
Reports each container port whose `containerPort` is 22 (SSH), 23 (Telnet), 2375 or 2376
(Docker API), 3389 (RDP) or 5900 (VNC), at the port number.

## Why is this bad?
Remote shells and daemon APIs inside a container bypass Kubernetes' access control (`kubectl
exec` is authenticated, authorised and audited; an SSH daemon is not), are favourite targets
of brute-force and worm traffic, and a Docker API port hands out the node to whoever reaches
it.

## Example
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: box
spec:
  containers:
  - name: box
    image: box:1.0
    ports:
    - containerPort: 22
```

## Use instead
Drop the daemon and use `kubectl exec` / `kubectl debug`:
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: box
spec:
  containers:
  - name: box
    image: box:1.0
```

## Options
None.

## References
- [Kubernetes: Get a Shell to a Running Container](https://kubernetes.io/docs/tasks/debug/debug-application/get-shell-running-container/)
- [Docker: Protect the Docker daemon socket](https://docs.docker.com/engine/security/protect-access/)
)md",
        .tags = {"security"},
        .security_severity = "5.0",
        .aliases = {{"kube-linter", "ssh-port"}},
    };
    return info;
  }

  void check_kubernetes(const k8s::ManifestFile& file, RuleContext& context) const override {
    k8s::for_each_container(
        file, [&](const k8s::Object& object, const k8s::PodSpec&, const k8s::Container& container) {
          const yaml::Node* ports = container.ports();
          if (!ports || !ports->is_sequence()) return;
          for (const yaml::Node* port : ports->items) {
            const yaml::Entry* number = port->is_mapping() ? port->entry("containerPort") : nullptr;
            if (!number) continue;
            const std::optional<int64_t> value = number->value->as_int();
            if (!value) continue;
            const std::string_view service = sensitive_service(*value);
            if (service.empty()) continue;
            pod_security::report(context, pod_security::value_span(*number),
                                 pod_security::describe(container) + " exposes port " +
                                     std::to_string(*value) + " (" + std::string(service) + ")",
                                 object, &container);
          }
        });
  }
};

}  // namespace

const Rule& rule_K8S305() {
  static const SensitivePortExposedRule rule;
  return rule;
}

}  // namespace berth::rules
