// DF105 bloated-base-image: the shipped image built on a full distro or toolchain image with
// a known slimmer variant.
#include "analyzer/dockerfile/model.h"
#include "analyzer/engine/rule_context.h"
#include "rules/support/images.h"

namespace berth::rules {
namespace {

class BloatedBaseImageRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "DF105",
        .name = "bloated-base-image",
        .target = RuleTarget::Dockerfile,
        .severity = Severity::Warning,
        .summary =
            "The shipped image is built on a full distro or toolchain image with a slimmer variant",
        .docs = R"md(## What it does
Reports the base image of the *shipped* stage (the last stage, or `--target`, following its
`FROM <stage>` chain to the image it starts from) when berth's built-in table knows it as:

- a full distribution: `ubuntu`, `debian` without `-slim`, `centos`, `fedora`,
  `rockylinux`, `almalinux`, `amazonlinux`, `oraclelinux` without `-minimal`/`-slim`;
- a full toolchain: `golang`, `rust`, `gcc`, `maven`, `gradle` (any variant: even the alpine
  ones carry the compiler);
- a language image without a slim variant tag: `python`, `node`, `ruby`, `php`, `openjdk`,
  `eclipse-temurin` (JDK) without `-slim`, `-alpine` or `-jre`.

The message names a slimmer alternative and approximate sizes, e.g. `python:3.12` →
`python:3.12-slim` (~1 GB → ~130 MB). Builder stages are exempt: a full image is the right
tool to compile in, as long as only the result is copied into the shipped stage. Images whose
tag depends on an ARG without a value are not judged.

## Why is this bad?
A full image ships compilers, headers, documentation and hundreds of packages the
application never uses: the image is several times larger to push, pull and start, and every
extra package is one more source of CVEs in scanner reports.

## Example
```dockerfile
FROM python:3.12
COPY . /app
CMD ["python", "/app/main.py"]
```

## Use instead
```dockerfile
FROM python:3.12-slim
COPY . /app
CMD ["python", "/app/main.py"]
```
or, for compiled languages, build in one stage and ship the binary alone:
```dockerfile
FROM golang:1.22 AS build
RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app

FROM gcr.io/distroless/static-debian12
COPY --from=build /out/app /app
```

## Options
None.

## References
- [Multi-stage builds](https://docs.docker.com/build/building/multi-stage/)
- [Docker best practices: choose the right base image](https://docs.docker.com/build/building/best-practices/#choose-the-right-base-image)
- [Distroless images](https://github.com/GoogleContainerTools/distroless)
)md",
        .tags = {"best-practice", "image-size"},
    };
    return info;
  }

  void check_dockerfile(const dockerfile::Dockerfile& file, RuleContext& context) const override {
    const std::vector<const dockerfile::Stage*> chain = file.shipped_chain();
    if (chain.empty()) return;
    const dockerfile::Stage& root = *chain.back();
    if (!images::is_judged_image(root)) return;
    const images::KnownImage* known = images::find_official(root.image);
    const std::optional<images::SlimAlternative> slim = images::slim_alternative(root.image);
    if (!known || !slim) return;
    const std::string image = root.image.text;
    if (known->kind == images::ImageKind::Toolchain) {
      context.report(root.base.span, "the shipped image is built on the `" + image +
                                         "` toolchain (" + std::string(slim->full_size) +
                                         "): build in a separate stage and ship on `" +
                                         slim->image + "` (" + std::string(slim->slim_size) + ")");
    } else {
      context.report(root.base.span, "the shipped image is built on `" + image + "` (" +
                                         std::string(slim->full_size) + "): `" + slim->image +
                                         "` is " + std::string(slim->slim_size));
    }
  }
};

}  // namespace

const Rule& rule_DF105() {
  static const BloatedBaseImageRule rule;
  return rule;
}

}  // namespace berth::rules
