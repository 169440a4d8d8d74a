// K8S111 unsafe-kernel-settings: sysctls outside Kubernetes' safe set, and procMount: Unmasked.
#include <algorithm>
#include <array>

#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"
#include "rules/support/pod_security.h"

namespace berth::rules {
namespace {

// The kubelet's safe set (https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/).
constexpr std::array<std::string_view, 12> kSafeSysctls{
    "kernel.shm_rmid_forced",
    "net.ipv4.ip_local_port_range",
    "net.ipv4.tcp_syncookies",
    "net.ipv4.ping_group_range",
    "net.ipv4.ip_unprivileged_port_start",
    "net.ipv4.ip_local_reserved_ports",
    "net.ipv4.tcp_keepalive_time",
    "net.ipv4.tcp_fin_timeout",
    "net.ipv4.tcp_keepalive_intvl",
    "net.ipv4.tcp_keepalive_probes",
    "net.ipv4.tcp_rmem",
    "net.ipv4.tcp_wmem",
};

// Sysctl names may use `/` as the separator (`net/ipv4/tcp_syncookies`), as in sysctl.conf.
std::string canonical_sysctl(std::string_view name) {
  std::string out(name);
  std::replace(out.begin(), out.end(), '/', '.');
  return out;
}

class UnsafeKernelSettingsRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "K8S111",
        .name = "unsafe-kernel-settings",
        .target = RuleTarget::Kubernetes,
        .severity = Severity::Warning,
        .summary = "A pod sets unsafe sysctls or unmasks /proc",
        .docs = R"md(## What it does
Reports, in the pod spec of every workload kind:

- each `securityContext.sysctls` item whose name is not in Kubernetes' safe set, at the name.
  The safe set is `kernel.shm_rmid_forced`, `net.ipv4.ip_local_port_range`,
  `net.ipv4.tcp_syncookies`, `net.ipv4.ping_group_range`,
  `net.ipv4.ip_unprivileged_port_start`, `net.ipv4.ip_local_reserved_ports`,
  `net.ipv4.tcp_keepalive_time`, `net.ipv4.tcp_fin_timeout`, `net.ipv4.tcp_keepalive_intvl`,
  `net.ipv4.tcp_keepalive_probes`, `net.ipv4.tcp_rmem` and `net.ipv4.tcp_wmem`; names written
  with `/` separators are compared as with dots;
- each container (init and ephemeral containers included) with
  `securityContext.procMount: Unmasked`, at the value.

## Why is this bad?
Unsafe sysctls are either not namespaced (they change the whole node, for every pod) or can
starve or destabilise the node; the kubelet refuses such pods unless it runs with
`--allowed-unsafe-sysctls`, so they also make scheduling fail on ordinary nodes.
`procMount: Unmasked` removes the runtime's masking of sensitive `/proc` paths
(`/proc/kcore`, `/proc/sys`, ...), exposing kernel information and settings to the container.

## Example
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: cache
spec:
  securityContext:
    sysctls:
    - {name: kernel.msgmax, value: "65536"}
  containers:
  - name: cache
    image: redis:7
    securityContext:
      procMount: Unmasked
```

## Use instead
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: cache
spec:
  securityContext:
    sysctls:
    - {name: net.ipv4.tcp_keepalive_time, value: "600"}
  containers:
  - name: cache
    image: redis:7
```

## Options
None.

## References
- [Kubernetes: Using sysctls in a Kubernetes Cluster](https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/)
- [Pod Security Standards: Baseline, sysctls and /proc mount type](https://kubernetes.io/docs/concepts/security/pod-security-standards/)
)md",
        .tags = {"security"},
        .security_severity = "6.0",
        .aliases = {{"kube-linter", "unsafe-sysctls"}, {"kube-linter", "unsafe-proc-mount"}},
    };
    return info;
  }

  void check_kubernetes(const k8s::ManifestFile& file, RuleContext& context) const override {
    k8s::for_each_pod_spec(file, [&](const k8s::Object& object, const k8s::PodSpec& pod) {
      const yaml::Node* sysctls =
          pod.security_context ? pod.security_context->get("sysctls") : nullptr;
      if (sysctls && sysctls->is_sequence()) {
        for (const yaml::Node* sysctl : sysctls->items) {
          const yaml::Entry* name = sysctl->is_mapping() ? sysctl->entry("name") : nullptr;
          if (!name || !name->value->is_scalar()) continue;
          const std::string canonical = canonical_sysctl(name->value->value);
          if (std::find(kSafeSysctls.begin(), kSafeSysctls.end(), canonical) !=
              kSafeSysctls.end()) {
            continue;
          }
          pod_security::report(context, pod_security::value_span(*name),
                               "the pod sets unsafe sysctl " + name->value->value +
                                   " (not in Kubernetes' safe set: it may affect the whole "
                                   "node, and kubelets reject it by default)",
                               object, nullptr);
        }
      }
      for (const k8s::Container& container : pod.containers) {
        const k8s::SecurityField& proc_mount = container.security.proc_mount;
        if (!proc_mount.value || !proc_mount.value->is_scalar() ||
            proc_mount.value->value != "Unmasked") {
          continue;
        }
        pod_security::report(context, pod_security::value_span(proc_mount, container, pod),
                             pod_security::describe(container) +
                                 " sets procMount: Unmasked (the runtime no longer masks "
                                 "sensitive /proc paths)",
                             object, &container);
      }
    });
  }
};

}  // namespace

const Rule& rule_K8S111() {
  static const UnsafeKernelSettingsRule rule;
  return rule;
}

}  // namespace berth::rules
