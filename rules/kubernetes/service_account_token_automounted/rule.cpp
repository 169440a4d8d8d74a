// K8S110 service-account-token-automounted: the pod does not set
// automountServiceAccountToken: false.
#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"
#include "rules/support/pod_security.h"

namespace berth::rules {
namespace {

class ServiceAccountTokenAutomountedRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "K8S110",
        .name = "service-account-token-automounted",
        .target = RuleTarget::Kubernetes,
        .severity = Severity::Info,
        .summary = "A pod mounts its service account token",
        .docs = R"md(## What it does
Reports every pod spec (of every workload kind) whose `automountServiceAccountToken` is not
`false`: at the value when it is set to something else, otherwise at the pod spec's `spec` key.
The ServiceAccount object's own `automountServiceAccountToken` is not consulted: the pod's field
overrides it, and the ServiceAccount may not be in the scanned files.

The fix sets `automountServiceAccountToken: false` in the pod spec (replacing a wrong value). It
is marked unsafe: workloads that call the Kubernetes API (operators, controllers, anything
using client-go's in-cluster config) stop working.

## Why is this bad?
Every container of the pod gets a token for the pod's service account at
`/var/run/secrets/kubernetes.io/serviceaccount`. Most applications never talk to the
Kubernetes API; for them the token only helps an attacker, who can use it to explore the
cluster or use whatever RBAC the service account was granted.

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
      automountServiceAccountToken: false
      containers:
      - name: web
        image: nginx:1.27
```

## Options
None.

## References
- [Kubernetes: Configure Service Accounts for Pods (opt out of API credential automounting)](https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting)
)md",
        .tags = {"security"},
        .security_severity = "4.0",
        .aliases = {{"checkov", "CKV_K8S_38"}, {"trivy", "KSV-0036"}},
        .has_fix = true,
    };
    return info;
  }

  void check_kubernetes(const k8s::ManifestFile& file, RuleContext& context) const override {
    k8s::for_each_pod_spec(file, [&](const k8s::Object& object, const k8s::PodSpec& pod) {
      const yaml::Entry* automount = pod.spec->entry("automountServiceAccountToken");
      if (automount && automount->value->as_bool() == false) return;
      std::optional<Fix> fix;
      if (std::optional<TextEdit> edit = yaml_edit::set_path(context.source().text(), *pod.spec,
                                                             {"automountServiceAccountToken"},
                                                             yaml_edit::Value::scalar("false"))) {
        fix = Fix{"Set automountServiceAccountToken: false", false, {std::move(*edit)}};
      }
      if (automount && !automount->value->is_null()) {
        pod_security::report(context, pod_security::value_span(*automount),
                             "the pod mounts its service account token "
                             "(automountServiceAccountToken: " +
                                 pod_security::value_text(automount->value) + ")",
                             object, nullptr, std::move(fix));
        return;
      }
      pod_security::report(context, pod.report_span(),
                           "the pod mounts its service account token "
                           "(automountServiceAccountToken is not set to false)",
                           object, nullptr, std::move(fix));
    });
  }
};

}  // namespace

const Rule& rule_K8S110() {
  static const ServiceAccountTokenAutomountedRule rule;
  return rule;
}

}  // namespace berth::rules
