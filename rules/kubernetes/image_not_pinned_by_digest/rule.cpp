// K8S502 image-not-pinned-by-digest: a container image without an `@sha256:` digest.
#include "analyzer/dockerfile/model.h"
#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"
#include "rules/support/k8s_images.h"
#include "rules/support/pod_security.h"

namespace berth::rules {
namespace {

class ImageNotPinnedByDigestRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "K8S502",
        .name = "image-not-pinned-by-digest",
        .target = RuleTarget::Kubernetes,
        .severity = Severity::Info,
        .enabled_by_default = false,
        .summary = "Container image without an `@sha256:` digest",
        .docs = R"md(## What it does
Reports every container, init container and ephemeral container whose `image` is not pinned
by digest (`name@sha256:…` or `name:tag@sha256:…`). Images that a later tool substitutes
(`${IMAGE}`) are not judged. Off by default: enable it where every image is built and
promoted by digest.

## Why is this bad?
A tag, even a version tag such as `1.27.3`, can be moved to other content by anyone who can
push to the repository. Only a digest names exactly the bytes that were tested and scanned;
with one, a compromised registry or a re-pushed tag cannot change what runs.

## Example
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27.3
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
      image: nginx:1.27.3@sha256:6af79ae5de407283dcea8b00d5c37ace95441fd58a8b1d2aa1ed93f5511bb18c
```

## Options
None.

## References
- [Kubernetes: image names](https://kubernetes.io/docs/concepts/containers/images/#image-names)
- [Checkov CKV_K8S_43](https://docs.prismacloud.io/en/enterprise-edition/policy-reference/kubernetes-policies/kubernetes-policy-index/bc-k8s-39)
)md",
        .tags = {"security", "supply-chain"},
        .security_severity = "3.0",
        .aliases = {{"checkov", "CKV_K8S_43"}},
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
          Finding& finding = context.report(k8s_images::image_span(container),
                                            pod_security::describe(container) + " uses image \"" +
                                                container.image + "\" without a digest");
          finding.logical = k8s::logical_location(object, &container);
        });
  }
};

}  // namespace

const Rule& rule_K8S502() {
  static const ImageNotPinnedByDigestRule rule;
  return rule;
}

}  // namespace berth::rules
