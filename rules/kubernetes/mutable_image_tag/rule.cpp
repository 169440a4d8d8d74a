// K8S501 mutable-image-tag: a container image with tag `latest` or no tag, and no digest.
#include "analyzer/dockerfile/model.h"
#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"
#include "rules/support/image_refs.h"
#include "rules/support/k8s_images.h"
#include "rules/support/pod_security.h"

namespace berth::rules {
namespace {

class MutableImageTagRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "K8S501",
        .name = "mutable-image-tag",
        .target = RuleTarget::Kubernetes,
        .severity = Severity::Warning,
        .summary = "Container image with tag `latest` or no tag, and no digest",
        .docs = R"md(## What it does
Reports every container, init container and ephemeral container whose `image` has the tag
`latest` or no tag at all, and no `@sha256:` digest. A colon that belongs to a registry port
is not a tag: `localhost:5000/app` has no tag, `localhost:5000/app:1.4` has one. An image
pinned by digest (`app@sha256:…`, `app:latest@sha256:…`) is never reported.

Images that a later tool substitutes (`${IMAGE}`, `$(IMG)`) are not judged, nor is Istio's
`image: auto`, which its sidecar-injection webhook replaces with the proxy image.

## Why is this bad?
`latest` (which is what a missing tag means) points at whatever was pushed last. Two nodes
can run different code for the same Deployment, a rollback re-pulls the broken image, and
nobody can tell from the manifest which version runs. Kubernetes also defaults
`imagePullPolicy` to `Always` for these images, so every pod start depends on the registry
being reachable.

## Example
```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx
        - name: proxy
          image: registry.example.com:5000/proxy:latest
```

## Use instead
```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27.3
        - name: proxy
          image: registry.example.com:5000/proxy:2.4.1@sha256:4f3c…
```

## Options
None.

## References
- [Kubernetes: container images, image names and tags](https://kubernetes.io/docs/concepts/containers/images/#image-names)
- [kube-linter `latest-tag`](https://docs.kubelinter.io/#/generated/checks?id=latest-tag)
- [Checkov CKV_K8S_14](https://docs.prismacloud.io/en/enterprise-edition/policy-reference/kubernetes-policies/kubernetes-policy-index/bc-k8s-13)
- [Trivy KSV-0013](https://avd.aquasec.com/misconfig/ksv013)
)md",
        .tags = {"security", "supply-chain", "reliability"},
        .security_severity = "5.0",
        .aliases = {{"kube-linter", "latest-tag"},
                    {"checkov", "CKV_K8S_14"},
                    {"trivy", "KSV-0013"}},
    };
    return info;
  }

  void check_kubernetes(const k8s::ManifestFile& file, RuleContext& context) const override {
    k8s::for_each_container(
        file, [&](const k8s::Object& object, const k8s::PodSpec&, const k8s::Container& container) {
          const std::optional<dockerfile::ImageRef> image = k8s_images::judged_image(container);
          if (!image) return;
          const dockerfile::ImageRef& ref = *image;
          if (!image_refs::has_mutable_tag(ref)) return;
          std::string message =
              pod_security::describe(container) + " uses image \"" + container.image + "\" ";
          message += ref.tag.empty() ? "with no tag, which means `latest`"
                                     : "with the mutable tag `latest`";
          message += "; pin a version tag or a digest";
          Finding& finding = context.report(k8s_images::image_span(container), std::move(message));
          finding.logical = k8s::logical_location(object, &container);
        });
  }
};

}  // namespace

const Rule& rule_K8S501() {
  static const MutableImageTagRule rule;
  return rule;
}

}  // namespace berth::rules
