// DF202 sudo-in-run: `sudo` invoked in a RUN.
#include "analyzer/dockerfile/model.h"
#include "analyzer/engine/rule_context.h"
#include "rules/support/shell_commands.h"

namespace berth::rules {
namespace {

// Wrappers that run their operand as a command, so `env sudo …` and `xargs sudo …` count.
bool runs_operand(std::string_view name) {
  return name == "env" || name == "xargs" || name == "nohup" || name == "nice" || name == "time" ||
         name == "command" || name == "exec" || name == "timeout" || name == "stdbuf" ||
         name == "eatmydata";
}

bool is_assignment(std::string_view word) {
  const size_t eq = word.find('=');
  return eq != std::string_view::npos && eq > 0 && word[0] != '-';
}

// `timeout 10 sudo …`, `xargs -n 1 sudo …`: a number or duration operand of a wrapper.
bool is_count_or_duration(std::string_view word) {
  if (word.empty() || !std::isdigit(static_cast<unsigned char>(word[0]))) return false;
  const size_t end = word.find_first_not_of("0123456789.");
  return end == std::string_view::npos ||
         (end + 1 == word.size() &&
          std::string_view("smhd").find(word[end]) != std::string_view::npos);
}

// The argv index of `sudo` in `command`, looking through leading wrappers.
std::optional<size_t> sudo_index(const dockerfile::ShellCommand& command) {
  bool after_wrapper = false;
  for (size_t i = 0; i < command.argv.size(); ++i) {
    const std::string_view word = command.argv[i].text;
    const std::string_view name = shell::basename(word);
    if (name == "sudo") return i;
    if (runs_operand(name)) {
      after_wrapper = true;
      continue;
    }
    if (after_wrapper &&
        (word.starts_with('-') || is_assignment(word) || is_count_or_duration(word))) {
      continue;
    }
    return std::nullopt;
  }
  return std::nullopt;
}

class SudoInRunRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "DF202",
        .name = "sudo-in-run",
        .target = RuleTarget::Dockerfile,
        .severity = Severity::Warning,
        .summary = "`sudo` invoked in a RUN instruction",
        .docs = R"md(## What it does
Reports every `sudo` command in a RUN (shell form, exec form, heredoc scripts, command
substitutions, and behind wrappers such as `env sudo …` or `xargs sudo …`), in every stage.
Installing the `sudo` package (`apt-get install sudo`) is not reported.

## Why is this bad?
RUN already executes as the current `USER`. `sudo` in a build means the image ships `sudo`
and a sudoers entry, so anything that later runs as that user can become root; its TTY and
signal handling are also unpredictable in a build. Switch users with `USER` instead, and use
`gosu`/`su-exec` in an entrypoint that must drop privileges at run time.

## Example
```dockerfile
FROM debian:12-slim
RUN useradd app
USER app
RUN sudo apt-get update && sudo apt-get install -y --no-install-recommends curl
```

## Use instead
```dockerfile
FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd app
USER app
```

## Options
None.

## References
- [Docker best practices: USER](https://docs.docker.com/build/building/best-practices/#user)
- [gosu](https://github.com/tianon/gosu)
- hadolint DL3004, Trivy DS-0010, Checkov CKV2_DOCKER_1
)md",
        .tags = {"security"},
        .security_severity = "5.0",
        .aliases = {{"hadolint", "DL3004"}, {"trivy", "DS-0010"}, {"checkov", "CKV2_DOCKER_1"}},
    };
    return info;
  }

  void check_dockerfile(const dockerfile::Dockerfile& file, RuleContext& context) const override {
    shell::for_each_run(file, [&](const dockerfile::Instruction& run) {
      shell::for_each_command(run, [&](const dockerfile::ShellCommand& command) {
        if (const auto index = sudo_index(command)) {
          context.report(command.argv[*index].span,
                         "`sudo` in RUN: switch users with USER, or use gosu/su-exec at run time");
        }
      });
    });
  }
};

}  // namespace

const Rule& rule_DF202() {
  static const SudoInRunRule rule;
  return rule;
}

}  // namespace berth::rules
