// DF606 relative-workdir: a relative WORKDIR with no absolute WORKDIR before it.
#include <cctype>

#include "analyzer/dockerfile/model.h"
#include "analyzer/engine/rule_context.h"

namespace berth::rules {
namespace {

using dockerfile::Instruction;
using dockerfile::InstructionKind;

enum class PathKind { Absolute, Relative, Unknown };

PathKind path_kind(std::string_view path) {
  // Shell-form words keep their quotes in the model: `WORKDIR "/usr/local"`.
  if (path.size() >= 2 && (path.front() == '"' || path.front() == '\'') &&
      path.back() == path.front()) {
    path = path.substr(1, path.size() - 2);
  }
  if (path.empty() || path.front() == '$') return PathKind::Unknown;  // set at build time
  if (path.front() == '/' || path.front() == '\\') return PathKind::Absolute;
  // Windows containers: `C:\app`, `c:/app`.
  if (path.size() >= 2 && std::isalpha(static_cast<unsigned char>(path[0])) && path[1] == ':') {
    return PathKind::Absolute;
  }
  return PathKind::Relative;
}

class RelativeWorkdirRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "DF606",
        .name = "relative-workdir",
        .target = RuleTarget::Dockerfile,
        .severity = Severity::Warning,
        .summary = "WORKDIR with a relative path and no absolute WORKDIR before it",
        .docs = R"md(## What it does
Reports a `WORKDIR` whose path is relative when no absolute `WORKDIR` comes before it in the
stage or in the stages it is built `FROM`. Paths starting with a variable (`$APP_HOME`) are
not judged, and Windows paths (`C:\app`) are absolute.

## Why is this bad?
A relative WORKDIR is resolved against the base image's working directory, which the
Dockerfile does not show and which changes between images (`/`, `/app`, `/home/node`,
`/usr/src/app`...). Every later relative `COPY` destination and `RUN` then depends on it.

## Example
```dockerfile
FROM node:22-slim
WORKDIR app
COPY package.json .
```

## Use instead
```dockerfile
FROM node:22-slim
WORKDIR /app
COPY package.json .
```

## Options
None.

## References
- [Dockerfile reference: WORKDIR](https://docs.docker.com/reference/dockerfile/#workdir)
- [Build checks: WorkdirRelativePath](https://docs.docker.com/reference/build-checks/workdir-relative-path/)
- hadolint DL3000; Trivy DS-0009; Checkov CKV_DOCKER_10
)md",
        .tags = {"reliability"},
        .aliases = {{"hadolint", "DL3000"},
                    {"buildkit", "WorkdirRelativePath"},
                    {"trivy", "DS-0009"},
                    {"checkov", "CKV_DOCKER_10"}},
    };
    return info;
  }

  void check_dockerfile(const dockerfile::Dockerfile& file, RuleContext& context) const override {
    // Before any FROM (a fragment) the path is judged alone.
    for (const auto& instruction : file.instructions) {
      if (instruction->stage < 0) check(*instruction, false, context);
    }
    for (const dockerfile::Stage& stage : file.stages) {
      bool anchored = false;
      for (int index = stage.parent; index >= 0 && index < stage.index && !anchored;
           index = file.stages[static_cast<size_t>(index)].parent) {
        for (const Instruction* instruction :
             file.stages[static_cast<size_t>(index)].instructions) {
          if (is_workdir(*instruction, PathKind::Absolute)) anchored = true;
        }
      }
      for (const Instruction* instruction : stage.instructions) {
        check(*instruction, anchored, context);
        if (is_workdir(*instruction, PathKind::Absolute)) anchored = true;
      }
    }
  }

 private:
  static bool is_workdir(const Instruction& instruction, PathKind kind) {
    return instruction.kind == InstructionKind::Workdir && !instruction.args.empty() &&
           path_kind(instruction.args.front().text) == kind;
  }

  static void check(const Instruction& instruction, bool anchored, RuleContext& context) {
    if (anchored || !is_workdir(instruction, PathKind::Relative)) return;
    const dockerfile::Word& path = instruction.args.front();
    context.report(path.span,
                   "WORKDIR `" + path.text + "` is relative to the base image's working directory");
  }
};

}  // namespace

const Rule& rule_DF606() {
  static const RelativeWorkdirRule rule;
  return rule;
}

}  // namespace berth::rules
