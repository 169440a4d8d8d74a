// K8S503 untrusted-image-registry: a container image from a registry outside config
// `trusted-registries`.
#include "analyzer/dockerfile/model.h"
#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"
#include "rules/support/image_refs.h"
#include "rules/support/k8s_images.h"
#include "rules/support/pod_security.h"

namespace berth::rules {
namespace {

class UntrustedRegistryRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "K8S503",
        .name = "untrusted-image-registry",
        .target = RuleTarget::Kubernetes,
        .severity = Severity::Error,
        .summary = "Container image from a registry outside config `trusted-registries`",
        .docs = R"md(## What it does
Reports every container, init container and ephemeral container whose image does not come
from one of the registries listed in the config key `trusted-registries`. The rule is inert
until that list is configured.

Images are named as the container runtime resolves them: an image without a registry is on
Docker Hub, `docker.io`, and an official image without a namespace is under `library/`, so
`nginx` and `docker.io/nginx` are `docker.io/library/nginx` (`index.docker.io`,
`registry-1.docker.io` and `hub.docker.com` also mean `docker.io`). An entry of
`trusted-registries` without `/` names registries (`docker.io`, `registry.example.com:5000`,
`*.gcr.io`); an entry with `/` names a repository prefix too (`ghcr.io/acme` trusts
`ghcr.io/acme/app`, `docker.io/library` trusts `nginx` but not `bitnami/nginx`). `*` matches
any run of characters. Names compare case-insensitively. These are the semantics of the
Dockerfile rule DF104. Images that a later tool substitutes (`${IMAGE}`) are not judged.

## Why is this bad?
An image from an arbitrary registry bypasses the scanning, signing and retention policies
of the registries the organisation controls, and a typo-squatted or abandoned public image
runs with the pod's credentials and network access.

## Example
```yaml
# .berth.yaml: trusted-registries: [registry.example.com, docker.io/library]
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: quay.io/someone/web:1.0
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
      image: registry.example.com/web:1.0
```

## Options
None for the rule itself; the list is the top-level config key `trusted-registries`:
```yaml
trusted-registries: [docker.io/library, ghcr.io/acme, "*.gcr.io"]
```

## References
- [Kubernetes: image names](https://kubernetes.io/docs/concepts/containers/images/#image-names)
- [Trivy KSV-0125](https://avd.aquasec.com/misconfig/ksv125)
)md",
        .tags = {"security", "supply-chain"},
        .security_severity = "7.0",
        .aliases = {{"trivy", "KSV-0125"}},
    };
    return info;
  }

  void check_kubernetes(const k8s::ManifestFile& file, RuleContext& context) const override {
    const std::vector<std::string>& trusted = context.config().trusted_registries;
    if (trusted.empty()) return;
    k8s::for_each_container(
        file, [&](const k8s::Object& object, const k8s::PodSpec&, const k8s::Container& container) {
          const std::optional<dockerfile::ImageRef> image = k8s_images::judged_image(container);
          if (!image) return;
          const dockerfile::ImageRef& ref = *image;
          if (image_refs::is_trusted(ref, trusted)) return;
          Finding& finding = context.report(
              k8s_images::image_span(container),
              pod_security::describe(container) + " uses image \"" + container.image + "\" from " +
                  image_refs::canonical_name(ref) + ", outside `trusted-registries`");
          finding.logical = k8s::logical_location(object, &container);
        });
  }
};

}  // namespace

const Rule& rule_K8S503() {
  static const UntrustedRegistryRule rule;
  return rule;
}

}  // namespace berth::rules
