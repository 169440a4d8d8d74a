// K8S301 host-port: a container port bound on the node with hostPort.
#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"
#include "rules/support/pod_security.h"

namespace berth::rules {
namespace {

class HostPortRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "K8S301",
        .name = "host-port",
        .target = RuleTarget::Kubernetes,
        .severity = Severity::Warning,
        .summary = "A container port is bound on the node with hostPort",
        .docs = R"md(## What it does
Reports each container port (containers, init containers) with a `hostPort` other than `0`
(which means unset), at the `hostPort` value. Only an explicit `hostPort` is reported: with
`hostNetwork: true` the API fills it in by itself, and K8S107 reports that.

## Why is this bad?
A hostPort opens the port on the node's address, outside Services and, on many CNI plugins,
outside NetworkPolicies. It also limits scheduling: two pods with the same hostPort cannot
share a node, so rollouts and scaling can stall.

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
    ports:
    - containerPort: 80
      hostPort: 8080
```

## Use instead
Expose the pod through a Service (NodePort or LoadBalancer when it must be reachable from
outside the cluster):
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web}
spec:
  containers:
  - name: web
    image: nginx:1.27
    ports:
    - containerPort: 80
```

## Options
None.

## References
- [Kubernetes: Configuration best practices, Services](https://kubernetes.io/docs/concepts/configuration/overview/#services)
- [Pod Security Standards: Baseline, host ports](https://kubernetes.io/docs/concepts/security/pod-security-standards/)
)md",
        .tags = {"security"},
        .security_severity = "5.0",
        .aliases = {{"checkov", "CKV_K8S_26"}, {"trivy", "KSV-0024"}, {"polaris", "hostPortSet"}},
    };
    return info;
  }

  void check_kubernetes(const k8s::ManifestFile& file, RuleContext& context) const override {
    k8s::for_each_container(
        file, [&](const k8s::Object& object, const k8s::PodSpec&, const k8s::Container& container) {
          const yaml::Node* ports = container.ports();
          if (!ports || !ports->is_sequence()) return;
          for (const yaml::Node* port : ports->items) {
            const yaml::Entry* host_port = port->is_mapping() ? port->entry("hostPort") : nullptr;
            if (!host_port || host_port->value->is_null()) continue;
            if (host_port->value->as_int() == 0) continue;
            pod_security::report(context, pod_security::value_span(*host_port),
                                 pod_security::describe(container) + " binds host port " +
                                     pod_security::value_text(host_port->value) + " on the node",
                                 object, &container);
          }
        });
  }
};

}  // namespace

const Rule& rule_K8S301() {
  static const HostPortRule rule;
  return rule;
}

}  // namespace berth::rules
