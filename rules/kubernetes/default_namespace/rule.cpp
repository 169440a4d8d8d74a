// K8S605 default-namespace: a namespaced object with no namespace, or `namespace: default`,
// in a file that otherwise places its objects in namespaces.
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"

namespace berth::rules {
namespace {

// Objects the API server itself keeps in `default` (as Checkov exempts them): exports of them
// are legitimate.
bool is_builtin_default_object(const k8s::Object& object) {
  return (object.is("", "ServiceAccount") && object.name == "default") ||
         (object.is("", "Service") && object.name == "kubernetes");
}

// Every object of the file, including those of documents analysed separately (in file order
// when they are; the verdict does not depend on order).
std::vector<std::reference_wrapper<const k8s::Object>> file_objects(const k8s::ManifestFile& file) {
  std::vector<std::reference_wrapper<const k8s::Object>> all(file.objects.begin(),
                                                             file.objects.end());
  for (const k8s::Object* sibling : file.sibling_objects) all.emplace_back(*sibling);
  return all;
}

// The scope that CustomResourceDefinitions in the same file give their kinds, by (group, kind):
// true for Namespaced. It overrides the built-in list and the `Cluster*` convention.
std::map<std::pair<std::string, std::string>, bool> crd_scopes_in(const k8s::ManifestFile& file) {
  std::map<std::pair<std::string, std::string>, bool> scopes;
  for (const k8s::Object& object : file_objects(file)) {
    if (!object.is("apiextensions.k8s.io", "CustomResourceDefinition")) continue;
    const yaml::Node* spec = object.field("spec");
    if (!spec || !spec->is_mapping()) continue;
    const yaml::Node* group = spec->get("group");
    const yaml::Node* names = spec->get("names");
    const yaml::Node* kind = names ? names->get("kind") : nullptr;
    const yaml::Node* scope = spec->get("scope");
    if (!group || !group->is_scalar() || !kind || !kind->is_scalar() || !scope ||
        !scope->is_scalar()) {
      continue;
    }
    scopes[{group->value, kind->value}] = scope->value == "Namespaced";
  }
  return scopes;
}

class DefaultNamespaceRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "K8S605",
        .name = "default-namespace",
        .target = RuleTarget::Kubernetes,
        .severity = Severity::Info,
        .summary = "Namespaced object with no namespace or `namespace: default`",
        .docs = R"md(## What it does
Reports a namespaced object whose `metadata.namespace` is `default` (on the value), or is
missing or empty (on the object's `name`), in a file where at least one namespaced object
sets a namespace.

The rule judges one file at a time. When no namespaced object in the file sets a namespace,
the file is a namespace-agnostic set (a rendered chart, a kustomize base, an example) meant
to be applied with `kubectl apply -n <namespace>` or `helm install --namespace`, and nothing
is reported: the namespace is chosen at deploy time, not forgotten. Once one object in the
file names a namespace, the ones that do not are probably mistakes, since they land in
whatever namespace the deploying context happens to use. `namespace: default` written out is
reported whenever the file has namespaces at all.

Cluster-scoped kinds are never reported: Namespace, Node, PersistentVolume, ClusterRole,
ClusterRoleBinding, CustomResourceDefinition, StorageClass, PriorityClass, IngressClass,
RuntimeClass, GatewayClass, webhook configurations, APIService, well-known cluster-scoped CRDs
(Kueue ResourceFlavor, Gatekeeper constraints, Kyverno and Calico global policies, ...), any
`Cluster*` kind (ClusterIssuer, ClusterSecretStore, ...), and any kind that a
CustomResourceDefinition in the same file declares with `scope: Cluster`. Nor are the objects
the API server itself keeps in `default`: the ServiceAccount `default` and the Service
`kubernetes`.

## Why is this bad?
The `default` namespace is shared by everything deployed without thought: RBAC bindings,
NetworkPolicies, ResourceQuotas and LimitRanges written for it apply to unrelated
workloads, and Pod Security admission levels cannot be set per application. Objects of one
application split across namespaces also break Services, NetworkPolicies and RoleBindings
that expect them together.

## Example
```yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
  namespace: shop
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: registry.example.com/web:2.1
```

## Use instead
```yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
  namespace: shop
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      containers:
        - name: web
          image: registry.example.com/web:2.1
```
or drop `namespace` from every object of the file and choose it at deploy time.

## Options
None.

## References
- [Kubernetes: namespaces](https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/)
- [CIS Kubernetes Benchmark 5.7.4: the default namespace should not be used](https://www.cisecurity.org/benchmark/kubernetes)
- [kube-linter `use-namespace`](https://docs.kubelinter.io/#/generated/checks?id=use-namespace)
- [Checkov CKV_K8S_21](https://docs.prismacloud.io/en/enterprise-edition/policy-reference/kubernetes-policies/kubernetes-policy-index/bc-k8s-20)
- [Trivy KSV-0110](https://avd.aquasec.com/misconfig/ksv110)
)md",
        .tags = {"best-practice", "security"},
        .security_severity = "2.0",
        .aliases = {{"kube-linter", "use-namespace"},
                    {"checkov", "CKV_K8S_21"},
                    {"trivy", "KSV-0110"}},
    };
    return info;
  }

  void check_kubernetes(const k8s::ManifestFile& file, RuleContext& context) const override {
    const std::map<std::pair<std::string, std::string>, bool> crd_scopes = crd_scopes_in(file);
    auto namespaced = [&](const k8s::Object& object) {
      const auto crd = crd_scopes.find({object.api_group, object.kind});
      if (crd != crd_scopes.end()) return crd->second;
      return !k8s::is_cluster_scoped(object.api_group, object.kind);
    };
    bool file_sets_namespaces = false;
    for (const k8s::Object& object : file_objects(file)) {
      if (namespaced(object) && !object.namespace_.empty()) file_sets_namespaces = true;
    }
    // A file where no object names a namespace is applied with `-n`: nothing to report.
    if (!file_sets_namespaces) return;
    for (const k8s::Object& object : file.objects) {
      if (!namespaced(object) || is_builtin_default_object(object)) continue;
      if (object.namespace_ == "default" && object.namespace_node) {
        Finding& finding =
            context.report(object.namespace_node->span,
                           object.kind + " '" + object.name + "' is in the default namespace");
        finding.logical = k8s::logical_location(object);
      } else if (object.namespace_.empty()) {
        Finding& finding = context.report(
            object.report_span, object.kind + " '" + object.name +
                                    "' has no namespace while other objects in this file set "
                                    "one; it lands in the deploying context's namespace, "
                                    "usually default");
        finding.logical = k8s::logical_location(object);
      }
    }
  }
};

}  // namespace

const Rule& rule_K8S605() {
  static const DefaultNamespaceRule rule;
  return rule;
}

}  // namespace berth::rules
