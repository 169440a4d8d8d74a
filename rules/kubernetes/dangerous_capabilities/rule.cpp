// K8S104 dangerous-capabilities: capabilities.add with a capability that breaks isolation.
#include <array>

#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"
#include "rules/support/pod_security.h"

namespace berth::rules {
namespace {

struct DangerousCapability {
  std::string_view name;
  std::string_view why;
};

constexpr std::array<DangerousCapability, 10> kDangerous{{
    {"ALL", "every capability"},
    {"SYS_ADMIN", "mount, namespaces and most of root's powers"},
    {"NET_ADMIN", "reconfigures networking: interfaces, routes, iptables"},
    {"NET_RAW", "raw sockets: spoofing and ARP/DNS attacks on other pods"},
    {"SYS_PTRACE", "traces and injects code into other processes"},
    {"SYS_MODULE", "loads kernel modules"},
    {"DAC_READ_SEARCH", "reads any file, the classic container escape"},
    {"BPF", "loads eBPF programs into the kernel"},
    {"PERFMON", "kernel performance monitoring and eBPF tracing"},
    {"SYS_RAWIO", "raw device and I/O port access"},
}};

class DangerousCapabilitiesRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "K8S104",
        .name = "dangerous-capabilities",
        .target = RuleTarget::Kubernetes,
        .severity = Severity::Error,
        .summary = "A container adds a Linux capability that breaks isolation",
        .docs = R"md(## What it does
Reports each item of a container's `securityContext.capabilities.add` that is one of `ALL`,
`SYS_ADMIN`, `NET_ADMIN`, `NET_RAW`, `SYS_PTRACE`, `SYS_MODULE`, `DAC_READ_SEARCH`, `BPF`,
`PERFMON` or `SYS_RAWIO`, in every container, init container and ephemeral container. Names are
matched as the container runtimes read them: case-insensitive, with or without the `CAP_`
prefix. One finding per item, at the item. Capabilities exist only on the container's
securityContext.

## Why is this bad?
Each of these gives a process in the container power over the node or its neighbours:
`SYS_ADMIN` is nearly root, `SYS_MODULE` and `BPF` run code in the kernel, `DAC_READ_SEARCH`
and `SYS_PTRACE` have been used for container escapes, `NET_RAW` and `NET_ADMIN` allow
spoofing and traffic interception inside the cluster network.

## Example
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: tool
spec:
  containers:
  - name: tool
    image: tool:1.0
    securityContext:
      capabilities:
        add: [SYS_ADMIN, NET_BIND_SERVICE]
```

## Use instead
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: tool
spec:
  containers:
  - name: tool
    image: tool:1.0
    securityContext:
      capabilities:
        drop: [ALL]
        add: [NET_BIND_SERVICE]
```

## Options
None.

## References
- [capabilities(7)](https://man7.org/linux/man-pages/man7/capabilities.7.html)
- [Pod Security Standards: Baseline, capabilities](https://kubernetes.io/docs/concepts/security/pod-security-standards/)
)md",
        .tags = {"security"},
        .security_severity = "8.0",
        .aliases = {{"checkov", "CKV_K8S_39"},
                    {"trivy", "KSV-0005"},
                    {"polaris", "dangerousCapabilities"}},
    };
    return info;
  }

  void check_kubernetes(const k8s::ManifestFile& file, RuleContext& context) const override {
    k8s::for_each_container(
        file, [&](const k8s::Object& object, const k8s::PodSpec&, const k8s::Container& container) {
          const yaml::Node* added = pod_security::capability_list(container, "add");
          if (!added) return;
          for (const yaml::Node* item : added->items) {
            if (!item->is_scalar()) continue;
            const std::string name = pod_security::normalized_capability(item->value);
            for (const DangerousCapability& dangerous : kDangerous) {
              if (dangerous.name != name) continue;
              pod_security::report(context, item->span,
                                   pod_security::describe(container) + " adds capability " +
                                       item->value + " (" + std::string(dangerous.why) + ")",
                                   object, &container);
            }
          }
        });
  }
};

}  // namespace

const Rule& rule_K8S104() {
  static const DangerousCapabilitiesRule rule;
  return rule;
}

}  // namespace berth::rules
