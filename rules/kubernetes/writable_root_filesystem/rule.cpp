// K8S106 writable-root-filesystem: a container whose effective readOnlyRootFilesystem is not true.
#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"
#include "rules/support/pod_security.h"

namespace berth::rules {
namespace {

class WritableRootFilesystemRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "K8S106",
        .name = "writable-root-filesystem",
        .target = RuleTarget::Kubernetes,
        .severity = Severity::Warning,
        .summary = "A container can write to its root filesystem",
        .docs = R"md(## What it does
Reports every container (init and ephemeral containers included) whose
`securityContext.readOnlyRootFilesystem` is not `true`: at the value when it is set to
something else, otherwise at the container's `securityContext` key or its `name:` entry. The
field exists only on the container's securityContext. Pods with `spec.os.name: windows` are
skipped (the API forbids the field there).

The fix sets `readOnlyRootFilesystem: true` in the container's securityContext (replacing a
wrong value, creating the securityContext when needed). It is marked unsafe: applications that
write to `/tmp`, caches or pid files fail until those paths get an `emptyDir` volume.

## Why is this bad?
A writable root filesystem lets an attacker who gets code execution drop tools, modify
binaries or configuration and persist for the life of the container. Immutable containers
also make drift visible: everything the application writes goes to declared volumes.

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
  containers:
  - name: web
    image: nginx:1.27
    securityContext:
      readOnlyRootFilesystem: true
    volumeMounts:
    - {name: tmp, mountPath: /tmp}
  volumes:
  - {name: tmp, emptyDir: {}}
```

## Options
None.

## References
- [Kubernetes: SecurityContext v1 core (readOnlyRootFilesystem)](https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#security-context-1)
- [NSA/CISA Kubernetes Hardening Guide: immutable container file systems](https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF)
)md",
        .tags = {"security"},
        .security_severity = "5.0",
        .aliases = {{"kube-linter", "no-read-only-root-fs"},
                    {"checkov", "CKV_K8S_22"},
                    {"trivy", "KSV-0014"}},
        .has_fix = true,
    };
    return info;
  }

  void check_kubernetes(const k8s::ManifestFile& file, RuleContext& context) const override {
    k8s::for_each_container(file, [&](const k8s::Object& object, const k8s::PodSpec& pod,
                                      const k8s::Container& container) {
      if (pod_security::is_windows(pod)) return;
      const k8s::SecurityField& read_only = container.security.read_only_root_filesystem;
      if (read_only.as_bool() == true) return;
      std::optional<Fix> fix = pod_security::container_security_fix(
          context.source(), container, {"readOnlyRootFilesystem"}, yaml_edit::Value::scalar("true"),
          "Set readOnlyRootFilesystem: true", false);
      const std::string who = pod_security::describe(container);
      if (read_only.is_set()) {
        pod_security::report(context, pod_security::value_span(read_only, container, pod),
                             who + " has a writable root filesystem" +
                                 pod_security::origin(read_only, "readOnlyRootFilesystem"),
                             object, &container, std::move(fix));
        return;
      }
      pod_security::report(context, pod_security::missing_field_span(container),
                           who +
                               " has a writable root filesystem (readOnlyRootFilesystem is "
                               "not set)",
                           object, &container, std::move(fix));
    });
  }
};

}  // namespace

const Rule& rule_K8S106() {
  static const WritableRootFilesystemRule rule;
  return rule;
}

}  // namespace berth::rules
