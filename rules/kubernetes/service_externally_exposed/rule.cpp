// K8S303 service-externally-exposed: a Service of type NodePort or LoadBalancer, or one with
// externalIPs.
#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"

namespace berth::rules {
namespace {

class ServiceExternallyExposedRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "K8S303",
        .name = "service-externally-exposed",
        .target = RuleTarget::Kubernetes,
        .severity = Severity::Info,
        .summary = "Service of type NodePort or LoadBalancer, or with `externalIPs`",
        .docs = R"md(## What it does
Reports a core `v1` Service whose `spec.type` is `NodePort` or `LoadBalancer` (on the type's
value), and one whose `spec.externalIPs` lists any address (on the `externalIPs` key). A
Service with both gets both findings. Services of other API groups with the same kind
(a Knative `serving.knative.dev` Service) are not Services in this sense and are ignored.

## Why is this bad?
A NodePort opens the port on every node of the cluster, and a LoadBalancer usually gives the
Service a public address: either bypasses the Ingress or gateway where TLS, authentication
and rate limits are enforced. `externalIPs` lets whoever can create a Service capture
traffic for an address (CVE-2020-8554). Exposure is sometimes intended; this finding makes
it a reviewed decision rather than an accident.

## Example
```yaml
apiVersion: v1
kind: Service
metadata:
  name: admin
spec:
  type: LoadBalancer
  selector: {app: admin}
  ports:
    - port: 443
```

## Use instead
```yaml
apiVersion: v1
kind: Service
metadata:
  name: admin
spec:
  type: ClusterIP
  selector: {app: admin}
  ports:
    - port: 443
```
and publish it through an Ingress or Gateway, or restrict it with
`loadBalancerSourceRanges` and suppress the finding with a reason
(`# berth ignore=K8S303 -- public API behind the cloud WAF`).

## Options
None.

## References
- [Kubernetes: Service types](https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types)
- [CVE-2020-8554: man in the middle using LoadBalancer or ExternalIPs](https://github.com/kubernetes/kubernetes/issues/97076)
- [kube-linter `exposed-services`](https://docs.kubelinter.io/#/generated/checks?id=exposed-services)
- [Trivy KSV-0108](https://avd.aquasec.com/misconfig/ksv108)
)md",
        .tags = {"security", "networking"},
        .security_severity = "4.0",
        .aliases = {{"kube-linter", "exposed-services"}, {"trivy", "KSV-0108"}},
    };
    return info;
  }

  void check_kubernetes(const k8s::ManifestFile& file, RuleContext& context) const override {
    for (const k8s::Object& object : file.objects) {
      if (!object.is("", "Service")) continue;
      const yaml::Node* spec = object.field("spec");
      if (!spec || !spec->is_mapping()) continue;
      const yaml::Node* type = spec->get("type");
      if (type && type->is_scalar() &&
          (type->value == "NodePort" || type->value == "LoadBalancer")) {
        Finding& finding =
            context.report(type->span, "Service '" + object.name + "' has type " + type->value +
                                           ", which exposes it outside the cluster");
        finding.logical = k8s::logical_location(object);
      }
      const yaml::Entry* external_ips = spec->entry("externalIPs");
      if (external_ips && external_ips->value->is_sequence() &&
          !external_ips->value->items.empty()) {
        Finding& finding = context.report(
            external_ips->key->span, "Service '" + object.name + "' has externalIPs, which route " +
                                         "traffic for those addresses to it");
        finding.logical = k8s::logical_location(object);
      }
    }
  }
};

}  // namespace

const Rule& rule_K8S303() {
  static const ServiceExternallyExposedRule rule;
  return rule;
}

}  // namespace berth::rules
