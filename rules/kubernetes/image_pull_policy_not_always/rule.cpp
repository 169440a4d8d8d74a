// K8S504 image-pull-policy-not-always: an image referenced by tag whose effective
// `imagePullPolicy` is not `Always`.
#include "analyzer/dockerfile/model.h"
#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"
#include "rules/support/image_refs.h"
#include "rules/support/k8s_images.h"
#include "rules/support/pod_security.h"

namespace berth::rules {
namespace {

class ImagePullPolicyNotAlwaysRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "K8S504",
        .name = "image-pull-policy-not-always",
        .target = RuleTarget::Kubernetes,
        .severity = Severity::Info,
        .enabled_by_default = false,
        .summary =
            "Image referenced by tag, not digest, whose effective `imagePullPolicy` is not "
            "`Always`",
        .docs = R"md(## What it does
Reports a container, init container or ephemeral container whose image is referenced by a
tag (any tag: tags can be moved; only a digest cannot) and whose effective
`imagePullPolicy` is not `Always`. The effective policy is the one written, or else the API
server's default: `Always` for `latest` or no tag, `IfNotPresent` for any other tag. So
`nginx:1.27` with no policy is reported, `nginx:latest` with no policy is not (it is
already pulled every time; K8S501 reports the tag itself), and an image pinned by digest is
never reported whatever its policy. Off by default.

The finding sits on the `imagePullPolicy` value when one is written, else on the container.

## Why is this bad?
With `IfNotPresent`, a node keeps running whatever it pulled first under a tag, so pods of
one Deployment can run different content after the tag moves. It also skips the registry
check of `imagePullSecrets`: any pod on the node can start an image that another pod's
credentials pulled.

## Example
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: registry.example.com/web:2.1
      imagePullPolicy: IfNotPresent
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
      image: registry.example.com/web:2.1
      imagePullPolicy: Always
```
or pin the image by digest (`registry.example.com/web:2.1@sha256:…`).

## Options
None.

## References
- [Kubernetes: image pull policy](https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy)
- [Checkov CKV_K8S_15](https://docs.prismacloud.io/en/enterprise-edition/policy-reference/kubernetes-policies/kubernetes-policy-index/bc-k8s-14)
- [Polaris `pullPolicyNotAlways`](https://polaris.docs.fairwinds.com/checks/reliability/)
)md",
        .tags = {"best-practice", "reliability"},
        .aliases = {{"checkov", "CKV_K8S_15"}, {"polaris", "pullPolicyNotAlways"}},
    };
    return info;
  }

  void check_kubernetes(const k8s::ManifestFile& file, RuleContext& context) const override {
    k8s::for_each_container(
        file, [&](const k8s::Object& object, const k8s::PodSpec&, const k8s::Container& container) {
          const std::optional<dockerfile::ImageRef> image = k8s_images::judged_image(container);
          if (!image) return;
          const dockerfile::ImageRef& ref = *image;
          if (!ref.digest.empty()) return;
          const std::string prefix =
              pod_security::describe(container) + " uses image \"" + container.image + "\"";
          const yaml::Node* policy = container.image_pull_policy();
          if (policy && policy->is_scalar()) {
            if (policy->value == "Always") return;
            Finding& finding =
                context.report(pod_security::value_span(*container.node->entry("imagePullPolicy")),
                               prefix + " with imagePullPolicy " + policy->value +
                                   "; a moved tag is not pulled " + "again");
            finding.logical = k8s::logical_location(object, &container);
            return;
          }
          if (policy) return;  // not a string: K8S002's business
          // The API server defaults the policy to Always for these, so they are pulled anyway.
          if (image_refs::has_mutable_tag(ref)) return;
          Finding& finding = context.report(
              container.report_span,
              prefix + " with no imagePullPolicy, which defaults to IfNotPresent for a version " +
                  "tag; a moved tag is not pulled again");
          finding.logical = k8s::logical_location(object, &container);
        });
  }
};

}  // namespace

const Rule& rule_K8S504() {
  static const ImagePullPolicyNotAlwaysRule rule;
  return rule;
}

}  // namespace berth::rules
