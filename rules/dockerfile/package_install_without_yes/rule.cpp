// DF511 package-install-without-yes: package-manager commands that stop at a confirmation
// prompt during a non-interactive build.
#include <algorithm>

#include "analyzer/dockerfile/model.h"
#include "analyzer/engine/rule_context.h"
#include "rules/support/shell_commands.h"

namespace berth::rules {
namespace {

using shell::Manager;

bool prompts(const shell::PackageCommand& command) {
  const std::string_view sub = command.subcommand();
  switch (command.manager) {
    case Manager::AptGet:
    case Manager::Apt:
      return shell::installs_packages(command) || sub == "remove" || sub == "purge" ||
             sub == "autoremove";
    case Manager::Yum:
    case Manager::Dnf:
    case Manager::Tdnf:
    case Manager::Zypper:
      return shell::installs_packages(command) || sub == "remove" || sub == "erase" ||
             sub == "rm" || sub == "autoremove";
    default:
      // microdnf never asks; apk, pip, npm, gem and go do not prompt either.
      return false;
  }
}

// apt-get: `-q` twice (`-qq`, `-q -q`, `-q=2`, `--quiet=2`) implies `-y`.
int apt_quiet_level(const shell::PackageCommand& command) {
  int level = 0;
  for (size_t i = command.name_index + 1; i < command.invocation.size(); ++i) {
    const std::string& word = command.word(i).text;
    if (word == "--quiet") {
      ++level;
    } else if (word.starts_with("--quiet=") || word.starts_with("-q=")) {
      level += std::max(0, std::atoi(word.substr(word.find('=') + 1).c_str()));
    } else if (word.size() > 1 && word[0] == '-' && word[1] != '-' &&
               word.find('=') == std::string::npos) {
      level += static_cast<int>(std::count(word.begin(), word.end(), 'q'));
    }
  }
  return level;
}

bool answered(const shell::PackageCommand& command) {
  switch (command.manager) {
    case Manager::AptGet:
    case Manager::Apt:
      if (command.has_flag({"-y", "--yes", "--assume-yes"})) return true;
      // A simulation (`apt-get install -s pkg`) changes nothing and never asks.
      if (command.has_flag(
              {"-s", "--simulate", "--dry-run", "--just-print", "--no-act", "--recon"})) {
        return true;
      }
      if (apt_quiet_level(command) >= 2) return true;
      return std::any_of(command.command().argv.begin(), command.command().argv.end(),
                         [](const dockerfile::Word& word) {
                           return word.text.find("Assume-Yes=true") != std::string::npos ||
                                  word.text.find("Assume-Yes=1") != std::string::npos;
                         });
    case Manager::Zypper:
      return command.has_flag({"-n", "--non-interactive", "-y", "--no-confirm"});
    default:
      return command.has_flag({"-y", "--assumeyes"});
  }
}

// `yes | apt-get install …` and `echo y | …` answer the prompt on stdin.
bool fed_answers(const dockerfile::ShellScript& script, const dockerfile::ShellCommand& command) {
  if (command.pipeline < 0 || command.pipeline_position == 0) return false;
  for (const dockerfile::ShellCommand& other : script.commands) {
    if (other.pipeline != command.pipeline ||
        other.pipeline_position >= command.pipeline_position) {
      continue;
    }
    const std::string_view name = shell::unwrap(other).name();
    if (name == "yes" || name == "echo" || name == "printf") return true;
  }
  return false;
}

class PackageInstallWithoutYesRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "DF511",
        .name = "package-install-without-yes",
        .target = RuleTarget::Dockerfile,
        .severity = Severity::Warning,
        .summary = "apt-get/yum/dnf/zypper install without `-y`/`--yes`/`-n`",
        .docs = R"md(## What it does
Reports package-manager commands that ask for confirmation when run without an answer:

- `apt-get`/`apt` `install`, `upgrade`, `dist-upgrade`, `remove`, `purge`, `autoremove`, …
  without `-y`, `--yes`, `--assume-yes`, `-qq` (quiet level 2 implies `-y`) or
  `-o APT::Get::Assume-Yes=true`;
- `yum`/`dnf`/`tdnf` `install`, `update`, `remove`, … without `-y`/`--assumeyes`;
- `zypper` `install`/`in`, `update`, `remove`, … without `-n`/`--non-interactive`, `-y` or
  `--no-confirm`.

`microdnf`, `apk` and `pip` never prompt and are not reported. Commands fed by `yes |` or
`echo y |` are not reported either. The finding sits on the manager and subcommand words
(`apt-get install`).

The fix inserts `-y` after the subcommand.

## Why is this bad?
A build has no terminal: the prompt reads end-of-file and the command aborts ("Do you want to
continue? [Y/n] Abort."), failing the build, or, worse, a wrapper ignores the failure and the
packages silently are not installed.

## Example
```dockerfile
FROM debian:12-slim
RUN apt-get update && apt-get install --no-install-recommends curl
```

## Use instead
```dockerfile
FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl
```

## Options
None.

## References
- [apt-get(8)](https://manpages.debian.org/apt-get.8)
- [dnf command reference](https://dnf.readthedocs.io/en/latest/command_ref.html)
- hadolint DL3014, DL3030, DL3034, DL3038; Trivy DS-0021
)md",
        .tags = {"correctness", "reliability"},
        .aliases = {{"hadolint", "DL3014"},
                    {"hadolint", "DL3030"},
                    {"hadolint", "DL3034"},
                    {"hadolint", "DL3038"},
                    {"trivy", "DS-0021"}},
        .has_fix = true,
    };
    return info;
  }

  void check_dockerfile(const dockerfile::Dockerfile& file, RuleContext& context) const override {
    shell::EarlierRunMentions assume_yes(file, "Assume-Yes");
    shell::for_each_run(file, [&](const dockerfile::Instruction& run) {
      bool configured = false;
      bool configured_known = false;
      auto judge = [&](const dockerfile::ShellCommand& command,
                       const dockerfile::ShellScript* script) {
        const auto pm = shell::parse_package_command(command);
        if (!pm || pm->subcommand_index == shell::kNone || !prompts(*pm) || answered(*pm)) return;
        if (script != nullptr && fed_answers(*script, command)) return;
        if (pm->manager == Manager::AptGet || pm->manager == Manager::Apt) {
          if (!configured_known) {
            configured = assume_yes.before(run);
            configured_known = true;
          }
          if (configured) return;
        }
        const uint32_t end = pm->word(pm->subcommand_index).span.end;
        context.report(pm->span(),
                       "`" + std::string(pm->invocation.name()) + " " +
                           std::string(pm->subcommand()) +
                           "` without `-y` stops at a confirmation prompt and fails the build",
                       Fix{"Add -y", true, {TextEdit{Span{end, end}, " -y", {}, {}}}});
      };
      if (run.json_form) {
        shell::for_each_command(run, [&](const dockerfile::ShellCommand& c) { judge(c, nullptr); });
        return;
      }
      for (const dockerfile::ShellScript& script : run.scripts) {
        for (const dockerfile::ShellCommand& command : script.commands) judge(command, &script);
      }
    });
  }
};

}  // namespace

const Rule& rule_DF511() {
  static const PackageInstallWithoutYesRule rule;
  return rule;
}

}  // namespace berth::rules
