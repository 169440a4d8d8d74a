// K8S107 host-namespace-shared: hostNetwork, hostPID or hostIPC set to true.
#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"
#include "rules/support/pod_security.h"

namespace berth::rules {
namespace {

struct HostNamespace {
  std::string_view field;
  std::string_view consequence;
};

constexpr HostNamespace kHostNamespaces[] = {
    {"hostNetwork", "sees and binds the node's network interfaces, bypassing NetworkPolicies"},
    {"hostPID", "sees and signals every process on the node"},
    {"hostIPC", "shares the node's IPC namespace (shared memory, semaphores)"},
};

class HostNamespaceSharedRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "K8S107",
        .name = "host-namespace-shared",
        .target = RuleTarget::Kubernetes,
        .severity = Severity::Error,
        .summary = "A pod shares the node's network, PID or IPC namespace",
        .docs = R"md(## What it does
Reports `hostNetwork: true`, `hostPID: true` and `hostIPC: true` in the pod spec of every
workload kind, one finding per field, at the `true`.

## Why is this bad?
The namespaces are the pod's isolation from the node. With `hostNetwork` the pod uses the
node's interfaces: it can sniff traffic, reach services bound to localhost (the kubelet, cloud
metadata) and NetworkPolicies no longer apply to it. With `hostPID` it can see every process
on the node, read their environment and, with ptrace, inject code. With `hostIPC` it can read
other processes' shared memory.

## Example
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: agent
spec:
  hostNetwork: true
  hostPID: true
  containers:
  - name: agent
    image: agent:1.0
```

## Use instead
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: agent
spec:
  containers:
  - name: agent
    image: agent:1.0
    ports:
    - containerPort: 9100
```
Node agents that need a host namespace (CNI plugins, node exporters) can suppress the finding
with a reason.

## Options
None.

## References
- [Pod Security Standards: Baseline, host namespaces](https://kubernetes.io/docs/concepts/security/pod-security-standards/)
- [Kubernetes: PodSpec (hostNetwork, hostPID, hostIPC)](https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#hostname-and-name-resolution)
)md",
        .tags = {"security"},
        .security_severity = "8.0",
        .aliases = {{"kube-linter", "host-network"},
                    {"kube-linter", "host-pid"},
                    {"kube-linter", "host-ipc"},
                    {"checkov", "CKV_K8S_17"},
                    {"checkov", "CKV_K8S_18"},
                    {"checkov", "CKV_K8S_19"},
                    {"trivy", "KSV-0008"},
                    {"trivy", "KSV-0009"},
                    {"trivy", "KSV-0010"}},
    };
    return info;
  }

  void check_kubernetes(const k8s::ManifestFile& file, RuleContext& context) const override {
    k8s::for_each_pod_spec(file, [&](const k8s::Object& object, const k8s::PodSpec& pod) {
      for (const HostNamespace& host : kHostNamespaces) {
        const yaml::Entry* entry = pod.spec->entry(host.field);
        if (!entry || entry->value->as_bool() != true) continue;
        pod_security::report(context, pod_security::value_span(*entry),
                             "the pod sets " + std::string(host.field) + ": true: it " +
                                 std::string(host.consequence),
                             object, nullptr);
      }
    });
  }
};

}  // namespace

const Rule& rule_K8S107() {
  static const HostNamespaceSharedRule rule;
  return rule;
}

}  // namespace berth::rules
