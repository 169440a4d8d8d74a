// DF203 world-writable-permissions: `chmod 777`, `chmod o+w`, `--chmod=666` and friends that
// let every user of the container write the files.
#include <vector>

#include "analyzer/dockerfile/model.h"
#include "analyzer/engine/rule_context.h"
#include "rules/support/shell_commands.h"

namespace berth::rules {
namespace {

using dockerfile::ShellCommand;
using dockerfile::Word;

enum class ModeEffect { Unknown, Safe, WorldWritable };

// Octal (`777`, `0666`, `2777`) or symbolic (`o+w`, `a=rwx`, `u+x,go+w`) chmod modes.
// A sticky bit (`1777`, `+t`) is the standard shared-directory pattern (/tmp): not reported.
ModeEffect mode_effect(std::string_view mode) {
  if (mode.empty()) return ModeEffect::Unknown;
  if (mode.find_first_not_of("01234567") == std::string_view::npos) {
    if (mode.size() > 5) return ModeEffect::Unknown;
    unsigned value = 0;
    for (char c : mode) value = value * 8 + static_cast<unsigned>(c - '0');
    if ((value & 01000u) != 0) return ModeEffect::Safe;
    return (value & 02u) != 0 ? ModeEffect::WorldWritable : ModeEffect::Safe;
  }
  bool others_write = false;
  bool sticky = false;
  size_t begin = 0;
  while (begin <= mode.size()) {
    const size_t end = std::min(mode.find(',', begin), mode.size());
    const std::string_view clause = mode.substr(begin, end - begin);
    const size_t ops = clause.find_first_of("+-=");
    if (ops == std::string_view::npos) return ModeEffect::Unknown;
    const std::string_view who = clause.substr(0, ops);
    if (who.find_first_not_of("ugoa") != std::string_view::npos) return ModeEffect::Unknown;
    // Without a `who`, the umask (022 in builds) keeps others from gaining write.
    const bool reaches_others =
        who.find('o') != std::string_view::npos || who.find('a') != std::string_view::npos;
    // `o+w-x=r...`: each operator applies to the permissions after it.
    size_t i = ops;
    while (i < clause.size()) {
      const char op = clause[i++];
      if (op != '+' && op != '-' && op != '=') return ModeEffect::Unknown;
      const size_t perms_end = std::min(clause.find_first_of("+-=", i), clause.size());
      const std::string_view perms = clause.substr(i, perms_end - i);
      if (perms.find_first_not_of("rwxXstugo") != std::string_view::npos)
        return ModeEffect::Unknown;
      if (op != '-' && perms.find('t') != std::string_view::npos) sticky = true;
      if (reaches_others) {
        const bool has_write = perms.find('w') != std::string_view::npos;
        if (op == '+' && has_write) others_write = true;
        if (op == '=') others_write = has_write;
        if (op == '-' && has_write) others_write = false;
      }
      i = perms_end;
    }
    begin = end + 1;
  }
  if (sticky) return ModeEffect::Safe;
  return others_write ? ModeEffect::WorldWritable : ModeEffect::Safe;
}

struct ModeUse {
  const Word* mode = nullptr;
  std::string_view program;
  bool recursive = false;
  std::vector<const Word*> files;  // operands after the mode
};

// `chmod [options] MODE FILE...` starting after the program word at `index`.
std::optional<ModeUse> chmod_mode(const ShellCommand& command, size_t program) {
  ModeUse use{nullptr, "chmod", false};
  for (size_t i = program + 1; i < command.argv.size(); ++i) {
    const std::string_view word = command.argv[i].text;
    if (word == ";" || word == "+" || word == "{}") break;  // end of a find -exec
    if (word == "--recursive" || (word.starts_with('-') && !word.starts_with("--") &&
                                  word.find_first_not_of("-RvfcH") == std::string_view::npos &&
                                  word.find('R') != std::string_view::npos)) {
      use.recursive = true;
      continue;
    }
    // `-w` and `-x` are modes (remove permissions); other dashed words are options.
    if (word.starts_with('-') && word.find_first_not_of("-rwxXst") != std::string_view::npos)
      continue;
    if (word == "--") continue;
    use.mode = &command.argv[i];
    for (size_t j = i + 1; j < command.argv.size(); ++j) {
      const std::string_view operand = command.argv[j].text;
      if (operand == ";" || operand == "+" || operand == "{}") break;
      if (operand == "-R" || operand == "--recursive")
        use.recursive = true;  // GNU: options anywhere
      if (!operand.starts_with('-')) use.files.push_back(&command.argv[j]);
    }
    return use;
  }
  return std::nullopt;
}

std::string_view trim_path(std::string_view path) {
  while (path.size() > 1 && (path.back() == '/' || path.back() == '*')) path.remove_suffix(1);
  return path;
}

// `tmp="$(mktemp -d)" && chmod 777 "$tmp" && … && rm -rf "$tmp"`: files removed later in the
// same RUN (the file itself or a parent directory) never reach the image.
bool removed_later(const dockerfile::Instruction& run, const ModeUse& use) {
  if (use.files.empty()) return false;
  for (const Word* file : use.files) {
    const std::string_view target = trim_path(file->text);
    bool removed = false;
    shell::for_each_command(run, [&](const ShellCommand& command) {
      if (removed || command.span.begin < file->span.end) return;
      const shell::Invocation rm = shell::unwrap(command);
      if (rm.name() != "rm") return;
      for (size_t i = rm.program + 1; i < rm.size() && !removed; ++i) {
        const std::string_view operand = trim_path(rm.word(i).text);
        removed = !operand.starts_with('-') && target.starts_with(operand) &&
                  (target.size() == operand.size() || target[operand.size()] == '/');
      }
    });
    if (!removed) return false;
  }
  return true;
}

// `mkdir -m 777 dir`, `install -m 0666 src dst`, `--mode=777`.
std::optional<ModeUse> mode_option(const ShellCommand& command, size_t program,
                                   std::string_view name) {
  for (size_t i = program + 1; i < command.argv.size(); ++i) {
    const Word& word = command.argv[i];
    if ((word.text == "-m" || word.text == "--mode") && i + 1 < command.argv.size()) {
      return ModeUse{&command.argv[i + 1], name, false, {}};
    }
    if (word.text.starts_with("--mode=") || (word.text.starts_with("-m") && word.text.size() > 2)) {
      return ModeUse{&word, name, false, {}};
    }
  }
  return std::nullopt;
}

std::string_view mode_text(const ModeUse& use) {
  std::string_view text = use.mode->text;
  if (text.starts_with("--mode="))
    text.remove_prefix(7);
  else if (text.starts_with("-m"))
    text.remove_prefix(2);
  return text;
}

class WorldWritablePermissionsRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "DF203",
        .name = "world-writable-permissions",
        .target = RuleTarget::Dockerfile,
        .severity = Severity::Warning,
        .summary = "Files made writable by every user (`chmod 777`, `o+w`, `--chmod=666`)",
        .docs = R"md(## What it does
Reports permission changes that give *others* write access, in stages that end up in the
shipped image:

- `chmod` in RUN with an octal mode whose last digit has the write bit (`777`, `666`,
  `0757`, `-R 777`) or a symbolic mode adding `w` for `o` or `a` (`o+w`, `a+rwX`, `go=rwx`),
  also behind `sudo`, `xargs`, and in `find … -exec chmod`;
- `mkdir -m`/`install -m` with such a mode;
- `COPY --chmod=` / `ADD --chmod=` with such a mode.

The finding sits on the mode. Modes with the sticky bit (`1777`, `+t`) are not reported:
that is the standard pattern for shared temporary directories such as `/tmp`. A symbolic
mode without a `who` (`+w`) is not reported either, since the build's umask (022) keeps
others from gaining write.

## Why is this bad?
In a world-writable file or directory, any process in the container, whatever its user,
can replace binaries, scripts or configuration that a more privileged process later runs
or reads. This turns a compromise of an unprivileged process into code execution as the
application user or root. `777` is almost always a shortcut for "I could not work out the
owner": fix the owner instead.

## Example
```dockerfile
FROM node:20-slim
COPY --chmod=777 app/ /app/
RUN chmod -R 777 /app/cache
USER node
```

## Use instead
```dockerfile
FROM node:20-slim
COPY --chown=node:node --chmod=755 app/ /app/
RUN mkdir -p /app/cache && chown node:node /app/cache && chmod 700 /app/cache
USER node
```

## Options
None.

## References
- [chmod(1)](https://man7.org/linux/man-pages/man1/chmod.1.html)
- [Dockerfile reference: COPY --chmod](https://docs.docker.com/reference/dockerfile/#copy---chown---chmod)
- [CWE-732: Incorrect Permission Assignment for Critical Resource](https://cwe.mitre.org/data/definitions/732.html)
)md",
        .tags = {"security"},
        .security_severity = "5.0",
    };
    return info;
  }

  void check_dockerfile(const dockerfile::Dockerfile& file, RuleContext& context) const override {
    auto report = [&](const ModeUse& use, std::string_view mode) {
      if (mode_effect(mode) != ModeEffect::WorldWritable) return;
      context.report(use.mode->span, "`" + std::string(use.program) + " " + std::string(mode) +
                                         "` makes files writable by every user" +
                                         (use.recursive ? " (recursively)" : ""));
    };
    shell::for_each_run(file, [&](const dockerfile::Instruction& run) {
      if (!shell::in_shipped_image(file, run)) return;
      shell::for_each_command(run, [&](const ShellCommand& command) {
        const shell::Invocation invocation = shell::unwrap(command);
        const std::string_view name = invocation.name();
        std::optional<ModeUse> use;
        if (name == "chmod") use = chmod_mode(command, invocation.program);
        if (name == "mkdir" || name == "install")
          use = mode_option(command, invocation.program, name);
        if (use && use->mode && !removed_later(run, *use)) report(*use, mode_text(*use));
        // find … -exec chmod MODE {} ;
        for (size_t i = 0; i + 1 < command.argv.size(); ++i) {
          const std::string_view word = command.argv[i].text;
          if ((word == "-exec" || word == "-execdir" || word == "-ok") &&
              shell::basename(command.argv[i + 1].text) == "chmod") {
            if (auto exec = chmod_mode(command, i + 1); exec && exec->mode) {
              report(*exec, exec->mode->text);
            }
          }
        }
      });
    });
    for (const auto& instruction : file.instructions) {
      const dockerfile::Instruction* copy = instruction.get();
      if (copy->onbuild) copy = copy->onbuild.get();
      if (copy->kind != dockerfile::InstructionKind::Copy &&
          copy->kind != dockerfile::InstructionKind::Add) {
        continue;
      }
      if (!shell::in_shipped_image(file, *copy)) continue;
      const dockerfile::Flag* chmod = copy->flag("chmod");
      if (!chmod || !chmod->value) continue;
      const std::string keyword = copy->kind == dockerfile::InstructionKind::Copy ? "COPY" : "ADD";
      if (mode_effect(*chmod->value) != ModeEffect::WorldWritable) continue;
      context.report(chmod->value_span, "`" + keyword + " --chmod=" + *chmod->value +
                                            "` makes files writable by every user");
    }
  }
};

}  // namespace

const Rule& rule_DF203() {
  static const WorldWritablePermissionsRule rule;
  return rule;
}

}  // namespace berth::rules
