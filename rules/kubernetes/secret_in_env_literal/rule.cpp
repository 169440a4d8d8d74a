// K8S201 secret-in-env-literal: a container env var that holds a secret as a literal `value`.
#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"
#include "rules/support/k8s_secrets.h"
#include "rules/support/pod_security.h"

namespace berth::rules {
namespace {

class SecretInEnvLiteralRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "K8S201",
        .name = "secret-in-env-literal",
        .target = RuleTarget::Kubernetes,
        .severity = Severity::Error,
        .summary = "Container env var holding a secret as a literal `value`",
        .docs = R"md(## What it does
Reports an `env` entry of a container, init container or ephemeral container whose literal
`value`
- contains a well-known credential, whatever the variable is called: an AWS access key id,
  a GitHub, GitLab or Slack token, a Stripe live key, a Google API key, a PEM private key,
  a JSON Web Token, or a URL with a password (`postgres://app:s3cret@db/app`); or
- is given to a variable whose name looks secret, using the same word list as the
  Dockerfile rule DF301: PASSWORD, PASSWD, SECRET, TOKEN, API_KEY, PRIVATE_KEY, ACCESS_KEY,
  CREDENTIAL(S), AUTH, ... as a whole word of the name (`DB_PASSWORD`, `authToken`), but not
  names that say where or what kind of secret is used (`*_FILE`, `*_PATH`, `*_URL`,
  `*_NAME`, `*_USER`, `*_ENABLED`, `PUBLIC_*`, ...).

Values that leak nothing are not reported: empty values, references to other variables
(`$(DB_PASSWORD)`), file paths (`/var/run/secrets/db`), and obvious placeholders
(`changeme`, `<token>`, `xxxx`). Variables that take their value from `valueFrom`
(`secretKeyRef`, `configMapKeyRef`, `fieldRef`) or `envFrom` are what this rule asks for and
are never reported.

The finding points at the value (at the credential itself when it can), and its message
names the variable but never prints the secret: credential matches are shown redacted.

## Why is this bad?
A literal in a manifest lives in version control, in every clone, in CI logs and in the
object stored by the API server, readable by anyone who can `get` the workload: rotating it
means rewriting history. Kubernetes Secrets can be access-controlled separately, encrypted
at rest, and rotated without touching the workload definition.

## Example
```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: api
          image: registry.example.com/api:1.4.2
          env:
            - name: DB_PASSWORD
              value: hunter2-but-longer
```

## Use instead
```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: api
          image: registry.example.com/api:1.4.2
          env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef: {name: api-db, key: password}
```

## Options
None.

## References
- [Kubernetes: using Secrets as environment variables](https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables)
- [Kubernetes: good practices for Secrets](https://kubernetes.io/docs/concepts/security/secrets-good-practices/)
- [kube-linter `env-var-secret`](https://docs.kubelinter.io/#/generated/checks?id=env-var-secret)
- [Polaris `sensitiveContainerEnvVar`](https://polaris.docs.fairwinds.com/checks/security/)
)md",
        .tags = {"security", "secrets"},
        .security_severity = "8.0",
        .aliases = {{"kube-linter", "env-var-secret"}, {"polaris", "sensitiveContainerEnvVar"}},
    };
    return info;
  }

  void check_kubernetes(const k8s::ManifestFile& file, RuleContext& context) const override {
    const std::string_view source = context.source().text();
    k8s::for_each_container(
        file, [&](const k8s::Object& object, const k8s::PodSpec&, const k8s::Container& container) {
          const yaml::Node* env = container.env();
          if (!env || !env->is_sequence()) return;  // a wrong shape is K8S002's
          for (const yaml::Node* variable : env->items) {
            if (!variable->is_mapping() || variable->get("valueFrom")) continue;
            const yaml::Node* name = variable->get("name");
            const yaml::Entry* value = variable->entry("value");
            if (!name || !name->is_scalar() || !value) continue;
            const std::optional<k8s_secrets::Verdict> verdict =
                k8s_secrets::judge(name->value, *value, source);
            if (!verdict) continue;
            context.mark_secret(value->value->span);
            context.mark_secret(verdict->span);
            Finding& finding = context.report(
                verdict->span, pod_security::describe(container) + " env var " + name->value + " " +
                                   verdict->reason + "; use valueFrom.secretKeyRef");
            finding.logical = k8s::logical_location(object, &container);
          }
        });
  }
};

}  // namespace

const Rule& rule_K8S201() {
  static const SecretInEnvLiteralRule rule;
  return rule;
}

}  // namespace berth::rules
