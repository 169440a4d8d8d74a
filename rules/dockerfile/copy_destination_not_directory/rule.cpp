// DF006 copy-destination-not-directory: COPY/ADD of several sources into a path without `/`.
#include "analyzer/dockerfile/model.h"
#include "analyzer/engine/rule_context.h"

namespace berth::rules {
namespace {

using dockerfile::Instruction;
using dockerfile::InstructionKind;

// BuildKit treats `.` and a trailing separator as "this is a directory".
bool names_directory(std::string_view destination) {
  return destination == "." || destination.ends_with('/') || destination.ends_with('\\');
}

// `"dest/"`: shell-form words keep their quotes in the model.
std::string_view unquoted(std::string_view word) {
  if (word.size() >= 2 && (word.front() == '"' || word.front() == '\'') &&
      word.back() == word.front()) {
    return word.substr(1, word.size() - 2);
  }
  return word;
}

class CopyDestinationNotDirectoryRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "DF006",
        .name = "copy-destination-not-directory",
        .target = RuleTarget::Dockerfile,
        .severity = Severity::Error,
        .summary = "COPY/ADD with several sources whose destination does not end with `/`",
        .docs = R"md(## What it does
Reports the destination of a `COPY` or `ADD` (also inside `ONBUILD`) that has two or more
sources (heredocs count as sources) when the destination does not end with `/` and is not
`.`. A destination that contains a variable is not judged unless it ends with `/`.

## Why is this bad?
With several sources the destination must be a directory, and the builder only knows that
from the trailing slash: `docker build` fails with "When using COPY with more than one source
file, the destination must be a directory and end with a /".

## Example
```dockerfile
FROM python:3.12-slim
COPY requirements.txt constraints.txt /app
```

## Use instead
```dockerfile
FROM python:3.12-slim
COPY requirements.txt constraints.txt /app/
```

## Options
None.

## References
- [Dockerfile reference: COPY](https://docs.docker.com/reference/dockerfile/#copy)
- hadolint DL3021; Trivy DS-0011
)md",
        .tags = {"correctness"},
        .aliases = {{"hadolint", "DL3021"}, {"trivy", "DS-0011"}},
    };
    return info;
  }

  void check_dockerfile(const dockerfile::Dockerfile& file, RuleContext& context) const override {
    for (const auto& owned : file.instructions) {
      check(*owned, context);
      if (owned->onbuild) check(*owned->onbuild, context);
    }
  }

 private:
  static void check(const Instruction& instruction, RuleContext& context) {
    if (instruction.kind != InstructionKind::Copy && instruction.kind != InstructionKind::Add) {
      return;
    }
    if (instruction.args.size() < 3) return;
    const dockerfile::Word& destination = instruction.args.back();
    const std::string_view path = unquoted(destination.text);
    if (names_directory(path)) return;
    if (path.find('$') != std::string_view::npos) return;
    context.report(destination.span, std::string(dockerfile::keyword_of(instruction.kind)) +
                                         " of " + std::to_string(instruction.args.size() - 1) +
                                         " sources into `" + std::string(path) +
                                         "`, which does not end with `/`");
  }
};

}  // namespace

const Rule& rule_DF006() {
  static const CopyDestinationNotDirectoryRule rule;
  return rule;
}

}  // namespace berth::rules
