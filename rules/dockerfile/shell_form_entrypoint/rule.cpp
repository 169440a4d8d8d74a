// DF602 shell-form-entrypoint: CMD or ENTRYPOINT in shell form.
#include <algorithm>
#include <cctype>

#include "analyzer/dockerfile/model.h"
#include "analyzer/engine/rule_context.h"

namespace berth::rules {
namespace {

using dockerfile::Instruction;
using dockerfile::InstructionKind;

// Shell words that are not programs: in exec form they would fail to start.
constexpr std::string_view kShellOnly[] = {
    "exec",    "cd",       "export",  "set",      "source",   ".",      "eval",
    "trap",    "ulimit",   "umask",   "exit",     "if",       "then",   "while",
    "for",     "until",    "case",    "function", "alias",    "unset",  "shift",
    "read",    "wait",     "return",  "break",    "continue", "local",  "declare",
    "typeset", "readonly", "command", "builtin",  "hash",     "type",   "getopts",
    "!",       "{",        "}",       "[[",       "time",     "coproc", "select"};

bool plain_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) ||
         std::string_view("_./:,@%+=-").find(c) != std::string_view::npos;
}

// The command's words when the shell would do nothing but split it on blanks: no quoting,
// expansion, globbing, operators, redirection or assignment.
std::optional<std::vector<std::string_view>> plain_words(std::string_view command) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < command.size()) {
    if (command[i] == ' ' || command[i] == '\t') {
      ++i;
      continue;
    }
    const size_t start = i;
    while (i < command.size() && command[i] != ' ' && command[i] != '\t') {
      if (!plain_char(command[i])) return std::nullopt;
      ++i;
    }
    words.push_back(command.substr(start, i - start));
  }
  if (words.empty() || words.front().find('=') != std::string_view::npos) return std::nullopt;
  if (std::find(std::begin(kShellOnly), std::end(kShellOnly), words.front()) !=
      std::end(kShellOnly)) {
    return std::nullopt;
  }
  return words;
}

std::string exec_form(const std::vector<std::string_view>& words) {
  std::string out = "[";
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += ", ";
    out += '"';
    out += words[i];
    out += '"';
  }
  return out + "]";
}

class ShellFormEntrypointRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "DF602",
        .name = "shell-form-entrypoint",
        .target = RuleTarget::Dockerfile,
        .severity = Severity::Info,
        .summary = "CMD or ENTRYPOINT in shell form",
        .docs = R"md(## What it does
Reports a `CMD` or `ENTRYPOINT` written in shell form (`CMD node server.js`) instead of exec
form (`CMD ["node", "server.js"]`). A stage that sets `SHELL` (itself or in a stage it is
built `FROM`) is exempt: the shell was chosen on purpose, as BuildKit's check also assumes.
`HEALTHCHECK CMD` is not reported: its command runs beside the main process and does not
receive signals. Neither is a command starting with `exec` (`CMD exec gunicorn "$APP"`): the
shell replaces itself with the program, which then receives signals as PID 1.

The fix rewrites the command in exec form when it is plain words the shell would only split
on blanks (no quotes, `$`, globs, operators, redirections, assignments or shell builtins).
It is safe for `CMD` unless the stage has an exec-form `ENTRYPOINT` (which would then receive
different arguments), and always unsafe for `ENTRYPOINT`: in exec form `docker run` arguments
and `CMD` are appended to it, where the shell form ignored them.

## Why is this bad?
The shell form runs `/bin/sh -c "..."`: the shell is PID 1 and does not forward `SIGTERM`,
so `docker stop` waits its timeout and then kills the application without a graceful
shutdown. It also needs `/bin/sh` in the image (distroless and scratch images have none),
and a shell-form `ENTRYPOINT` silently ignores `CMD` and `docker run` arguments.

## Example
```dockerfile
FROM node:22-slim
CMD node server.js
```

## Use instead
```dockerfile
FROM node:22-slim
CMD ["node", "server.js"]
```

## Options
None.

## References
- [Dockerfile reference: shell and exec form](https://docs.docker.com/reference/dockerfile/#shell-and-exec-form)
- [Build checks: JSONArgsRecommended](https://docs.docker.com/reference/build-checks/json-args-recommended/)
- hadolint DL3025
)md",
        .tags = {"reliability"},
        .aliases = {{"hadolint", "DL3025"}, {"buildkit", "JSONArgsRecommended"}},
        .has_fix = true,
    };
    return info;
  }

  void check_dockerfile(const dockerfile::Dockerfile& file, RuleContext& context) const override {
    const std::string_view source = context.source().text();
    for (const dockerfile::Stage& stage : file.stages) {
      std::vector<const dockerfile::Stage*> chain;
      for (int index = stage.index; index >= 0 && chain.size() <= file.stages.size();
           index = file.stages[static_cast<size_t>(index)].parent) {
        chain.push_back(&file.stages[static_cast<size_t>(index)]);
      }
      bool custom_shell = false;
      bool exec_entrypoint = false;
      for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        for (const Instruction* instruction : (*it)->instructions) {
          if (instruction->kind == InstructionKind::Shell) custom_shell = true;
          if (instruction->kind == InstructionKind::Entrypoint) {
            exec_entrypoint = instruction->json_form;
          }
          if (*it != &stage) continue;
          if (instruction->kind != InstructionKind::Cmd &&
              instruction->kind != InstructionKind::Entrypoint) {
            continue;
          }
          if (instruction->json_form || custom_shell || instruction->args.empty()) continue;
          report(*instruction, exec_entrypoint, source, context);
        }
      }
    }
  }

 private:
  static void report(const Instruction& instruction, bool exec_entrypoint, std::string_view source,
                     RuleContext& context) {
    uint32_t end = instruction.arguments_span.end;
    while (end > instruction.arguments_span.begin &&
           std::isspace(static_cast<unsigned char>(source[end - 1]))) {
      --end;
    }
    const Span command{instruction.arguments_span.begin, end};
    // `CMD exec server`: the shell replaces itself with the program, which then is PID 1 and
    // receives signals; the shell form is there for the expansion.
    const std::string_view text = source.substr(command.begin, command.size());
    if (text.starts_with("exec ") || text.starts_with("exec\t")) return;
    const std::string keyword(dockerfile::keyword_of(instruction.kind));
    std::optional<Fix> fix;
    if (instruction.heredocs.empty()) {
      if (auto words = plain_words(source.substr(command.begin, command.size()))) {
        const bool is_cmd = instruction.kind == InstructionKind::Cmd;
        fix = Fix{"Write " + keyword + " in exec form",
                  is_cmd && !exec_entrypoint,
                  {TextEdit{command, exec_form(*words), {}, {}}}};
      }
    }
    context.report(command,
                   keyword + " in shell form runs under /bin/sh, which does not forward signals",
                   std::move(fix));
  }
};

}  // namespace

const Rule& rule_DF602() {
  static const ShellFormEntrypointRule rule;
  return rule;
}

}  // namespace berth::rules
