// DF003 duplicate-stage-name: two stages with the same name.
#include "analyzer/dockerfile/model.h"
#include "analyzer/engine/rule_context.h"

namespace berth::rules {
namespace {

class DuplicateStageNameRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "DF003",
        .name = "duplicate-stage-name",
        .target = RuleTarget::Dockerfile,
        .severity = Severity::Error,
        .summary = "Two stages with the same name",
        .docs = R"md(## What it does
Reports a stage whose `AS` name (compared case-insensitively, as BuildKit does) was already
given to an earlier stage. The finding sits on the later name.

## Why is this bad?
BuildKit refuses the Dockerfile (`duplicate stage name`), and older builders silently made
`--from=name` and `--target name` refer to one of the two, so a copy could take files from
the wrong stage.

## Example
```dockerfile
FROM node:22 AS build
RUN npm ci && npm run build

FROM node:22-slim AS build
COPY --from=build /app/dist /app
```

## Use instead
```dockerfile
FROM node:22 AS build
RUN npm ci && npm run build

FROM node:22-slim AS runtime
COPY --from=build /app/dist /app
```

## Options
None.

## References
- [Multi-stage builds: name your build stages](https://docs.docker.com/build/building/multi-stage/#name-your-build-stages)
- [Build checks: DuplicateStageName](https://docs.docker.com/reference/build-checks/duplicate-stage-name/)
- hadolint DL3024; Trivy DS-0012; Checkov CKV_DOCKER_11
)md",
        .tags = {"correctness"},
        .aliases = {{"hadolint", "DL3024"},
                    {"buildkit", "DuplicateStageName"},
                    {"trivy", "DS-0012"},
                    {"checkov", "CKV_DOCKER_11"}},
    };
    return info;
  }

  void check_dockerfile(const dockerfile::Dockerfile& file, RuleContext& context) const override {
    for (const dockerfile::Stage& stage : file.stages) {
      if (stage.name.empty()) continue;
      for (const dockerfile::Stage& earlier : file.stages) {
        if (earlier.index >= stage.index) break;
        if (earlier.name != stage.name) continue;
        const uint32_t line = location_of(context.source(), earlier.name_span.begin).line;
        context.report(stage.name_span,
                       "stage name `" + stage.name + "` is already used by stage " +
                           std::to_string(earlier.index) + " (line " + std::to_string(line) + ")");
        break;
      }
    }
  }
};

}  // namespace

const Rule& rule_DF003() {
  static const DuplicateStageNameRule rule;
  return rule;
}

}  // namespace berth::rules
