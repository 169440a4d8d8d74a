// DF002 unknown-stage-reference: FROM, COPY --from or RUN --mount=from naming a stage that is
// not an earlier stage (a typo, a forward reference or the stage itself).
#include <algorithm>
#include <cctype>

#include "analyzer/dockerfile/model.h"
#include "analyzer/engine/rule_context.h"
#include "rules/support/images.h"

namespace berth::rules {
namespace {

using dockerfile::Dockerfile;
using dockerfile::Instruction;
using dockerfile::InstructionKind;
using dockerfile::Stage;

std::string lowered(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Image references always carry one of these; a bare word is what a stage name looks like.
bool looks_like_stage_name(std::string_view name) {
  return !name.empty() && name.find_first_of("/:.@$") == std::string_view::npos;
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(),
                                      [](unsigned char c) { return std::isdigit(c) != 0; });
}

const Stage* later_stage_named(const Dockerfile& file, int after, std::string_view name) {
  for (const Stage& stage : file.stages) {
    if (stage.index > after && stage.name == name) return &stage;
  }
  return nullptr;
}

bool earlier_stage_named(const Dockerfile& file, int before, std::string_view name) {
  return std::any_of(file.stages.begin(), file.stages.end(), [&](const Stage& stage) {
    return stage.index < before && stage.name == name;
  });
}

// The problem with `--from=<reference>` used in stage `current` (-1 before any FROM), or an
// empty string.
std::string from_problem(const Dockerfile& file, int current, std::string_view reference) {
  const std::string name = lowered(reference);
  if (all_digits(name)) {
    if (name.size() < 9 && std::stoi(name) < current) return {};
    if (current < 0) return "stage index " + name + " used before any FROM";
    return "stage index " + name + " is not an earlier stage (this is stage " +
           std::to_string(current) + ")";
  }
  if (!looks_like_stage_name(name)) return {};
  if (current >= 0 && name == file.stages[static_cast<size_t>(current)].name) {
    return "stage `" + name + "` references itself";
  }
  if (earlier_stage_named(file, current, name)) return {};
  if (later_stage_named(file, current, name)) {
    return "stage `" + name + "` is defined later; only earlier stages can be referenced";
  }
  // `COPY --from=busybox`: a well-known image pulled by name, not a misspelt stage.
  if (images::find_official_name(name)) return {};
  return "no earlier stage is named `" + name + "`";
}

// The span of `from=value` inside a --mount flag, or the whole flag when not found.
Span mount_from_span(const dockerfile::Mount& mount, std::string_view source) {
  const std::string_view text = source.substr(mount.span.begin, mount.span.size());
  size_t at = text.find("from=");
  while (at != std::string_view::npos && at > 0 && text[at - 1] != ',' && text[at - 1] != '=') {
    at = text.find("from=", at + 1);
  }
  if (at == std::string_view::npos) return mount.span;
  const uint32_t begin = mount.span.begin + static_cast<uint32_t>(at + 5);
  const size_t end = text.find(',', at);
  return Span{begin, end == std::string_view::npos ? mount.span.end
                                                   : mount.span.begin + static_cast<uint32_t>(end)};
}

class UnknownStageReferenceRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "DF002",
        .name = "unknown-stage-reference",
        .target = RuleTarget::Dockerfile,
        .severity = Severity::Error,
        .summary =
            "FROM, `COPY --from` or `RUN --mount=from` naming a stage that is not an earlier stage",
        .docs = R"md(## What it does
Reports a stage reference that cannot resolve to an earlier stage:

- `COPY --from=x` or `RUN --mount=...,from=x` where `x` looks like a stage name (no `/`, `:`,
  `.` or `@`, so it is not an image reference) but no earlier stage is named `x`;
- a stage that references itself (`FROM base AS app` ... `COPY --from=app`, or
  `FROM app AS app`);
- a reference to a stage defined *later* in the file (also for `FROM`), and a numeric
  `--from=N` that is not an earlier stage's index.

Names are compared case-insensitively, as BuildKit does. References containing a variable
are not judged. A bare name of a well-known official image (`COPY --from=busybox`) is taken
as an image, not as a misspelt stage.

## Why is this bad?
BuildKit resolves a `--from` that names no earlier stage as an *image* on Docker Hub: a typo
in a stage name turns into `pull access denied` at build time, or worse, silently copies
files from an unrelated public image of that name. A stage cannot copy from itself or from a
later stage.

## Example
```dockerfile
FROM golang:1.22 AS build
RUN go build -o /out/app ./cmd/app

FROM gcr.io/distroless/static-debian12
COPY --from=biuld /out/app /app
```

## Use instead
```dockerfile
FROM golang:1.22 AS build
RUN go build -o /out/app ./cmd/app

FROM gcr.io/distroless/static-debian12
COPY --from=build /out/app /app
```

## Options
None. A named build context (`docker buildx build --build-context name=...`) used as
`COPY --from=name` is indistinguishable from a missing stage: suppress the finding there.

## References
- [Dockerfile reference: COPY --from](https://docs.docker.com/reference/dockerfile/#copy---from)
- [Multi-stage builds](https://docs.docker.com/build/building/multi-stage/)
- hadolint DL3022, DL3023; Trivy DS-0006
)md",
        .tags = {"correctness"},
        .aliases = {{"hadolint", "DL3022"}, {"hadolint", "DL3023"}, {"trivy", "DS-0006"}},
    };
    return info;
  }

  void check_dockerfile(const Dockerfile& file, RuleContext& context) const override {
    const std::string_view source = context.source().text();
    for (const Stage& stage : file.stages) check_from(file, stage, context);
    // ONBUILD instructions run in another build, where these stage names mean nothing.
    for (const auto& instruction : file.instructions) {
      const int current =
          instruction->stage < static_cast<int>(file.stages.size()) ? instruction->stage : -1;
      if (instruction->kind == InstructionKind::Copy) {
        const dockerfile::Flag* from = instruction->flag("from");
        if (from && from->value) {
          std::string problem = from_problem(file, current, *from->value);
          if (!problem.empty()) context.report(from->value_span, std::move(problem));
        }
      } else if (instruction->kind == InstructionKind::Run) {
        for (const dockerfile::Mount& mount : instruction->mounts) {
          if (mount.from.empty()) continue;
          std::string problem = from_problem(file, current, mount.from);
          if (!problem.empty()) {
            context.report(mount_from_span(mount, source), std::move(problem));
          }
        }
      }
    }
  }

 private:
  // FROM of a bare word is an image pull (`FROM ubuntu`) unless it names this stage or a
  // later one, which is always a mistake.
  static void check_from(const Dockerfile& file, const Stage& stage, RuleContext& context) {
    if (stage.image.unresolved || stage.base.text.empty()) return;
    const std::string name = lowered(stage.image.text);
    if (!looks_like_stage_name(name)) return;
    if (!stage.name.empty() && name == stage.name && stage.parent < 0) {
      context.report(stage.base.span, "stage `" + name + "` is built FROM itself");
    } else if (stage.parent < 0 && later_stage_named(file, stage.index, name)) {
      context.report(
          stage.base.span,
          "stage `" + name + "` is defined later; a stage can only build on an earlier stage");
    }
  }
};

}  // namespace

const Rule& rule_DF002() {
  static const UnknownStageReferenceRule rule;
  return rule;
}

}  // namespace berth::rules
