// DF603 repeated-singleton-instruction: CMD, ENTRYPOINT or HEALTHCHECK given twice in a stage.
#include "analyzer/dockerfile/model.h"
#include "analyzer/engine/rule_context.h"

namespace berth::rules {
namespace {

using dockerfile::Instruction;
using dockerfile::InstructionKind;

class RepeatedSingletonInstructionRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "DF603",
        .name = "repeated-singleton-instruction",
        .target = RuleTarget::Dockerfile,
        .severity = Severity::Warning,
        .summary = "More than one CMD, ENTRYPOINT or HEALTHCHECK in a stage",
        .docs = R"md(## What it does
Reports each `CMD`, `ENTRYPOINT` or `HEALTHCHECK` that a later instruction of the same kind
in the same stage overrides: only the last one takes effect, so the finding sits on the
ignored ones. Each stage is judged on its own (a stage may override what the stage it is
built `FROM` set), and instructions inside `ONBUILD` are not counted.

## Why is this bad?
The earlier instruction does nothing. It usually means a merge or copy-paste left two
different start commands, and the reader cannot tell which one the author meant to keep.

## Example
```dockerfile
FROM python:3.12-slim
CMD ["python", "manage.py", "runserver"]
CMD ["gunicorn", "app.wsgi"]
```

## Use instead
```dockerfile
FROM python:3.12-slim
CMD ["gunicorn", "app.wsgi"]
```

## Options
None.

## References
- [Dockerfile reference: CMD](https://docs.docker.com/reference/dockerfile/#cmd)
- [Build checks: MultipleInstructionsDisallowed](https://docs.docker.com/reference/build-checks/multiple-instructions-disallowed/)
- hadolint DL4003, DL4004, DL3012; Trivy DS-0007, DS-0016, DS-0023
)md",
        .tags = {"correctness"},
        .aliases = {{"hadolint", "DL4003"},
                    {"hadolint", "DL4004"},
                    {"hadolint", "DL3012"},
                    {"buildkit", "MultipleInstructionsDisallowed"},
                    {"trivy", "DS-0007"},
                    {"trivy", "DS-0016"},
                    {"trivy", "DS-0023"}},
    };
    return info;
  }

  void check_dockerfile(const dockerfile::Dockerfile& file, RuleContext& context) const override {
    for (const dockerfile::Stage& stage : file.stages) {
      for (InstructionKind kind :
           {InstructionKind::Cmd, InstructionKind::Entrypoint, InstructionKind::Healthcheck}) {
        const Instruction* previous = nullptr;
        for (const Instruction* instruction : stage.instructions) {
          if (instruction->kind != kind) continue;
          if (previous) report(*previous, *instruction, context);
          previous = instruction;
        }
      }
    }
  }

 private:
  static void report(const Instruction& ignored, const Instruction& later, RuleContext& context) {
    const std::string keyword(dockerfile::keyword_of(ignored.kind));
    const uint32_t line = location_of(context.source(), later.span.begin).line;
    context.report(ignored.keyword_span, keyword + " is overridden by the " + keyword +
                                             " on line " + std::to_string(line) + " in this stage");
  }
};

}  // namespace

const Rule& rule_DF603() {
  static const RepeatedSingletonInstructionRule rule;
  return rule;
}

}  // namespace berth::rules
