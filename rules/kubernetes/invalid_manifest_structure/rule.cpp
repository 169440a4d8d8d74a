// K8S002 invalid-manifest-structure: a field the rules read has the wrong shape.
#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"

namespace berth::rules {
namespace {

// The innermost object whose text holds the error, for the SARIF logical location.
const k8s::Object* object_at(const k8s::ManifestFile& file, Span span) {
  const k8s::Object* found = nullptr;
  for (const k8s::Object& object : file.objects) {
    if (object.node->span.contains(span) &&
        (!found || found->node->span.contains(object.node->span))) {
      found = &object;
    }
  }
  return found;
}

class InvalidManifestStructureRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "K8S002",
        .name = "invalid-manifest-structure",
        .target = RuleTarget::Kubernetes,
        .severity = Severity::Error,
        .summary = "A Kubernetes field has the wrong shape",
        .docs = R"md(## What it does
Reports a field of a Kubernetes object that berth's rules depend on and that has the wrong
YAML shape: `containers` that is not a list, a container that is not a mapping, an `image`
that is not a string, a `securityContext` that is a scalar, labels that are not a map of
strings, a malformed label selector, and so on. The finding points at the offending value and
the message gives its path (`spec.template.spec.containers[0].image: expected a string, found
a mapping`). A null value counts as unset, as in the API, and is never reported. Documents that
are not Kubernetes objects (no string `apiVersion` and `kind`) are ignored.

## Why is this bad?
The API server rejects the object, so the manifest does not deploy. Until it is fixed, the
other rules cannot read the field, so its problems stay hidden.

## Example
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    name: web
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
```

## Options
None.

## References
- [Kubernetes API reference: Pod v1](https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/)
)md",
        .tags = {"correctness"},
    };
    return info;
  }

  void check_kubernetes(const k8s::ManifestFile& file, RuleContext& context) const override {
    for (const k8s::ModelError& error : file.shape_errors) {
      Finding& finding = context.report(error.span, error.message);
      if (const k8s::Object* object = object_at(file, error.span)) {
        finding.logical = k8s::logical_location(*object);
      }
    }
  }
};

}  // namespace

const Rule& rule_K8S002() {
  static const InvalidManifestStructureRule rule;
  return rule;
}

}  // namespace berth::rules
