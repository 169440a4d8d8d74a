// DF601 missing-healthcheck: the shipped image defines no HEALTHCHECK.
#include <algorithm>

#include "analyzer/dockerfile/model.h"
#include "analyzer/engine/rule_context.h"

namespace berth::rules {
namespace {

class MissingHealthcheckRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "DF601",
        .name = "missing-healthcheck",
        .target = RuleTarget::Dockerfile,
        .severity = Severity::Info,
        .summary = "The shipped stage has no HEALTHCHECK",
        .docs = R"md(## What it does
Reports the `FROM` of the shipped stage (the last stage, or `--target`) when neither it nor
any stage it is built `FROM` has a `HEALTHCHECK`. `HEALTHCHECK NONE` counts: it is an
explicit decision. A HEALTHCHECK in a builder stage that the shipped stage does not build on
does not count, since it is not in the shipped image. A HEALTHCHECK inherited from the base
image cannot be seen; suppress the finding there.

## Why is this bad?
Without a health check, Docker and Swarm only know whether the process is running, not
whether it serves: a deadlocked server stays "Up" forever and is never restarted or taken
out of rotation. (Kubernetes ignores HEALTHCHECK and uses probes instead; see K8S rules.)

## Example
```dockerfile
FROM nginx:1.27-alpine
COPY site/ /usr/share/nginx/html/
```

## Use instead
```dockerfile
FROM nginx:1.27-alpine
COPY site/ /usr/share/nginx/html/
HEALTHCHECK --interval=30s --timeout=3s CMD wget -qO- http://localhost/ || exit 1
```
or, for images only run by Kubernetes:
```dockerfile
HEALTHCHECK NONE
```

## Options
None.

## References
- [Dockerfile reference: HEALTHCHECK](https://docs.docker.com/reference/dockerfile/#healthcheck)
- hadolint DL3057; Trivy DS-0026; Checkov CKV_DOCKER_2
)md",
        .tags = {"reliability"},
        .aliases = {{"hadolint", "DL3057"}, {"trivy", "DS-0026"}, {"checkov", "CKV_DOCKER_2"}},
    };
    return info;
  }

  void check_dockerfile(const dockerfile::Dockerfile& file, RuleContext& context) const override {
    const std::vector<const dockerfile::Stage*> chain = file.shipped_chain();
    if (chain.empty() || !chain.front()->from) return;
    for (const dockerfile::Stage* stage : chain) {
      const bool has_healthcheck =
          std::any_of(stage->instructions.begin(), stage->instructions.end(),
                      [](const dockerfile::Instruction* instruction) {
                        return instruction->kind == dockerfile::InstructionKind::Healthcheck;
                      });
      if (has_healthcheck) return;
    }
    context.report(chain.front()->from->span, "the shipped stage has no HEALTHCHECK");
  }
};

}  // namespace

const Rule& rule_DF601() {
  static const MissingHealthcheckRule rule;
  return rule;
}

}  // namespace berth::rules
