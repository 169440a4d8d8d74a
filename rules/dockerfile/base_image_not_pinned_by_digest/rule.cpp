// DF103 base-image-not-pinned-by-digest: FROM an image without `@sha256:`.
#include "analyzer/dockerfile/model.h"
#include "analyzer/engine/rule_context.h"
#include "rules/support/images.h"

namespace berth::rules {
namespace {

class BaseImageNotPinnedByDigestRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "DF103",
        .name = "base-image-not-pinned-by-digest",
        .target = RuleTarget::Dockerfile,
        .severity = Severity::Info,
        .enabled_by_default = false,
        .summary = "FROM an image that is not pinned by digest",
        .docs = R"md(## What it does
Reports a `FROM` whose image (after global `ARG` substitution) has no `@sha256:` digest.
`FROM scratch`, `FROM <earlier stage>` and images that depend on an ARG without a value are
not reported. Off by default: enable it where every base image is pinned and updated by a
bot (Renovate, Dependabot).

## Why is this bad?
A tag is a mutable pointer: `python:3.12-slim` is re-pushed for every patch release and OS
update, and a compromised or mistaken push changes what you build on. A digest names exactly
one image, so the build is reproducible and a base image change shows up as a reviewed diff.

## Example
```dockerfile
FROM python:3.12-slim
```

## Use instead
```dockerfile
FROM python:3.12-slim@sha256:2b0079146a74e23bf4ae8f6a28e1b484c6292f6fb904cbb51825b4a19812fcd8
```

## Options
None.

## References
- [Docker best practices: pin base image versions](https://docs.docker.com/build/building/best-practices/#pin-base-image-versions)
- [Docker Scout policy: unpinned base images](https://docs.docker.com/scout/policy/#unpinned-base-images)
)md",
        .tags = {"reproducibility", "supply-chain"},
        .aliases = {{"scout", "not_pinned_digest"}},
    };
    return info;
  }

  void check_dockerfile(const dockerfile::Dockerfile& file, RuleContext& context) const override {
    for (const dockerfile::Stage& stage : file.stages) {
      if (!images::is_judged_image(stage) || !stage.image.digest.empty()) continue;
      context.report(stage.base.span, "`" + stage.image.text + "` is not pinned by digest");
    }
  }
};

}  // namespace

const Rule& rule_DF103() {
  static const BaseImageNotPinnedByDigestRule rule;
  return rule;
}

}  // namespace berth::rules
