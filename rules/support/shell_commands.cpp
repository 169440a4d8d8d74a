// Package-manager and wrapper knowledge shared by the DF5xx rules.
#include "rules/support/shell_commands.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "analyzer/dockerfile/shell.h"

namespace berth::rules::shell {

using dockerfile::Instruction;
using dockerfile::ShellCommand;
using dockerfile::Word;

namespace {

bool contains(std::initializer_list<std::string_view> list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

bool all_digits_or_dots(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || c == '.';
  });
}

bool is_option(std::string_view word) { return word.size() > 1 && word[0] == '-'; }

bool is_assignment(std::string_view word) {
  const size_t eq = word.find('=');
  if (eq == std::string_view::npos || eq == 0) return false;
  return std::all_of(word.begin(), word.begin() + static_cast<std::ptrdiff_t>(eq), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

// Wrapper programs that run their operand as a command, with the options of theirs that take
// a separate value (so the value is not mistaken for the program).
struct Wrapper {
  std::string_view name;
  std::initializer_list<std::string_view> valued_options;
  int leading_operands = 0;  // `timeout 10 cmd`, `gosu user cmd`
};

const Wrapper* find_wrapper(std::string_view name) {
  static const Wrapper kWrappers[] = {
      {"sudo", {"-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U", "-T"}, 0},
      {"env", {"-u", "-C", "-S", "--unset", "--chdir", "--split-string"}, 0},
      {"nice", {"-n", "--adjustment"}, 0},
      {"nohup", {}, 0},
      {"time", {"-f", "-o", "--format", "--output"}, 0},
      {"command", {}, 0},
      {"exec", {"-a"}, 0},
      {"eatmydata", {}, 0},
      {"stdbuf", {"-i", "-o", "-e"}, 0},
      {"ionice", {"-c", "-n", "-p"}, 0},
      {"timeout", {"-s", "-k", "--signal", "--kill-after"}, 1},
      {"gosu", {}, 1},
      {"su-exec", {}, 1},
      {"xargs",
       {"-n", "-I", "-i", "-L", "-l", "-P", "-d", "-E", "-e", "-s", "-a", "--max-args",
        "--max-procs", "--delimiter", "--arg-file", "--max-chars", "--replace"},
       0},
  };
  // The wrappers' first letters: most programs are turned away without a name comparison
  // (every rule that reads RUN commands asks this of every command).
  static const std::array<bool, 256> kFirstLetters = [] {
    std::array<bool, 256> letters{};
    for (const Wrapper& wrapper : kWrappers)
      letters[static_cast<unsigned char>(wrapper.name[0])] = true;
    return letters;
  }();
  if (name.empty() || !kFirstLetters[static_cast<unsigned char>(name[0])]) return nullptr;
  for (const Wrapper& wrapper : kWrappers) {
    if (wrapper.name == name) return &wrapper;
  }
  return nullptr;
}

struct ManagerSpec {
  Manager manager;
  // Options of the manager that take a separate value word.
  std::initializer_list<std::string_view> valued_options;
};

const ManagerSpec& spec_of(Manager manager) {
  static const ManagerSpec kApt{
      Manager::AptGet,
      {"-o", "-c", "-t", "--option", "--config-file", "--target-release", "--default-release"}};
  static const ManagerSpec kApk{
      Manager::Apk,
      {"-X", "--repository", "-p", "--root", "--arch", "--keys-dir", "--cache-dir",
       "--repositories-file", "-t", "--virtual", "--cache-max-age", "--timeout"}};
  static const ManagerSpec kRpm{
      Manager::Yum,
      {"-c",           "--config",      "-d",           "--debuglevel", "-e",
       "--errorlevel", "--installroot", "--releasever", "--enablerepo", "--disablerepo",
       "--repo",       "--repoid",      "-x",           "--exclude",    "--setopt",
       "--forcearch",  "--downloaddir", "--destdir",    "--color",      "--rpmverbosity"}};
  static const ManagerSpec kZypper{
      Manager::Zypper,
      {"-R", "--root", "-c", "--config", "-D", "--reposd-dir", "--cache-dir", "--raw-cache-dir",
       "--solv-cache-dir", "--pkg-cache-dir", "-r", "--repo", "--from", "-t", "--type"}};
  static const ManagerSpec kPip{Manager::Pip,
                                {"-r",
                                 "--requirement",
                                 "-c",
                                 "--constraint",
                                 "-e",
                                 "--editable",
                                 "-i",
                                 "--index-url",
                                 "--extra-index-url",
                                 "-f",
                                 "--find-links",
                                 "-t",
                                 "--target",
                                 "--prefix",
                                 "--root",
                                 "--trusted-host",
                                 "--platform",
                                 "--python-version",
                                 "--implementation",
                                 "--abi",
                                 "--src",
                                 "--upgrade-strategy",
                                 "--progress-bar",
                                 "--log",
                                 "--proxy",
                                 "--retries",
                                 "--timeout",
                                 "--cache-dir",
                                 "--cert",
                                 "--client-cert",
                                 "--exists-action",
                                 "--global-option",
                                 "--install-option",
                                 "-C",
                                 "--config-settings",
                                 "--no-binary",
                                 "--only-binary",
                                 "--report",
                                 "--python",
                                 "--root-user-action",
                                 "--use-feature",
                                 "--use-deprecated",
                                 "--keyring-provider"}};
  static const ManagerSpec kNpm{
      Manager::Npm,
      {"--prefix", "--registry", "--cache", "-w", "--workspace", "--loglevel", "--tag", "--cwd",
       "--modules-folder", "--network-timeout", "--cache-folder", "--mutex", "-C", "--dir"}};
  static const ManagerSpec kGem{Manager::Gem,
                                {"-v", "--version", "-i", "--install-dir", "-n", "--bindir", "-s",
                                 "--source", "-P", "--trust-policy", "--platform", "-g", "--file"}};
  static const ManagerSpec kGo{Manager::Go,
                               {"-o", "-ldflags", "-gcflags", "-tags", "-mod", "-modfile", "-p",
                                "-C", "-asmflags", "-pkgdir", "-toolexec", "-overlay"}};
  switch (manager) {
    case Manager::AptGet:
    case Manager::Apt:
    case Manager::Aptitude:
      return kApt;
    case Manager::Apk:
      return kApk;
    case Manager::Yum:
    case Manager::Dnf:
    case Manager::Microdnf:
    case Manager::Tdnf:
      return kRpm;
    case Manager::Zypper:
      return kZypper;
    case Manager::Pip:
      return kPip;
    case Manager::Npm:
    case Manager::Yarn:
    case Manager::Pnpm:
      return kNpm;
    case Manager::Gem:
      return kGem;
    case Manager::Go:
      return kGo;
  }
  return kApt;
}

bool is_pip_name(std::string_view name) {
  return name.starts_with("pip") && all_digits_or_dots(name.substr(3));
}

bool is_python_name(std::string_view name) {
  return name.starts_with("python") && all_digits_or_dots(name.substr(6));
}

std::optional<Manager> manager_of(std::string_view name) {
  static const std::pair<std::string_view, Manager> kNames[] = {
      {"apt-get", Manager::AptGet},
      {"apt", Manager::Apt},
      {"aptitude", Manager::Aptitude},
      {"apk", Manager::Apk},
      {"yum", Manager::Yum},
      {"dnf", Manager::Dnf},
      {"dnf5", Manager::Dnf},
      {"microdnf", Manager::Microdnf},
      {"tdnf", Manager::Tdnf},
      {"zypper", Manager::Zypper},
      {"npm", Manager::Npm},
      {"yarn", Manager::Yarn},
      {"pnpm", Manager::Pnpm},
      {"gem", Manager::Gem},
      {"go", Manager::Go},
  };
  for (const auto& [known, manager] : kNames) {
    if (known == name) return manager;
  }
  if (is_pip_name(name)) return Manager::Pip;
  return std::nullopt;
}

// Skips options (and the values of valued options) from `index`; returns the first operand.
size_t next_operand(const Invocation& invocation, size_t index,
                    std::initializer_list<std::string_view> valued_options) {
  while (index < invocation.size()) {
    const std::string& word = invocation.word(index).text;
    if (word == "--") return index + 1 < invocation.size() ? index + 1 : kNone;
    if (!is_option(word)) return index;
    if (contains(valued_options, word)) ++index;
    ++index;
  }
  return kNone;
}

std::string_view trim_path(std::string_view path) {
  while (!path.empty() && (path.back() == '*' || path.back() == '/')) path.remove_suffix(1);
  return path;
}

}  // namespace

std::string_view basename(std::string_view path) {
  const size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string_view Invocation::name() const {
  return program < size() ? basename(word(program).text) : std::string_view();
}

Invocation unwrap(const ShellCommand& command) {
  Invocation invocation{&command, 0, false};
  // Wrappers nest (`sudo env X=1 xargs apt-get`); a bounded walk keeps malformed input cheap.
  for (int depth = 0; depth < 8 && invocation.program < command.argv.size(); ++depth) {
    const Wrapper* wrapper = find_wrapper(basename(command.argv[invocation.program].text));
    if (wrapper == nullptr) break;
    if (wrapper->name == "xargs") invocation.via_xargs = true;
    size_t index = invocation.program + 1;
    while (index < command.argv.size()) {
      const std::string& word = command.argv[index].text;
      if (word == "--") {
        ++index;
        break;
      }
      if (is_option(word)) {
        if (contains(wrapper->valued_options, word)) ++index;
        ++index;
        continue;
      }
      if (wrapper->name == "env" && is_assignment(word)) {
        ++index;
        continue;
      }
      break;
    }
    index += static_cast<size_t>(wrapper->leading_operands);
    if (index >= command.argv.size()) {
      // A bare `sudo -v` or `xargs` with no program: nothing more to look through.
      break;
    }
    invocation.program = index;
  }
  return invocation;
}

std::string_view PackageCommand::subcommand() const {
  return subcommand_index == kNone ? std::string_view()
                                   : std::string_view(word(subcommand_index).text);
}

Span PackageCommand::span() const {
  const Span first = word(name_index).span;
  const Span last = subcommand_index == kNone ? first : word(subcommand_index).span;
  return {first.begin, last.end};
}

bool PackageCommand::has_flag(std::initializer_list<std::string_view> flags) const {
  // Reuses ShellCommand's flag matching on the words after the manager; wrapper options
  // before it (sudo -E) must not count.
  ShellCommand tail;
  tail.argv.assign(command().argv.begin() + static_cast<std::ptrdiff_t>(name_index),
                   command().argv.end());
  return tail.has_flag(flags);
}

std::optional<std::string> PackageCommand::option_value(
    std::initializer_list<std::string_view> names) const {
  for (size_t i = name_index + 1; i < invocation.size(); ++i) {
    const std::string& word = invocation.word(i).text;
    for (std::string_view name : names) {
      if (word == name && i + 1 < invocation.size()) return invocation.word(i + 1).text;
      if (word.size() > name.size() && word.starts_with(name)) {
        const std::string_view rest = std::string_view(word).substr(name.size());
        if (rest.front() == '=') return std::string(rest.substr(1));
        // Short options take their value glued on: -oAPT::Get::Assume-Yes=true.
        if (name.size() == 2) return std::string(rest);
      }
    }
  }
  return std::nullopt;
}

std::optional<PackageCommand> parse_package_command(const ShellCommand& command) {
  const Invocation invocation = unwrap(command);
  if (invocation.program >= invocation.size()) return std::nullopt;
  const std::string_view name = invocation.name();
  PackageCommand result;
  result.invocation = invocation;
  result.name_index = invocation.program;
  size_t after_name = invocation.program + 1;
  if (is_python_name(name)) {
    // python [-X opt] [-u] -m pip ...
    size_t index = after_name;
    bool found = false;
    while (index < invocation.size()) {
      const std::string& word = invocation.word(index).text;
      if (word == "-m" && index + 1 < invocation.size()) {
        found = is_pip_name(invocation.word(index + 1).text);
        after_name = index + 2;
        break;
      }
      if (word.starts_with("-m") && word.size() > 2) {
        found = is_pip_name(std::string_view(word).substr(2));
        after_name = index + 1;
        break;
      }
      if (!is_option(word)) break;
      if (word == "-X" || word == "-W") ++index;
      ++index;
    }
    if (!found) return std::nullopt;
    result.manager = Manager::Pip;
  } else {
    const std::optional<Manager> manager = manager_of(name);
    if (!manager) return std::nullopt;
    result.manager = *manager;
  }
  const auto& valued = spec_of(result.manager).valued_options;
  result.subcommand_index = next_operand(invocation, after_name, valued);
  if (result.subcommand_index == kNone) return result;
  size_t index = result.subcommand_index + 1;
  while (index != kNone && index < invocation.size()) {
    index = next_operand(invocation, index, valued);
    if (index == kNone) break;
    result.operands.push_back(index);
    ++index;
  }
  return result;
}

bool installs_packages(const PackageCommand& command) {
  const std::string_view sub = command.subcommand();
  switch (command.manager) {
    case Manager::AptGet:
    case Manager::Apt:
    case Manager::Aptitude:
      return sub == "install" || sub == "upgrade" || sub == "dist-upgrade" ||
             sub == "full-upgrade" || sub == "build-dep" || sub == "reinstall" ||
             sub == "safe-upgrade";
    case Manager::Apk:
      return sub == "add" || sub == "upgrade" || sub == "fix";
    case Manager::Yum:
    case Manager::Dnf:
    case Manager::Microdnf:
    case Manager::Tdnf:
      return contains({"install", "in", "upgrade", "up", "update", "upgrade-minimal", "up-min",
                       "reinstall", "rei", "groupinstall", "localinstall", "downgrade",
                       "distro-sync", "group", "groups", "module"},
                      sub);
    case Manager::Zypper:
      return contains(
          {"install", "in", "update", "up", "dist-upgrade", "dup", "patch", "source-install", "si"},
          sub);
    case Manager::Pip:
      return sub == "install";
    case Manager::Npm:
    case Manager::Pnpm:
      return sub == "install" || sub == "i" || sub == "ci" || sub == "add";
    case Manager::Yarn:
      return sub.empty() || sub == "install" || sub == "add" || sub == "global";
    case Manager::Gem:
      return sub == "install" || sub == "update";
    case Manager::Go:
      return sub == "install" || sub == "get";
  }
  return false;
}

bool refreshes_index(const PackageCommand& command) {
  const std::string_view sub = command.subcommand();
  switch (command.manager) {
    case Manager::AptGet:
    case Manager::Apt:
    case Manager::Aptitude:
    case Manager::Apk:
      return sub == "update";
    case Manager::Yum:
    case Manager::Dnf:
    case Manager::Tdnf:
      // `yum update` with no package upgrades everything: that installs.
      return sub == "makecache" || sub == "mc" || sub == "check-update";
    case Manager::Zypper:
      return sub == "refresh" || sub == "ref";
    default:
      return false;
  }
}

void for_each_run(const dockerfile::Dockerfile& file,
                  const std::function<void(const Instruction&)>& visit) {
  for (const auto& instruction : file.instructions) {
    if (instruction->kind == dockerfile::InstructionKind::Run) visit(*instruction);
    if (instruction->onbuild && instruction->onbuild->kind == dockerfile::InstructionKind::Run) {
      visit(*instruction->onbuild);
    }
  }
}

void for_each_command(const Instruction& run,
                      const std::function<void(const ShellCommand&)>& visit) {
  if (run.json_form && !run.args.empty()) {
    // Exec form runs argv directly: `RUN ["apt-get", "install", "-y", "curl"]`.
    ShellCommand command;
    command.argv = run.args;
    command.span = {run.args.front().span.begin, run.args.back().span.end};
    visit(command);
    return;
  }
  for (const dockerfile::ShellScript& script : run.scripts) {
    for (const ShellCommand& command : script.commands) visit(command);
  }
}

bool has_cache_mount(const Instruction& run, std::initializer_list<std::string_view> dirs) {
  for (const dockerfile::Mount& mount : run.mounts) {
    if (mount.type != "cache" && mount.type != "tmpfs") continue;
    const std::string_view target = trim_path(mount.target);
    if (target.empty()) continue;
    for (std::string_view dir : dirs) {
      dir = trim_path(dir);
      if (dir == target || (dir.starts_with(target) && dir[target.size()] == '/')) return true;
    }
  }
  return false;
}

bool removes_path_after(const Instruction& run, uint32_t after,
                        std::initializer_list<std::string_view> prefixes) {
  bool found = false;
  for_each_command(run, [&](const ShellCommand& command) {
    if (found || command.span.begin < after) return;
    const Invocation invocation = unwrap(command);
    const std::string_view name = invocation.name();
    if (name != "rm" && name != "find") return;
    for (size_t i = invocation.program + 1; i < invocation.size() && !found; ++i) {
      const std::string_view operand = trim_path(invocation.word(i).text);
      if (operand.empty()) continue;
      for (std::string_view prefix : prefixes) {
        prefix = trim_path(prefix);
        const bool same_or_parent =
            prefix.starts_with(operand) &&
            (prefix.size() == operand.size() || prefix[operand.size()] == '/');
        const bool inside = operand.starts_with(prefix) && operand.size() > prefix.size() &&
                            operand[prefix.size()] == '/';
        if (same_or_parent || inside) {
          found = true;
          break;
        }
      }
    }
  });
  return found;
}

bool in_shipped_image(const dockerfile::Dockerfile& file, const Instruction& run) {
  if (file.stages.empty() || run.stage < 0) return true;
  for (const dockerfile::Stage* stage : file.shipped_chain()) {
    if (stage->index == run.stage) return true;
  }
  return false;
}

std::optional<std::string> prefix_assignment(const ShellCommand& command, std::string_view source,
                                             std::string_view name) {
  if (command.argv.empty()) return std::nullopt;
  std::string_view prefix =
      source.substr(command.span.begin, command.argv.front().span.begin - command.span.begin);
  const std::string key = std::string(name) + "=";
  size_t at = prefix.find(key);
  while (at != std::string_view::npos) {
    if (at == 0 || std::isspace(static_cast<unsigned char>(prefix[at - 1]))) {
      std::string_view value = prefix.substr(at + key.size());
      value = value.substr(0, value.find_first_of(" \t\\\n"));
      return dockerfile::unquote_shell_word(value);
    }
    at = prefix.find(key, at + 1);
  }
  return std::nullopt;
}

std::optional<std::string> stage_variable(const dockerfile::Dockerfile& file,
                                          const Instruction& before, std::string_view name) {
  const auto found = file.definitions.find(std::string(name));
  if (found == file.definitions.end()) return std::nullopt;
  using Definition = dockerfile::Dockerfile::Definition;
  const std::vector<Definition>& definitions = found->second;
  auto value_of = [&](const Definition& definition) {
    return file.instructions[static_cast<size_t>(definition.position)]
        ->pairs[definition.pair]
        .value->text;
  };
  // The definitions written before `before` (all of them for an ONBUILD/HEALTHCHECK inner
  // instruction, which has no place in the file's list).
  const auto before_end =
      before.position < 0
          ? definitions.end()
          : std::lower_bound(
                definitions.begin(), definitions.end(), before.position,
                [](const Definition& d, int position) { return d.position < position; });
  if (before.stage < 0 || before.stage >= static_cast<int>(file.stages.size())) {
    if (before_end == definitions.begin()) return std::nullopt;
    return value_of(*std::prev(before_end));
  }
  // The newest definition wins: `before`'s stage first, then the stages it builds on.
  size_t steps = 0;
  for (int index = before.stage; index >= 0 && steps < file.stages.size();
       index = file.stages[static_cast<size_t>(index)].parent, ++steps) {
    const auto limit = index == before.stage ? before_end : definitions.end();
    const auto stage_end =
        std::upper_bound(definitions.begin(), limit, index,
                         [](int stage, const Definition& d) { return stage < d.stage; });
    if (stage_end != definitions.begin() && std::prev(stage_end)->stage == index) {
      return value_of(*std::prev(stage_end));
    }
  }
  return std::nullopt;
}

bool truthy(std::string_view value) {
  std::string lower(value);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower == "1" || lower == "true" || lower == "yes" || lower == "on";
}

bool EarlierRunMentions::before(const Instruction& instruction) {
  if (!searched_) {
    searched_ = true;
    first_mention_.assign(file_.stages.size(), -1);
    for (const dockerfile::Stage& stage : file_.stages) {
      for (const Instruction* run : stage.instructions) {
        if (run->kind != dockerfile::InstructionKind::Run) continue;
        const bool mentions = std::any_of(run->scripts.begin(), run->scripts.end(),
                                          [&](const dockerfile::ShellScript& script) {
                                            return script.text.find(needle_) != std::string::npos;
                                          });
        if (mentions) {
          first_mention_[static_cast<size_t>(stage.index)] = run->position;
          break;
        }
      }
    }
  }
  const int stages = static_cast<int>(file_.stages.size());
  if (instruction.stage < 0 || instruction.stage >= stages) return false;
  int steps = 0;
  for (int index = instruction.stage; index >= 0 && steps < stages;
       index = file_.stages[static_cast<size_t>(index)].parent, ++steps) {
    const int first = first_mention_[static_cast<size_t>(index)];
    if (first < 0) continue;
    // In its own stage only the RUNs before it count (all of them for an inner instruction).
    if (index != instruction.stage || instruction.position < 0 || first < instruction.position) {
      return true;
    }
  }
  return false;
}

}  // namespace berth::rules::shell
