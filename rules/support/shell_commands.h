// Shared reading of RUN shell commands for the package-manager and download rules: which
// program a command really runs (through sudo, env, xargs, ...), which package manager and
// subcommand it is, its package operands, and RUN-level facts (cache mounts, cleanup).
#pragma once

#include <cstddef>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/dockerfile/model.h"

namespace berth::rules::shell {

inline constexpr size_t kNone = static_cast<size_t>(-1);

// `/usr/bin/apt-get` -> `apt-get`.
std::string_view basename(std::string_view path);

// A command with its wrappers looked through: `sudo -E env X=1 apt-get install` runs
// `apt-get` at argv index 3.
struct Invocation {
  const dockerfile::ShellCommand* command = nullptr;
  size_t program = 0;             // argv index of the program actually run
  bool via_xargs = false;         // more operands arrive on stdin
  std::string_view name() const;  // basename of the program word
  const dockerfile::Word& word(size_t index) const { return command->argv[index]; }
  size_t size() const { return command->argv.size(); }
};
Invocation unwrap(const dockerfile::ShellCommand& command);

enum class Manager {
  AptGet,
  Apt,
  Aptitude,
  Apk,
  Yum,
  Dnf,
  Microdnf,
  Tdnf,
  Zypper,
  Pip,
  Npm,
  Yarn,
  Pnpm,
  Gem,
  Go
};

struct PackageCommand {
  Manager manager = Manager::AptGet;
  Invocation invocation;
  size_t name_index = 0;            // the manager word (`python` for `python -m pip`)
  size_t subcommand_index = kNone;  // first operand after the manager's own options
  std::vector<size_t> operands;     // later words that are neither options nor option values

  const dockerfile::ShellCommand& command() const { return *invocation.command; }
  const dockerfile::Word& word(size_t index) const { return invocation.word(index); }
  std::string_view subcommand() const;
  // From the manager word through the subcommand word (or the manager word alone): the span
  // every package-manager rule reports on.
  Span span() const;
  // Like ShellCommand::has_flag, over the words after the manager.
  bool has_flag(std::initializer_list<std::string_view> flags) const;
  // The value of `-o NAME=VALUE` / `--option=NAME=VALUE` style apt options, or of a
  // `--name value` / `--name=value` option.
  std::optional<std::string> option_value(std::initializer_list<std::string_view> names) const;
};
std::optional<PackageCommand> parse_package_command(const dockerfile::ShellCommand& command);

// Subcommands that fetch and install packages (`apt-get install`, `apk add`, `dnf up`, ...).
bool installs_packages(const PackageCommand& command);
// Subcommands that only refresh package indexes (`apt-get update`, `yum makecache`, ...).
bool refreshes_index(const PackageCommand& command);

// Every RUN of the file, including the RUN inside `ONBUILD RUN …`.
void for_each_run(const dockerfile::Dockerfile& file,
                  const std::function<void(const dockerfile::Instruction&)>& visit);

// Every command of every script of a RUN (shell form, then heredoc bodies), in source order.
void for_each_command(const dockerfile::Instruction& run,
                      const std::function<void(const dockerfile::ShellCommand&)>& visit);

// A cache or tmpfs mount whose target is one of `dirs` or a parent of one.
bool has_cache_mount(const dockerfile::Instruction& run,
                     std::initializer_list<std::string_view> dirs);

// An `rm` (or `find … -delete`) after offset `after` whose operand is one of `dirs`, a parent
// of one, or inside one (trailing `/`, `*` and `/*` ignored on both sides).
bool removes_path_after(const dockerfile::Instruction& run, uint32_t after,
                        std::initializer_list<std::string_view> prefixes);

// Whether the instruction's layers end up in the shipped image: its stage is in the shipped
// chain, or the file has no stage at all (a fragment is judged as it is).
bool in_shipped_image(const dockerfile::Dockerfile& file, const dockerfile::Instruction& run);

// The `NAME=value` assignments written before the program: `PIP_NO_CACHE_DIR=1 pip install`.
std::optional<std::string> prefix_assignment(const dockerfile::ShellCommand& command,
                                             std::string_view source, std::string_view name);

// The value an ENV or ARG in `stage` or its parents gives `name` before `before`, if any.
// Logarithmic in the number of definitions (Dockerfile::definitions), so rules may ask it
// about every instruction.
std::optional<std::string> stage_variable(const dockerfile::Dockerfile& file,
                                          const dockerfile::Instruction& before,
                                          std::string_view name);

// pip's reading of boolean environment values: 1/true/yes/on.
bool truthy(std::string_view value);

// Whether any RUN of an instruction's stage chain before it wrote apt configuration text
// that contains `needle` (e.g. `APT::Install-Recommends "false"` into /etc/apt/apt.conf.d).
// Built once per file and asked per RUN: the RUNs are searched once, on the first question.
class EarlierRunMentions {
 public:
  EarlierRunMentions(const dockerfile::Dockerfile& file, std::string_view needle)
      : file_(file), needle_(needle) {}
  bool before(const dockerfile::Instruction& instruction);

 private:
  const dockerfile::Dockerfile& file_;
  std::string needle_;
  std::vector<int> first_mention_;  // per stage: position of its first mentioning RUN, or -1
  bool searched_ = false;
};

}  // namespace berth::rules::shell
