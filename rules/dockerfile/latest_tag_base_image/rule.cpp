// DF102 latest-tag-base-image: FROM image:latest without a digest.
#include "analyzer/dockerfile/model.h"
#include "analyzer/engine/rule_context.h"
#include "rules/support/images.h"

namespace berth::rules {
namespace {

class LatestTagBaseImageRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "DF102",
        .name = "latest-tag-base-image",
        .target = RuleTarget::Dockerfile,
        .severity = Severity::Warning,
        .summary = "FROM an image tagged `latest` without a digest",
        .docs = R"md(## What it does
Reports a `FROM` whose tag is `latest` (after global `ARG` defaults and `--build-arg` values
are substituted) and that has no digest. `image:latest@sha256:...` is pinned and not
reported. The finding sits on the `latest` text, or on the whole image when the tag came
from an ARG.

**Fix (unsafe).** For well-known official images (`python`, `node`, `ubuntu`, `alpine`,
`golang`, ...) berth offers to replace `latest` with a current release tag from its built-in
table (`python:latest` → `python:3.13`). It is offered as an editor quick fix and in SARIF
`fixes`, but `berth check --fix` never applies it: `latest` moves, so the suggested release
may not be the one you tested. Review it before accepting.

## Why is this bad?
`latest` is just the tag pushed most recently: the operating system, the language version
and the vulnerabilities of the base image change underneath an unchanged Dockerfile, and a
major release can break the build or the application at any time.

## Example
```dockerfile
FROM node:latest
```

## Use instead
```dockerfile
FROM node:22-slim
```

## Options
None.

## References
- [Docker best practices: pin base image versions](https://docs.docker.com/build/building/best-practices/#pin-base-image-versions)
- hadolint DL3007; Trivy DS-0001; Checkov CKV_DOCKER_7
)md",
        .tags = {"reproducibility", "supply-chain"},
        .aliases = {{"hadolint", "DL3007"}, {"trivy", "DS-0001"}, {"checkov", "CKV_DOCKER_7"}},
        .has_fix = true,
    };
    return info;
  }

  void check_dockerfile(const dockerfile::Dockerfile& file, RuleContext& context) const override {
    const std::string_view source = context.source().text();
    for (const dockerfile::Stage& stage : file.stages) {
      if (!images::is_judged_image(stage)) continue;
      if (stage.image.tag != "latest" || !stage.image.digest.empty()) continue;
      const std::optional<Span> tag = images::written_tag_span(stage, source);
      if (!tag) {
        context.report(stage.base.span,
                       "`" + stage.image.text + "` (after ARG substitution) uses the `latest` tag");
        continue;
      }
      std::optional<Fix> fix;
      const images::KnownImage* known = images::find_official(stage.image);
      if (known && !known->stable_tag.empty()) {
        fix = Fix{"Pin a release tag (`" + std::string(known->name) + ":" +
                      std::string(known->stable_tag) + "`); check it is the release you test",
                  false,
                  {TextEdit{*tag, std::string(known->stable_tag), {}, {}}}};
      }
      context.report(*tag, "`" + stage.image.text + "` uses the `latest` tag, which moves",
                     std::move(fix));
    }
  }
};

}  // namespace

const Rule& rule_DF102() {
  static const LatestTagBaseImageRule rule;
  return rule;
}

}  // namespace berth::rules
