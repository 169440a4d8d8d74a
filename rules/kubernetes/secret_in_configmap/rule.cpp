// K8S202 secret-in-configmap: a ConfigMap `data` entry that holds a secret.
#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"
#include "rules/support/k8s_secrets.h"

namespace berth::rules {
namespace {

class SecretInConfigMapRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "K8S202",
        .name = "secret-in-configmap",
        .target = RuleTarget::Kubernetes,
        .severity = Severity::Error,
        .summary = "ConfigMap `data` entry holding a secret",
        .docs = R"md(## What it does
Reports an entry of a core `v1` ConfigMap's `data` whose value
- contains a well-known credential anywhere, including inside an embedded configuration
  file: an AWS access key id, a GitHub, GitLab or Slack token, a Stripe live key, a Google
  API key, a PEM private key, a JSON Web Token, or a URL with a password
  (`postgres://app:s3cret@db/app`); or
- is a literal given to a key whose name looks secret (`DB_PASSWORD`, `api.token`,
  `clientSecret`), with the word list and exceptions of the Dockerfile rule DF301.

Values that leak nothing are not reported: empty values, variable references, file paths
and obvious placeholders (`changeme`, `<token>`). `binaryData` is not inspected (it is
opaque base64 content such as keystores and images). Secret objects are, of course, never
reported.

The finding points at the value (at the credential itself when it is written verbatim), and
its message names the key but never prints the secret: credential matches are shown
redacted.

## Why is this bad?
ConfigMaps are meant for non-confidential data: RBAC roles commonly grant `get` and `list` on
them to every developer and many controllers, they are not encrypted at rest by the usual
KMS configuration, and their content is printed by `kubectl describe`. A credential in one
is readable by far more people and processes than intended, and lives in the repository's
history.

## Example
```yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: api
data:
  DATABASE_URL: postgres://app:s3cretpassw0rd@db.internal:5432/app
  SMTP_PASSWORD: hunter2-but-longer
```

## Use instead
```yaml
apiVersion: v1
kind: Secret
metadata:
  name: api
type: Opaque
stringData:
  DATABASE_URL: postgres://app:s3cretpassw0rd@db.internal:5432/app
  SMTP_PASSWORD: hunter2-but-longer
```
kept out of the repository (Sealed Secrets, SOPS, External Secrets), with the non-secret
settings left in the ConfigMap.

## Options
None.

## References
- [Kubernetes: ConfigMaps](https://kubernetes.io/docs/concepts/configuration/configmap/)
- [Kubernetes: good practices for Secrets](https://kubernetes.io/docs/concepts/security/secrets-good-practices/)
- [Polaris `sensitiveConfigmapContent`](https://polaris.docs.fairwinds.com/checks/security/)
- [Trivy KSV-0109](https://avd.aquasec.com/misconfig/ksv109)
)md",
        .tags = {"security", "secrets"},
        .security_severity = "8.0",
        .aliases = {{"polaris", "sensitiveConfigmapContent"}, {"trivy", "KSV-0109"}},
    };
    return info;
  }

  void check_kubernetes(const k8s::ManifestFile& file, RuleContext& context) const override {
    const std::string_view source = context.source().text();
    for (const k8s::Object& object : file.objects) {
      if (!object.is("", "ConfigMap")) continue;
      const yaml::Node* data = object.field("data");
      if (!data || !data->is_mapping()) continue;
      for (const yaml::Entry& entry : data->entries) {
        if (!entry.key->is_scalar()) continue;
        const std::optional<k8s_secrets::Verdict> verdict =
            k8s_secrets::judge(entry.key->value, entry, source);
        if (!verdict) continue;
        context.mark_secret(entry.value->span);
        context.mark_secret(verdict->span);
        Finding& finding = context.report(
            verdict->span, "ConfigMap '" + object.name + "' key " + entry.key->value + " " +
                               verdict->reason + "; move it to a Secret");
        finding.logical = k8s::logical_location(object);
      }
    }
  }
};

}  // namespace

const Rule& rule_K8S202() {
  static const SecretInConfigMapRule rule;
  return rule;
}

}  // namespace berth::rules
