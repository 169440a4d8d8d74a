// K8S105 capabilities-not-dropped: a container whose capabilities.drop does not contain ALL.
#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"
#include "rules/support/pod_security.h"

namespace berth::rules {
namespace {

// The `drop` key, else the `capabilities` key, when written in this container's text; else the
// container's missing-field span.
Span report_span(const k8s::Container& container) {
  const yaml::Node* capabilities = container.security.capabilities.value;
  if (capabilities && capabilities->is_mapping()) {
    if (const yaml::Entry* drop = capabilities->entry("drop");
        drop && container.node->span.contains(drop->key->span)) {
      return drop->key->span;
    }
  }
  if (const yaml::Node* key = container.security.capabilities.key;
      key && container.node->span.contains(key->span)) {
    return key->span;
  }
  return pod_security::missing_field_span(container);
}

class CapabilitiesNotDroppedRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "K8S105",
        .name = "capabilities-not-dropped",
        .target = RuleTarget::Kubernetes,
        .severity = Severity::Info,
        .summary = "A container keeps the runtime's default Linux capabilities",
        .docs = R"md(## What it does
Reports every container (init and ephemeral containers included) whose
`securityContext.capabilities.drop` does not contain `ALL` (case-insensitive). The finding
points at the `drop` key when there is one, else at the `capabilities` key, else at the
container's `securityContext` key or its `name:` entry. Pods with `spec.os.name: windows` are
skipped (capabilities are Linux-only).

The fix adds `ALL` to an existing `drop` list, or writes `capabilities: {drop: [ALL]}` into the
container's securityContext (creating it when needed, in the file's style). It is marked
unsafe: images that start as root and chown files, switch users or bind ports below 1024 need
some capabilities back (`add: [CHOWN, SETUID, SETGID, NET_BIND_SERVICE]`), and `--fix` cannot
know which. Capabilities in `add` still apply after `drop: [ALL]`.

## Why is this bad?
Container runtimes grant about 14 capabilities by default (`CHOWN`, `DAC_OVERRIDE`, `FOWNER`,
`SETUID`, `SETGID`, `NET_RAW`, `MKNOD`, ...). Most applications need none of them, and each
one is attack surface after a compromise (`NET_RAW` for spoofing, `DAC_OVERRIDE` to ignore
file permissions).

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
      capabilities:
        drop: [NET_RAW]
```

## Use instead
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
      capabilities:
        drop: [ALL]
        add: [NET_BIND_SERVICE]
```

## Options
None.

## References
- [capabilities(7)](https://man7.org/linux/man-pages/man7/capabilities.7.html)
- [Pod Security Standards: Restricted, capabilities](https://kubernetes.io/docs/concepts/security/pod-security-standards/)
)md",
        .tags = {"security"},
        .security_severity = "3.0",
        .aliases = {{"checkov", "CKV_K8S_37"}, {"trivy", "KSV-0003"}},
        .has_fix = true,
    };
    return info;
  }

  void check_kubernetes(const k8s::ManifestFile& file, RuleContext& context) const override {
    k8s::for_each_container(file, [&](const k8s::Object& object, const k8s::PodSpec& pod,
                                      const k8s::Container& container) {
      if (pod_security::is_windows(pod)) return;
      const yaml::Node* dropped = pod_security::capability_list(container, "drop");
      if (dropped) {
        for (const yaml::Node* item : dropped->items) {
          if (item->is_scalar() && pod_security::normalized_capability(item->value) == "ALL") {
            return;
          }
        }
      }
      std::optional<Fix> fix;
      const std::string title = "Drop all capabilities";
      if (dropped) {
        if (std::optional<TextEdit> edit =
                yaml_edit::append_item(context.source().text(), *dropped, "ALL")) {
          fix = Fix{title, false, {std::move(*edit)}};
        }
      } else {
        fix = pod_security::container_security_fix(context.source(), container,
                                                   {"capabilities", "drop"},
                                                   yaml_edit::Value::scalar("[ALL]"), title, false);
      }
      pod_security::report(context, report_span(container),
                           pod_security::describe(container) +
                               " does not drop all capabilities (capabilities.drop lacks ALL)",
                           object, &container, std::move(fix));
    });
  }
};

}  // namespace

const Rule& rule_K8S105() {
  static const CapabilitiesNotDroppedRule rule;
  return rule;
}

}  // namespace berth::rules
