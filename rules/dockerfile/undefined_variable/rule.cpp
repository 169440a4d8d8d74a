// DF004 undefined-variable: `$X` expanded by the builder (FROM and non-RUN instructions) when
// no ARG or ENV in scope defines X.
#include <algorithm>
#include <cctype>
#include <set>

#include "analyzer/dockerfile/model.h"
#include "analyzer/engine/rule_context.h"
#include "rules/support/images.h"

namespace berth::rules {
namespace {

using dockerfile::Dockerfile;
using dockerfile::Instruction;
using dockerfile::InstructionKind;
using dockerfile::Stage;

// Defined on every build without a declaration: BuildKit's platform args, the proxy args and
// the PATH BuildKit gives every stage.
constexpr std::string_view kAlwaysDefined[] = {"TARGETPLATFORM",  "TARGETOS",      "TARGETARCH",
                                               "TARGETVARIANT",   "BUILDPLATFORM", "BUILDOS",
                                               "BUILDARCH",       "BUILDVARIANT",  "TARGETSTAGE",
                                               "BUILDKIT_SYNTAX", "HTTP_PROXY",    "http_proxy",
                                               "HTTPS_PROXY",     "https_proxy",   "FTP_PROXY",
                                               "ftp_proxy",       "NO_PROXY",      "no_proxy",
                                               "ALL_PROXY",       "all_proxy",     "PATH"};

bool always_defined(std::string_view name) {
  return std::find(std::begin(kAlwaysDefined), std::end(kAlwaysDefined), name) !=
         std::end(kAlwaysDefined);
}

// The instructions whose arguments the builder itself expands. RUN, CMD, ENTRYPOINT,
// HEALTHCHECK and SHELL text is left to the shell at run time.
bool builder_expands(InstructionKind kind) {
  switch (kind) {
    case InstructionKind::Add:
    case InstructionKind::Copy:
    case InstructionKind::Env:
    case InstructionKind::Expose:
    case InstructionKind::Label:
    case InstructionKind::Stopsignal:
    case InstructionKind::User:
    case InstructionKind::Volume:
    case InstructionKind::Workdir:
    case InstructionKind::Arg:
      return true;
    default:
      return false;
  }
}

bool is_name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

struct Reference {
  std::string_view name;
  Span span;  // `$X` or `${X}`
};

// The variable references in `text` (at `offset` in the source) that expand without a
// fallback: `${X:-default}` and friends show the author expects X may be unset.
std::vector<Reference> references_in(std::string_view text, uint32_t offset, char escape) {
  std::vector<Reference> out;
  bool single_quoted = false, double_quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == escape && !single_quoted) {
      ++i;
      continue;
    }
    if (c == '\'' && !double_quoted) {
      single_quoted = !single_quoted;
      continue;
    }
    if (c == '"' && !single_quoted) {
      double_quoted = !double_quoted;
      continue;
    }
    if (c != '$' || single_quoted || i + 1 >= text.size()) continue;
    if (is_name_start(text[i + 1])) {
      size_t end = i + 1;
      while (end < text.size() && is_name_char(text[end])) ++end;
      out.push_back({text.substr(i + 1, end - i - 1),
                     Span{offset + static_cast<uint32_t>(i), offset + static_cast<uint32_t>(end)}});
      i = end - 1;
    } else if (text[i + 1] == '{') {
      const size_t close = text.find('}', i + 2);
      if (close == std::string_view::npos) break;
      size_t name_end = i + 2;
      while (name_end < close && is_name_char(text[name_end])) ++name_end;
      if (name_end == close && name_end > i + 2 && is_name_start(text[i + 2])) {
        out.push_back(
            {text.substr(i + 2, name_end - i - 2),
             Span{offset + static_cast<uint32_t>(i), offset + static_cast<uint32_t>(close + 1)}});
      }
      i = close;
    }
  }
  return out;
}

// Every source range of `instruction` the builder expands: flag values and the arguments.
std::vector<Span> expanded_ranges(const Instruction& instruction) {
  std::vector<Span> ranges;
  for (const dockerfile::Flag& flag : instruction.flags) {
    if (flag.value && !flag.value_span.empty()) ranges.push_back(flag.value_span);
  }
  if (instruction.kind == InstructionKind::From) {
    if (!instruction.args.empty()) ranges.push_back(instruction.args.front().span);
  } else if (instruction.heredocs.empty()) {
    ranges.push_back(instruction.arguments_span);
  } else {
    // Heredoc bodies are file contents, not builder arguments: keep to the words.
    for (const dockerfile::Word& word : instruction.args) ranges.push_back(word.span);
  }
  return ranges;
}

class UndefinedVariableRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "DF004",
        .name = "undefined-variable",
        .target = RuleTarget::Dockerfile,
        .severity = Severity::Warning,
        .summary = "`$X` expanded by the builder with no ARG or ENV in scope defining X",
        .docs = R"md(## What it does
Reports a `$X` or `${X}` that the builder expands (in `FROM` and in `ADD`, `COPY`, `ENV`,
`ARG`, `EXPOSE`, `LABEL`, `STOPSIGNAL`, `USER`, `VOLUME`, `WORKDIR` and their flags) when no
`ARG` or `ENV` in scope defines `X`:

- in `FROM`, only ARGs declared before the first `FROM` are in scope;
- inside a stage, an ARG declared before the first `FROM` is **not** in scope until the
  stage repeats `ARG X`;
- ENV and ARG of the stage, of the stages it is built `FROM`, the ENV of well-known official
  base images (`PYTHON_VERSION`, `GOPATH`, `JAVA_HOME`...), `PATH`, and the predefined build
  args (`TARGETPLATFORM`, `BUILDARCH`, `HTTP_PROXY`...) count as defined.

When the stage's base image is not one berth knows (a private or unusual image), its ENV is
unknown, so only global ARGs used without `ARG X` in the stage are reported there.
`${X:-default}`, `${X:+alt}` and friends are not reported: they expect X may be unset.
`RUN`, `CMD`, `ENTRYPOINT` and `HEALTHCHECK` are left to the shell and are not checked.

## Why is this bad?
An undefined variable silently expands to an empty string: `WORKDIR $APP_HOME/src` becomes
`/src`, `ENV PATH=$HOME/.local/bin:$PATH` adds `/.local/bin`, and a global `ARG VERSION`
used inside a stage without being redeclared gives an empty label or path. The build
succeeds and the image is wrong.

## Example
```dockerfile
ARG VERSION=1.4.2
FROM alpine:3.20
LABEL org.opencontainers.image.version=$VERSION
WORKDIR $APP_HOME
```

## Use instead
```dockerfile
ARG VERSION=1.4.2
FROM alpine:3.20
ARG VERSION
ENV APP_HOME=/app
LABEL org.opencontainers.image.version=$VERSION
WORKDIR $APP_HOME
```

## Options
None.

## References
- [Dockerfile reference: scope of ARG](https://docs.docker.com/reference/dockerfile/#scope)
- [Build checks: UndefinedVar](https://docs.docker.com/reference/build-checks/undefined-var/)
- [Build checks: UndefinedArgInFrom](https://docs.docker.com/reference/build-checks/undefined-arg-in-from/)
)md",
        .tags = {"correctness"},
        .aliases = {{"buildkit", "UndefinedVar"}, {"buildkit", "UndefinedArgInFrom"}},
    };
    return info;
  }

  void check_dockerfile(const Dockerfile& file, RuleContext& context) const override {
    const std::string_view source = context.source().text();
    std::set<std::string_view> globals;
    for (const Instruction* arg : file.global_args) {
      for (const dockerfile::KeyValue& pair : arg->pairs) globals.insert(pair.key.text);
    }
    for (const Stage& stage : file.stages) {
      if (stage.from) {
        for (const Span range : expanded_ranges(*stage.from)) {
          for (const Reference& ref :
               references_in(source.substr(range.begin, range.size()), range.begin, file.escape)) {
            if (always_defined(ref.name) || globals.count(ref.name)) continue;
            context.report(ref.span, "`" + std::string(ref.name) +
                                         "` is not an ARG declared before the first FROM");
          }
        }
      }
      check_stage(file, stage, globals, source, context);
    }
  }

 private:
  static void check_stage(const Dockerfile& file, const Stage& stage,
                          const std::set<std::string_view>& globals, std::string_view source,
                          RuleContext& context) {
    std::set<std::string_view> defined;
    const Stage* root = &stage;
    for (int index = stage.parent; index >= 0 && index < stage.index;
         index = file.stages[static_cast<size_t>(index)].parent) {
      root = &file.stages[static_cast<size_t>(index)];
      for (const Instruction* instruction : root->instructions) {
        if (instruction->kind != InstructionKind::Env && instruction->kind != InstructionKind::Arg)
          continue;
        for (const dockerfile::KeyValue& pair : instruction->pairs) defined.insert(pair.key.text);
      }
    }
    // An unknown base image may define any ENV: then only global ARGs are judged.
    bool base_known = root->image.text == "scratch";
    if (const images::KnownImage* image = images::find_official(root->image)) {
      base_known = true;
      defined.insert(image->env.begin(), image->env.end());
    }
    for (const Instruction* instruction : stage.instructions) {
      const bool defines =
          instruction->kind == InstructionKind::Env || instruction->kind == InstructionKind::Arg;
      if (builder_expands(instruction->kind)) {
        for (const Span range : expanded_ranges(*instruction)) {
          for (const Reference& ref :
               references_in(source.substr(range.begin, range.size()), range.begin, file.escape)) {
            if (always_defined(ref.name) || defined.count(ref.name)) continue;
            if (defines && defined_earlier_in(*instruction, ref)) continue;
            if (globals.count(ref.name)) {
              context.report(ref.span, "`" + std::string(ref.name) +
                                           "` is a global ARG, which is not in scope inside a "
                                           "stage: repeat `ARG " +
                                           std::string(ref.name) + "` after FROM");
            } else if (base_known) {
              context.report(ref.span, "`" + std::string(ref.name) +
                                           "` is not defined by any ARG or ENV in scope");
            }
          }
        }
      }
      if (defines) {
        for (const dockerfile::KeyValue& pair : instruction->pairs) defined.insert(pair.key.text);
      }
    }
  }

  // `ENV A=1 B=$A`: a name set earlier in the same instruction.
  static bool defined_earlier_in(const Instruction& instruction, const Reference& ref) {
    return std::any_of(instruction.pairs.begin(), instruction.pairs.end(),
                       [&](const dockerfile::KeyValue& pair) {
                         return pair.key.text == ref.name && pair.span.end <= ref.span.begin;
                       });
  }
};

}  // namespace

const Rule& rule_DF004() {
  static const UndefinedVariableRule rule;
  return rule;
}

}  // namespace berth::rules
