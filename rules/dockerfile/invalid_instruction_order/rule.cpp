// DF005 invalid-instruction-order: an instruction other than ARG before the first FROM.
#include "analyzer/dockerfile/model.h"
#include "analyzer/engine/rule_context.h"

namespace berth::rules {
namespace {

using dockerfile::InstructionKind;

class InvalidInstructionOrderRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "DF005",
        .name = "invalid-instruction-order",
        .target = RuleTarget::Dockerfile,
        .severity = Severity::Error,
        .summary = "The first instruction is not FROM (only ARG may precede it)",
        .docs = R"md(## What it does
Reports the first instruction of a Dockerfile when it is neither `FROM` nor an `ARG` before
the first `FROM`. Comments and parser directives (`# syntax=`, `# escape=`) may precede
`FROM` and are not instructions. Only the first offending instruction is reported; a file
without any `FROM` is reported once, on its first instruction.

## Why is this bad?
The builder rejects the file (`no build stage in current context`): every instruction except
`ARG` needs a stage to apply to. A leftover line above `FROM`, often from merging two
Dockerfiles or from a template, makes the whole build fail.

## Example
```dockerfile
LABEL org.opencontainers.image.source=https://github.com/acme/app
FROM alpine:3.20
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.source=https://github.com/acme/app
```

## Options
None.

## References
- [Dockerfile reference: format](https://docs.docker.com/reference/dockerfile/#format)
- [Dockerfile reference: understand how ARG and FROM interact](https://docs.docker.com/reference/dockerfile/#understand-how-arg-and-from-interact)
- hadolint DL3061
)md",
        .tags = {"correctness"},
        .aliases = {{"hadolint", "DL3061"}},
    };
    return info;
  }

  void check_dockerfile(const dockerfile::Dockerfile& file, RuleContext& context) const override {
    for (const auto& instruction : file.instructions) {
      if (instruction->kind == InstructionKind::From) return;
      if (instruction->kind == InstructionKind::Arg) continue;
      // An unknown keyword is DF001's finding, not an ordering problem.
      if (instruction->kind == InstructionKind::Unknown) continue;
      context.report(instruction->keyword_span,
                     file.stages.empty()
                         ? "`" + instruction->keyword + "` with no FROM anywhere in the file"
                         : "`" + instruction->keyword + "` before the first FROM");
      return;
    }
  }
};

}  // namespace

const Rule& rule_DF005() {
  static const InvalidInstructionOrderRule rule;
  return rule;
}

}  // namespace berth::rules
