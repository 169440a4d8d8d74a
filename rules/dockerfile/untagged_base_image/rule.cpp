// DF101 untagged-base-image: FROM an image with neither tag nor digest.
#include "analyzer/dockerfile/model.h"
#include "analyzer/engine/rule_context.h"
#include "rules/support/images.h"

namespace berth::rules {
namespace {

class UntaggedBaseImageRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "DF101",
        .name = "untagged-base-image",
        .target = RuleTarget::Dockerfile,
        .severity = Severity::Warning,
        .summary = "FROM an image without a tag or digest",
        .docs = R"md(## What it does
Reports a `FROM` whose image has neither a tag nor a digest, after global `ARG` defaults
(and `--build-arg` values) are substituted: `ARG BASE=python` / `FROM ${BASE}` is reported,
`ARG BASE=python:3.12` / `FROM ${BASE}` is not. `FROM scratch`, `FROM <earlier stage>` and
images that still depend on an ARG without a value (unknown until build) are not reported.
A registry port is not a tag: `localhost:5000/app` is untagged.

## Why is this bad?
An image without a tag means `:latest`, which moves: two builds of the same commit can get
different operating systems, language versions and vulnerabilities, and a rebuild can break
without any change in the repository.

## Example
```dockerfile
FROM python
```

## Use instead
```dockerfile
FROM python:3.12-slim
```
or pin by digest as well (see DF103):
```dockerfile
FROM python:3.12-slim@sha256:<digest>
```

## Options
None.

## References
- [Docker best practices: pin base image versions](https://docs.docker.com/build/building/best-practices/#pin-base-image-versions)
- hadolint DL3006; Trivy DS-0001; Checkov CKV_DOCKER_7
)md",
        .tags = {"reproducibility", "supply-chain"},
        .aliases = {{"hadolint", "DL3006"}, {"trivy", "DS-0001"}, {"checkov", "CKV_DOCKER_7"}},
    };
    return info;
  }

  void check_dockerfile(const dockerfile::Dockerfile& file, RuleContext& context) const override {
    for (const dockerfile::Stage& stage : file.stages) {
      if (!images::is_judged_image(stage)) continue;
      if (!stage.image.tag.empty() || !stage.image.digest.empty()) continue;
      const bool substituted = stage.base.text != stage.image.text;
      context.report(stage.base.span, "`" + stage.image.text + "` has no tag" +
                                          (substituted ? " (after ARG substitution)" : "") +
                                          ": the build pulls whatever `latest` is at the time");
    }
  }
};

}  // namespace

const Rule& rule_DF101() {
  static const UntaggedBaseImageRule rule;
  return rule;
}

}  // namespace berth::rules
