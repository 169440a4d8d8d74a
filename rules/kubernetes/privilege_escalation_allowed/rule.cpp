// K8S102 privilege-escalation-allowed: a container whose effective allowPrivilegeEscalation is
// not false (unset, true, or implied by privileged / CAP_SYS_ADMIN).
#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"
#include "rules/support/pod_security.h"

namespace berth::rules {
namespace {

// The API treats escalation as always allowed for these, and rejects
// `allowPrivilegeEscalation: false` next to them.
const yaml::Node* implied_by_capability(const k8s::Container& container) {
  const yaml::Node* added = pod_security::capability_list(container, "add");
  if (!added) return nullptr;
  for (const yaml::Node* item : added->items) {
    if (!item->is_scalar()) continue;
    const std::string capability = pod_security::normalized_capability(item->value);
    if (capability == "SYS_ADMIN" || capability == "ALL") return item;
  }
  return nullptr;
}

class PrivilegeEscalationAllowedRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "K8S102",
        .name = "privilege-escalation-allowed",
        .target = RuleTarget::Kubernetes,
        .severity = Severity::Warning,
        .summary = "A container may gain more privileges than its parent process",
        .docs = R"md(## What it does
Reports every container (init and ephemeral containers included) whose effective
`allowPrivilegeEscalation` is not `false`:

- set to `true` (or anything but `false`): the finding points at the value;
- not set: Kubernetes' default allows escalation. The finding points at the container's
  `securityContext` key, or at its `name:` entry when it has no securityContext;
- implied: `privileged: true` or an added `SYS_ADMIN` (or `ALL`) capability always allow
  escalation, and the API rejects `allowPrivilegeEscalation: false` next to them. The finding
  points at the `privileged` value or the capability, and has no fix: remove the privilege
  (K8S101, K8S104) instead.

`allowPrivilegeEscalation` exists only on the container's securityContext. Pods with
`spec.os.name: windows` are skipped: the field is Linux-only and the API forbids it there.

The fix sets `allowPrivilegeEscalation: false` in the container's securityContext (replacing a
wrong value, creating the securityContext when needed, in the file's block or flow style). It
is marked safe: it sets the kernel's `no_new_privs` flag, which only stops setuid/setgid
binaries and file capabilities from raising privileges; entrypoints that step down from root
(`gosu`, `su-exec`, `setpriv`) keep working. Images that rely on `sudo` or setuid helpers at
run time do break.

## Why is this bad?
Without `no_new_privs`, a process in the container can gain privileges through setuid
binaries or file capabilities: an attacker with code execution as an unprivileged user can
become root in the container, the first step of most container escapes.

## Example
```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
```

## Use instead
```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        securityContext:
          allowPrivilegeEscalation: false
```

## Options
None.

## References
- [Kubernetes: Configure a Security Context (allowPrivilegeEscalation)](https://kubernetes.io/docs/tasks/configure-pod-container/security-context/)
- [Pod Security Standards: Restricted, privilege escalation](https://kubernetes.io/docs/concepts/security/pod-security-standards/)
- [Linux `no_new_privs`](https://docs.kernel.org/userspace-api/no_new_privs.html)
)md",
        .tags = {"security"},
        .security_severity = "6.0",
        .aliases = {{"kube-linter", "privilege-escalation-container"},
                    {"checkov", "CKV_K8S_20"},
                    {"trivy", "KSV-0001"}},
        .has_fix = true,
    };
    return info;
  }

  void check_kubernetes(const k8s::ManifestFile& file, RuleContext& context) const override {
    k8s::for_each_container(file, [&](const k8s::Object& object, const k8s::PodSpec& pod,
                                      const k8s::Container& container) {
      if (pod_security::is_windows(pod)) return;
      const std::string who = pod_security::describe(container);
      const k8s::SecurityField& escalation = container.security.allow_privilege_escalation;
      const bool explicitly_false = escalation.as_bool() == false;
      if (container.security.privileged.as_bool() == true) {
        pod_security::report(
            context, pod_security::value_span(container.security.privileged, container, pod),
            who + " can escalate privileges: privileged: true always allows it" +
                (explicitly_false ? " (the API rejects allowPrivilegeEscalation: false here)" : ""),
            object, &container);
        return;
      }
      if (const yaml::Node* capability = implied_by_capability(container)) {
        pod_security::report(
            context, capability->span,
            who + " can escalate privileges: capability " + capability->value +
                " always allows it" +
                (explicitly_false ? " (the API rejects allowPrivilegeEscalation: false here)" : ""),
            object, &container);
        return;
      }
      if (explicitly_false) return;
      std::optional<Fix> fix = pod_security::container_security_fix(
          context.source(), container, {"allowPrivilegeEscalation"},
          yaml_edit::Value::scalar("false"), "Set allowPrivilegeEscalation: false", true);
      if (escalation.is_set()) {
        pod_security::report(context, pod_security::value_span(escalation, container, pod),
                             who + " allows privilege escalation" +
                                 pod_security::origin(escalation, "allowPrivilegeEscalation"),
                             object, &container, std::move(fix));
        return;
      }
      pod_security::report(context, pod_security::missing_field_span(container),
                           who +
                               " does not set allowPrivilegeEscalation: false (the default "
                               "allows setuid binaries to gain privileges)",
                           object, &container, std::move(fix));
    });
  }
};

}  // namespace

const Rule& rule_K8S102() {
  static const PrivilegeEscalationAllowedRule rule;
  return rule;
}

}  // namespace berth::rules
