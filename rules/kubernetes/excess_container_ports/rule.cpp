// K8S302 excess-container-ports: a container declares more ports than `max-ports`.
#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"
#include "rules/support/pod_security.h"

namespace berth::rules {
namespace {

class ExcessContainerPortsRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "K8S302",
        .name = "excess-container-ports",
        .target = RuleTarget::Kubernetes,
        .severity = Severity::Info,
        .summary = "A container declares many ports",
        .docs = R"md(## What it does
Reports a container (or init container) whose `ports` list has more items than the option
`max-ports` (default 4), at the `ports` key.

## Why is this bad?
Every declared port is a way in. A container that needs many is often several services in
one (better split into containers with their own ports and probes), or exposes debug and admin
ports next to the service port, which then end up reachable through Services and Ingresses.

## Example
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
  - name: app
    image: app:1.0
    ports:
    - containerPort: 8080
    - containerPort: 8081
    - containerPort: 8443
    - containerPort: 9090
    - containerPort: 5005
```

## Use instead
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
  - name: app
    image: app:1.0
    ports:
    - {name: http, containerPort: 8080}
    - {name: metrics, containerPort: 9090}
```

## Options
- `max-ports` (int, default 4): the largest number of ports a container may declare without a
  finding.

## References
- [Kubernetes: ContainerPort v1 core](https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#ports)
)md",
        .tags = {"best-practice"},
        .options = {{"max-ports", OptionType::Int, "4",
                     "The largest number of ports a container may declare"}},
    };
    return info;
  }

  void check_kubernetes(const k8s::ManifestFile& file, RuleContext& context) const override {
    const int64_t max_ports = context.int_option("max-ports", 4);
    k8s::for_each_container(
        file, [&](const k8s::Object& object, const k8s::PodSpec&, const k8s::Container& container) {
          const yaml::Entry* ports = container.node->entry("ports");
          if (!ports || !ports->value->is_sequence()) return;
          const auto count = static_cast<int64_t>(ports->value->items.size());
          if (count <= max_ports) return;
          pod_security::report(context, ports->key->span,
                               pod_security::describe(container) + " declares " +
                                   std::to_string(count) + " ports (max-ports is " +
                                   std::to_string(max_ports) + ")",
                               object, &container);
        });
  }
};

}  // namespace

const Rule& rule_K8S302() {
  static const ExcessContainerPortsRule rule;
  return rule;
}

}  // namespace berth::rules
