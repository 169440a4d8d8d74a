// K8S004 duplicate-object: the same API group, kind, namespace and name twice in the scanned
// set.
#include <string_view>
#include <unordered_map>

#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"
#include "rules/support/k8s_cross.h"

namespace berth::rules {
namespace {

// Copies are applied together when they are in one directory: `kubectl apply -f DIR` applies
// the files of one directory (not its subdirectories), and one stream is applied whole.
// Copies in different directories are alternatives (kustomize bases and overlays,
// per-environment variants, samples) that are never applied together.
std::string_view directory_of(std::string_view path) {
  const size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
}

class DuplicateObjectRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "K8S004",
        .name = "duplicate-object",
        .target = RuleTarget::Kubernetes,
        .severity = Severity::Warning,
        .summary = "The same object (API group, kind, namespace, name) defined twice",
        .docs = R"md(## What it does
Reports every definition of an object after the first one, when the files of this run
define two objects with the same API group, kind, namespace and name. Unset namespace and
`namespace: default` are the same namespace; cluster-scoped kinds (Namespace, ClusterRole,
CRDs, ...) ignore the namespace. Objects moved out of the `extensions` group compare with
their current group (`extensions/v1beta1` Deployment = `apps/v1` Deployment), and the API
version within a group does not matter (`apps/v1beta2` and `apps/v1` name the same object).
Objects with only `generateName` never collide.

Copies are compared within one file, and across the files of one directory (what
`kubectl apply -f DIR` applies together). Copies in different directories are alternatives
that are never applied together — kustomize bases and overlays, per-environment variants,
samples — and are not reported.

The finding sits on the later object's `name` and says where the first one is.

## Why is this bad?
`kubectl apply` of both files silently keeps whichever is applied last: one of the two
definitions is dead text that reviewers still read and edit. It is usually a copy-paste
that forgot to rename, or two overlays rendered into one stream.

## Example
```yaml
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: shop}
data: {LOG_LEVEL: info}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: shop}
data: {LOG_LEVEL: debug}
```

## Use instead
Give each object its own name, or keep a single definition:
```yaml
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: shop}
data: {LOG_LEVEL: info}
```

## Options
None.

## References
- [Kubernetes: object names and IDs](https://kubernetes.io/docs/concepts/overview/working-with-objects/names/)
- [Kubernetes: declarative management with kubectl apply](https://kubernetes.io/docs/tasks/manage-kubernetes-objects/declarative-config/)
)md",
        .tags = {"correctness"},
    };
    return info;
  }

  bool is_cross_resource() const override { return true; }

  void check_cross_resource(const k8s::ClusterIndex& index,
                            CrossResourceContext& context) const override {
    for (const auto& group : index.duplicate_objects()) {
      // The first copy in each directory (the group is in path order): a copy elsewhere in
      // the same directory is reported against it. Linear in the group, which can hold
      // hundreds of copies of one sample object.
      std::unordered_map<std::string_view, const k8s::IndexedObject*> first_in_directory;
      for (const k8s::IndexedObject* object_in_group : group) {
        const k8s::IndexedObject& object = *object_in_group;
        const auto [found, added] =
            first_in_directory.try_emplace(directory_of(object.location.path()), &object);
        if (added) continue;
        const k8s::IndexedObject* first = found->second;
        std::string message = cross::describe(object);
        if (!object.cluster_scoped)
          message += " in " + cross::describe_namespace(object.namespace_);
        message += " is defined more than once; first at " + first->location.path() + ":" +
                   std::to_string(first->location.line());
        cross::report(context, object.location, std::move(message), object);
      }
    }
  }
};

}  // namespace

const Rule& rule_K8S004() {
  static const DuplicateObjectRule rule;
  return rule;
}

}  // namespace berth::rules
