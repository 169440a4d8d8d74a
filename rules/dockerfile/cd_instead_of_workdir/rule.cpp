// DF605 cd-instead-of-workdir: a RUN that starts by `cd`-ing into a directory, the job of
// WORKDIR.
#include <cctype>

#include "analyzer/dockerfile/model.h"
#include "analyzer/engine/rule_context.h"
#include "rules/support/shell_commands.h"

namespace berth::rules {
namespace {

using dockerfile::Instruction;
using dockerfile::ShellCommand;

// Scratch directories are entered to download and unpack, not to set up the image's working
// directory: WORKDIR there would leak into every later instruction.
bool is_scratch_directory(std::string_view path) {
  while (path.size() > 1 && path.ends_with('/')) path.remove_suffix(1);
  return path == "/tmp" || path.starts_with("/tmp/") || path == "/var/tmp" ||
         path.starts_with("/var/tmp/") || path == "/root" || path == "~" || path == "-" ||
         path == "..";
}

// The first top-level command of `script` when nothing but blanks precede it: a `(`
// would make it a subshell, whose `cd` ends with it.
const ShellCommand* leading_command(const dockerfile::ShellScript& script,
                                    std::string_view source) {
  const ShellCommand* first = nullptr;
  for (const ShellCommand& command : script.commands) {
    if (command.in_substitution) continue;
    if (!first || command.span.begin < first->span.begin) first = &command;
  }
  if (!first || script.segments.empty()) return nullptr;
  const uint32_t script_begin = script.segments.front().source_begin;
  if (first->span.begin < script_begin) return nullptr;
  for (uint32_t i = script_begin; i < first->span.begin; ++i) {
    if (!std::isspace(static_cast<unsigned char>(source[i])) && source[i] != '\\') return nullptr;
  }
  return first;
}

class CdInsteadOfWorkdirRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "DF605",
        .name = "cd-instead-of-workdir",
        .target = RuleTarget::Dockerfile,
        .severity = Severity::Info,
        .summary = "RUN that starts by changing directory with `cd`",
        .docs = R"md(## What it does
Reports a `cd DIR` that is the first command of a RUN (shell form or heredoc script), outside
any subshell: the RUN exists in a directory the Dockerfile should set with `WORKDIR`. A RUN
that is *only* `cd` is reported too: it changes nothing for later instructions.

Not reported: a `cd` later in the script (`curl … && tar xf x.tgz && cd x && make` enters a
directory the RUN itself created), `(cd dir && make)` subshells, `cd -`, `cd ..`, and
scratch directories (`/tmp`, `/var/tmp`, `~`), where a WORKDIR would leak into every later
instruction.

## Why is this bad?
`cd` lasts only until the end of its RUN, so every RUN repeats it and a reader has to track
where each command runs. `WORKDIR` sets the directory once for every later `RUN`, `COPY`,
`CMD` and `ENTRYPOINT`, creates it if needed, and shows in the image configuration. A RUN
consisting of `cd /app` alone is a bug: the next instruction does not run in `/app`.

## Example
```dockerfile
FROM node:22-slim
COPY . /app
RUN cd /app && npm ci
RUN cd /app && npm run build
```

## Use instead
```dockerfile
FROM node:22-slim
WORKDIR /app
COPY . .
RUN npm ci
RUN npm run build
```

## Options
None.

## References
- [Docker best practices: WORKDIR](https://docs.docker.com/build/building/best-practices/#workdir)
- hadolint DL3003; Trivy DS-0013
)md",
        .tags = {"best-practice"},
        .aliases = {{"hadolint", "DL3003"}, {"trivy", "DS-0013"}},
    };
    return info;
  }

  void check_dockerfile(const dockerfile::Dockerfile& file, RuleContext& context) const override {
    const std::string_view source = context.source().text();
    shell::for_each_run(file, [&](const Instruction& run) {
      if (run.json_form) return;
      for (const dockerfile::ShellScript& script : run.scripts) {
        const ShellCommand* first = leading_command(script, source);
        if (!first || first->name() != "cd" || first->argv.size() != 2) continue;
        const std::string& directory = first->argv[1].text;
        if (directory.starts_with('-') || directory.find("$(") != std::string::npos ||
            directory.find('`') != std::string::npos || is_scratch_directory(directory)) {
          continue;
        }
        const bool alone = script.commands.size() == 1;
        context.report(
            first->span,
            alone
                ? "RUN with only `cd " + directory +
                      "` changes nothing for later instructions: use WORKDIR " + directory
                : "RUN starts with `cd " + directory + "`: use WORKDIR " + directory + " instead");
      }
    });
  }
};

}  // namespace

const Rule& rule_DF605() {
  static const CdInsteadOfWorkdirRule rule;
  return rule;
}

}  // namespace berth::rules
