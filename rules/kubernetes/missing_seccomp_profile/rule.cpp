// K8S109 missing-seccomp-profile: no effective RuntimeDefault/Localhost seccomp profile.
#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"
#include "rules/support/pod_security.h"

namespace berth::rules {
namespace {

// The deprecated annotations stopped working in Kubernetes 1.27; worth naming in the message.
bool has_legacy_annotation(const k8s::PodSpec& pod, const k8s::Container& container) {
  for (const k8s::MetadataEntry& annotation : pod.template_annotations) {
    if (annotation.key == "seccomp.security.alpha.kubernetes.io/pod" ||
        annotation.key == "container.seccomp.security.alpha.kubernetes.io/" + container.name) {
      return true;
    }
  }
  return false;
}

class MissingSeccompProfileRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "K8S109",
        .name = "missing-seccomp-profile",
        .target = RuleTarget::Kubernetes,
        .severity = Severity::Info,
        .summary = "A container runs without a seccomp profile",
        .docs = R"md(## What it does
Reports every container (init and ephemeral containers included) whose effective
`securityContext.seccompProfile.type` is not `RuntimeDefault` or `Localhost`. The container's
`seccompProfile` wins; otherwise the pod's applies, so one pod-level profile covers every
container.

- `type: Unconfined` is reported at the value, as a **warning** (when the configuration leaves
  the rule at its default severity): it switches the filter off on purpose.
- No profile at all is reported at the container's `securityContext` key or its `name:` entry.

The pre-1.19 annotations `seccomp.security.alpha.kubernetes.io/pod` and
`container.seccomp.security.alpha.kubernetes.io/<name>` are not honoured: Kubernetes 1.27
removed their support, so they no longer apply a profile (the message says so when one is
present). Pods with `spec.os.name: windows` are skipped.

## Why is this bad?
Kubernetes runs containers `Unconfined` unless a profile is set (or the kubelet's
`--seccomp-default` is on, which manifests cannot rely on). The runtime's default profile
blocks about 50 rarely needed system calls, which removes a large part of the kernel attack
surface used by container escapes, at no cost for almost all applications.

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
```

## Use instead
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    seccompProfile:
      type: RuntimeDefault
  containers:
  - name: web
    image: nginx:1.27
```

## Options
None.

## References
- [Kubernetes: Restrict a Container's Syscalls with seccomp](https://kubernetes.io/docs/tutorials/security/seccomp/)
- [Pod Security Standards: Restricted, seccomp](https://kubernetes.io/docs/concepts/security/pod-security-standards/)
)md",
        .tags = {"security"},
        .security_severity = "4.0",
        .aliases = {{"checkov", "CKV_K8S_31"}, {"trivy", "KSV-0030"}},
    };
    return info;
  }

  void check_kubernetes(const k8s::ManifestFile& file, RuleContext& context) const override {
    k8s::for_each_container(file, [&](const k8s::Object& object, const k8s::PodSpec& pod,
                                      const k8s::Container& container) {
      if (pod_security::is_windows(pod)) return;
      const std::string who = pod_security::describe(container);
      const k8s::SecurityField& profile = container.security.seccomp_profile;
      const yaml::Entry* type =
          profile.value && profile.value->is_mapping() ? profile.value->entry("type") : nullptr;
      if (type && type->value->is_scalar()) {
        const std::string& value = type->value->value;
        if (value == "RuntimeDefault" || value == "Localhost") return;
        if (value == "Unconfined") {
          Finding& finding = pod_security::report(
              context, pod_security::value_span(*type),
              who + " runs without seccomp filtering (" +
                  (profile.from_pod ? "pod securityContext" : "securityContext") +
                  " sets seccompProfile.type: Unconfined)",
              object, &container);
          // Raised from the default only: a severity the config sets applies to all.
          if (finding.severity == Severity::Info) finding.severity = Severity::Warning;
          return;
        }
      }
      if (profile.is_set()) {
        pod_security::report(context, pod_security::value_span(profile, container, pod),
                             who +
                                 " has no valid seccomp profile type (RuntimeDefault or "
                                 "Localhost)",
                             object, &container);
        return;
      }
      std::string message = who +
                            " has no seccomp profile (set seccompProfile.type: "
                            "RuntimeDefault in the pod or container securityContext)";
      if (has_legacy_annotation(pod, container)) {
        message +=
            "; the seccomp.security.alpha.kubernetes.io annotations have no effect "
            "since Kubernetes 1.27";
      }
      pod_security::report(context, pod_security::missing_field_span(container), std::move(message),
                           object, &container);
    });
  }
};

}  // namespace

const Rule& rule_K8S109() {
  static const MissingSeccompProfileRule rule;
  return rule;
}

}  // namespace berth::rules
