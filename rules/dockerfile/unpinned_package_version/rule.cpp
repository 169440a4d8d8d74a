// DF513 unpinned-package-version: packages installed by apt, apk, yum/dnf, zypper, pip/pipx,
// npm/yarn/pnpm, gem and go without a version pin.
#include <algorithm>
#include <cctype>

#include "analyzer/dockerfile/model.h"
#include "analyzer/engine/rule_context.h"
#include "rules/support/shell_commands.h"

namespace berth::rules {
namespace {

using shell::Manager;

bool contains_any(std::string_view text, std::string_view chars) {
  return text.find_first_of(chars) != std::string_view::npos;
}

bool ends_with_any(std::string_view text, std::initializer_list<std::string_view> suffixes) {
  return std::any_of(suffixes.begin(), suffixes.end(),
                     [&](std::string_view suffix) { return text.ends_with(suffix); });
}

// A file or directory operand: installed from what the build context holds, not a registry.
bool is_local_path(std::string_view package) {
  return package == "." || package == ".." || package.starts_with("./") ||
         package.starts_with("../") || package.starts_with("/") || package.starts_with("~/");
}

bool is_url(std::string_view package) { return package.find("://") != std::string_view::npos; }

// pip: PEP 440 specifiers and direct references. A VCS URL pins only with `@ref`.
bool pip_pinned(std::string_view package) {
  if (package.starts_with("git+") || package.starts_with("hg+") || package.starts_with("svn+") ||
      package.starts_with("bzr+")) {
    std::string_view tail = package.substr(package.rfind('/') + 1);
    tail = tail.substr(0, tail.find('#'));
    return tail.find('@') != std::string_view::npos;
  }
  if (is_url(package) || is_local_path(package)) return true;
  // `foo/bar` is a directory too; archives and wheels are fixed files.
  if (package.find('/') != std::string_view::npos) return true;
  if (ends_with_any(package, {".whl", ".tar.gz", ".tgz", ".zip", ".tar.bz2"})) return true;
  return contains_any(package, "=<>!~@");
}

// npm/yarn/pnpm package specs: `name@version`, `@scope/name@version`, git URLs with `#ref`,
// tarballs and folders.
bool npm_pinned(std::string_view package) {
  if (is_local_path(package) || package.starts_with("file:")) return true;
  if (ends_with_any(package, {".tgz", ".tar", ".tar.gz"})) return true;
  const bool scoped = package.starts_with('@');
  const bool git = package.starts_with("git") || package.starts_with("github:") || is_url(package);
  // `user/repo` is GitHub shorthand, pinned like a git URL.
  if (git || (!scoped && package.find('/') != std::string_view::npos)) {
    return package.find('#') != std::string_view::npos;
  }
  const std::string_view name_and_version = scoped ? package.substr(1) : package;
  const size_t at = name_and_version.find('@');
  if (at == std::string_view::npos) return false;
  const std::string_view version = name_and_version.substr(at + 1);
  return !version.empty() && version != "latest";
}

bool go_pinned(std::string_view package) {
  if (is_local_path(package) || package.ends_with(".go")) return true;
  const size_t at = package.rfind('@');
  if (at == std::string_view::npos) return false;
  const std::string_view version = package.substr(at + 1);
  // Module queries that move: https://go.dev/ref/mod#version-queries
  return !version.empty() && version != "latest" && version != "upgrade" && version != "patch";
}

// RPM: `name-version[-release]` (the version starts with a digit, optionally after an epoch).
bool rpm_pinned(std::string_view package) {
  if (is_local_path(package) || is_url(package) || package.ends_with(".rpm")) return true;
  if (contains_any(package, "=<>")) return true;
  for (size_t dash = package.find('-'); dash != std::string_view::npos;
       dash = package.find('-', dash + 1)) {
    if (dash + 1 < package.size() && std::isdigit(static_cast<unsigned char>(package[dash + 1]))) {
      return true;
    }
  }
  return false;
}

bool apt_pinned(std::string_view package) {
  // `pkg/suite` selects the release on purpose (as hadolint accepts); `.deb` files are fixed.
  return package.find('=') != std::string_view::npos ||
         package.find('/') != std::string_view::npos || package.ends_with(".deb");
}

bool apk_pinned(std::string_view package) {
  return contains_any(package, "=<>~") || package.ends_with(".apk") || is_local_path(package) ||
         is_url(package);
}

bool zypper_pinned(std::string_view package) {
  return contains_any(package, "=<>") || package.ends_with(".rpm") || is_local_path(package) ||
         is_url(package);
}

bool gem_pinned(std::string_view package) {
  return package.find(':') != std::string_view::npos || package.ends_with(".gem") ||
         is_local_path(package);
}

std::string_view pin_hint(Manager manager, bool module) {
  switch (manager) {
    case Manager::AptGet:
    case Manager::Apt:
    case Manager::Aptitude:
    case Manager::Apk:
    case Manager::Zypper:
      return "name=<version>";
    case Manager::Yum:
    case Manager::Dnf:
    case Manager::Microdnf:
    case Manager::Tdnf:
      return module ? "name:<stream>" : "name-<version>";
    case Manager::Pip:
      return "name==<version>";
    case Manager::Npm:
    case Manager::Yarn:
    case Manager::Pnpm:
      return "name@<version>";
    case Manager::Gem:
      return "name:<version> or -v <version>";
    case Manager::Go:
      return "path@<version>";
  }
  return "a version";
}

// The package words of a command, with `$VAR` / `${VAR}` replaced by the value an ENV or ARG
// of the stage chain gives it, and a list value (`ENV PKGS="curl git"`) split into words.
struct Package {
  std::string text;
  Span span;
};

// The value of `name` for the RUN: from an ENV or ARG default of the stage chain; "0" for a
// build argument declared without a default (`ARG JQ_VERSION`), whose value is given at build
// time (a pin passed in, so it counts as a version); empty when nothing defines it.
std::string variable_value(const dockerfile::Dockerfile& file, const dockerfile::Instruction& run,
                           std::string_view name) {
  if (auto value = shell::stage_variable(file, run, name)) return *value;
  for (const auto& instruction : file.instructions) {
    if (instruction->kind != dockerfile::InstructionKind::Arg) continue;
    for (const dockerfile::KeyValue& pair : instruction->pairs) {
      if (pair.key.text == name) return "0";
    }
  }
  return {};
}

std::string expand(std::string_view word, const dockerfile::Dockerfile& file,
                   const dockerfile::Instruction& run) {
  std::string out;
  for (size_t i = 0; i < word.size();) {
    if (word[i] != '$' || i + 1 >= word.size()) {
      out += word[i++];
      continue;
    }
    size_t begin = i + 1, end = begin;
    const bool braced = word[begin] == '{';
    if (braced) ++begin, ++end;
    while (end < word.size() &&
           (std::isalnum(static_cast<unsigned char>(word[end])) || word[end] == '_')) {
      ++end;
    }
    if (end == begin) {
      out += word[i++];
      continue;
    }
    const std::string_view name = word.substr(begin, end - begin);
    if (braced) {
      // `${VAR:-default}` and friends: the value is unknown here; keep the default text.
      const size_t close = word.find('}', end);
      if (close == std::string_view::npos) {
        out += word.substr(i);
        break;
      }
      out += variable_value(file, run, name);
      i = close + 1;
    } else {
      out += variable_value(file, run, name);
      i = end;
    }
  }
  return out;
}

bool is_whole_variable(std::string_view word) {
  if (!word.starts_with('$') || word.size() < 2) return false;
  if (word[1] == '{') return word.back() == '}' && word.find('}') == word.size() - 1;
  return std::all_of(word.begin() + 1, word.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

class UnpinnedPackageVersionRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "DF513",
        .name = "unpinned-package-version",
        .target = RuleTarget::Dockerfile,
        .severity = Severity::Info,
        .enabled_by_default = false,
        .summary = "Package installed without a version pin",
        .docs = R"md(## What it does
Reports a package-install command whose packages are not pinned to a version, one finding per
command, on its first unpinned package (the message lists them all):

| Command | Pinned when |
|---|---|
| `apt-get`/`apt`/`aptitude install` | `name=version` (`pkg/suite` release selection and `.deb` files are accepted) |
| `apk add` | `name=version`, `name~version`, `name>=version`, ... or an `.apk` file |
| `yum`/`dnf`/`microdnf`/`tdnf install` | `name-version` (a `-` followed by a digit), an `.rpm` file; `module install name:stream`; groups (`group install`, `@group`) are not judged |
| `zypper install` | `name=version`, `name>=version`, ... or an `.rpm` file |
| `pip install`, `python -m pip install`, `pipx install` | `==`, `~=`, `>=`, `<`, `!=`, ..., a direct reference (`name @ url`), a VCS URL with `@ref`, a wheel/sdist/archive, a URL or a local path. `-r requirements.txt` installs what the file pins; `-c`/`--constraint` pins the whole command |
| `npm install`/`i`/`add`, `yarn add`, `yarn global add`, `pnpm add` | `name@version` (`@latest` is not a pin), a git URL or GitHub shorthand with `#ref`, a tarball or a folder; `npm install` without packages installs `package.json`'s |
| `gem install`/`i` | `name:version`, `-v`/`--version`, a `.gem` file |
| `go install`/`get`/`run` | `path@version` (`@latest`, `@upgrade`, `@patch` are not pins) or a local package (`.`, `./cmd/x`, `*.go`); for `go run` only the package, not the program's arguments |

`$VAR` and `${VAR}` in a package are replaced by the value an ENV or ARG of the stage (or its
parent stages) gives them; a build argument declared without a default (`ARG JQ_VERSION`,
`jq=${JQ_VERSION}`) counts as a version given at build time; a package that is a variable
alone with no known value, and globs (`php8*`), are not judged. `reinstall` subcommands keep
the installed version and are not judged. The rule is off by default: pinning is a trade-off (see below).

## Why is this bad?
An unpinned install takes whatever the registry serves on the day of the build. Two builds of
the same commit can then differ, a rebuild for an unrelated fix may pull a breaking major
release, and a compromised or typo-squatted release is picked up silently. Pins make builds
reproducible and upgrades deliberate (and visible to tools such as Renovate or Dependabot).

The cost: distribution repositories drop old versions, so exact apt/apk pins break builds
until updated. Pin where reproducibility matters, and pair pins with automated updates.

## Example
```dockerfile
FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir flask
RUN go install golang.org/x/tools/gopls@latest
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \
    && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir flask==3.0.3
RUN go install golang.org/x/tools/gopls@v0.16.2
```

## Options
None.

## References
- [Docker: best practices, apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
- [pip: requirement specifiers](https://pip.pypa.io/en/stable/reference/requirement-specifiers/)
- [npm: install](https://docs.npmjs.com/cli/commands/npm-install)
- [Go: version queries](https://go.dev/ref/mod#version-queries)
- [hadolint DL3008](https://github.com/hadolint/hadolint/wiki/DL3008), [DL3013](https://github.com/hadolint/hadolint/wiki/DL3013), [DL3016](https://github.com/hadolint/hadolint/wiki/DL3016), [DL3018](https://github.com/hadolint/hadolint/wiki/DL3018), [DL3028](https://github.com/hadolint/hadolint/wiki/DL3028), [DL3033](https://github.com/hadolint/hadolint/wiki/DL3033), [DL3037](https://github.com/hadolint/hadolint/wiki/DL3037), [DL3041](https://github.com/hadolint/hadolint/wiki/DL3041), [DL3062](https://github.com/hadolint/hadolint/wiki/DL3062)
)md",
        .tags = {"reproducibility", "supply-chain"},
        .aliases = {{"hadolint", "DL3008"},
                    {"hadolint", "DL3013"},
                    {"hadolint", "DL3016"},
                    {"hadolint", "DL3018"},
                    {"hadolint", "DL3028"},
                    {"hadolint", "DL3033"},
                    {"hadolint", "DL3037"},
                    {"hadolint", "DL3041"},
                    {"hadolint", "DL3062"}},
    };
    return info;
  }

  void check_dockerfile(const dockerfile::Dockerfile& file, RuleContext& context) const override {
    shell::for_each_run(file, [&](const dockerfile::Instruction& run) {
      shell::for_each_command(run, [&](const dockerfile::ShellCommand& command) {
        if (command.in_substitution) return;
        if (auto pipx = check_pipx(file, run, command)) {
          report(context, *pipx, "pipx install", Manager::Pip, false);
          return;
        }
        const auto parsed = shell::parse_package_command(command);
        if (!parsed) return;
        bool module = false;
        std::vector<Package> packages = package_operands(file, run, *parsed, module);
        std::vector<Package> unpinned;
        for (Package& package : packages) {
          if (!pinned(parsed->manager, package.text, module))
            unpinned.push_back(std::move(package));
        }
        if (unpinned.empty()) return;
        // `python3 -m pip install` is pip's install; `yarn global add` and `dnf module install`
        // name their two-word subcommand.
        std::string what =
            parsed->manager == Manager::Pip
                ? std::string("pip")
                : std::string(shell::basename(parsed->word(parsed->name_index).text));
        what += " " + std::string(parsed->subcommand());
        if (module) what += " install";
        if (parsed->manager == Manager::Yarn && parsed->subcommand() == "global") what += " add";
        report(context, unpinned, what, parsed->manager, module);
      });
    });
  }

 private:
  static bool pinned(Manager manager, std::string_view package, bool module) {
    switch (manager) {
      case Manager::AptGet:
      case Manager::Apt:
      case Manager::Aptitude:
        return apt_pinned(package);
      case Manager::Apk:
        return apk_pinned(package);
      case Manager::Yum:
      case Manager::Dnf:
      case Manager::Microdnf:
      case Manager::Tdnf:
        return module ? package.find(':') != std::string_view::npos : rpm_pinned(package);
      case Manager::Zypper:
        return zypper_pinned(package);
      case Manager::Pip:
        return pip_pinned(package);
      case Manager::Npm:
      case Manager::Yarn:
      case Manager::Pnpm:
        return npm_pinned(package);
      case Manager::Gem:
        return gem_pinned(package);
      case Manager::Go:
        return go_pinned(package);
    }
    return true;
  }

  static void add_package(std::vector<Package>& out, const dockerfile::Word& word,
                          const dockerfile::Dockerfile& file, const dockerfile::Instruction& run) {
    if (word.text.find('$') == std::string::npos) {
      out.push_back({word.text, word.span});
      return;
    }
    // `$PACKAGES` with no value known here (a build argument): nothing to judge.
    if (is_whole_variable(word.text)) {
      std::string_view name = std::string_view(word.text).substr(1);
      if (name.starts_with('{')) name = name.substr(1, name.size() - 2);
      if (!shell::stage_variable(file, run, name)) return;
    }
    const std::string value = expand(word.text, file, run);
    size_t begin = value.find_first_not_of(" \t\n");
    while (begin != std::string::npos) {
      const size_t end = value.find_first_of(" \t\n", begin);
      out.push_back({value.substr(begin, end - begin), word.span});
      begin = value.find_first_not_of(" \t\n", end);
    }
  }

  // The operands that name packages, by manager and subcommand; empty when the command
  // installs nothing or pins everything at once (`gem install -v`, `pip install -c`).
  static std::vector<Package> package_operands(const dockerfile::Dockerfile& file,
                                               const dockerfile::Instruction& run,
                                               const shell::PackageCommand& command, bool& module) {
    std::vector<Package> out;
    const std::string_view sub = command.subcommand();
    std::vector<size_t> operands = command.operands;
    switch (command.manager) {
      case Manager::AptGet:
      case Manager::Apt:
      case Manager::Aptitude:
        if (sub != "install") return out;
        break;
      case Manager::Apk:
        if (sub != "add") return out;
        break;
      case Manager::Yum:
      case Manager::Dnf:
      case Manager::Microdnf:
      case Manager::Tdnf:
        if (sub == "module") {
          if (operands.empty() || command.word(operands.front()).text != "install") return out;
          module = true;
          operands.erase(operands.begin());
        } else if (sub != "install" && sub != "in" && sub != "localinstall") {
          return out;
        }
        // `@group` / `@module:stream` are groups, judged by module streams only.
        if (!module) {
          std::erase_if(operands, [&](size_t i) { return command.word(i).text.starts_with('@'); });
        }
        break;
      case Manager::Zypper:
        if (sub != "install" && sub != "in") return out;
        break;
      case Manager::Pip:
        if (sub != "install") return out;
        // A constraints file pins whatever the command installs.
        if (command.has_flag({"-c", "--constraint"})) return out;
        break;
      case Manager::Npm:
      case Manager::Pnpm:
        if (sub != "install" && sub != "i" && sub != "add") return out;
        break;
      case Manager::Yarn:
        if (sub == "global") {
          if (operands.empty() || command.word(operands.front()).text != "add") return out;
          operands.erase(operands.begin());
        } else if (sub != "add") {
          return out;
        }
        break;
      case Manager::Gem: {
        if (sub != "install" && sub != "i") return out;
        if (command.has_flag({"-v", "--version"})) return out;
        // Words after `--` are build options of the gem; a bare true/false after an option is
        // that option's value (`--use-system-libraries true`).
        std::vector<size_t> kept;
        for (size_t i : operands) {
          if (command.word(i - 1).text == "--") break;
          const std::string& text = command.word(i).text;
          const bool after_option = command.word(i - 1).text.starts_with('-');
          if (after_option && (text == "true" || text == "false")) continue;
          kept.push_back(i);
        }
        operands = std::move(kept);
        break;
      }
      case Manager::Go:
        if (sub != "install" && sub != "get" && sub != "run") return out;
        if (sub == "run" && !operands.empty()) {
          // `go run pkg args...`: only the package (or the leading .go files) is installed.
          const size_t first = operands.front();
          std::vector<size_t> kept;
          for (size_t i : operands) {
            if (i == first || command.word(i).text.ends_with(".go"))
              kept.push_back(i);
            else
              break;
          }
          operands = std::move(kept);
        }
        break;
    }
    for (size_t i : operands) {
      // A glob (`yum install '*'`, `apt-get install 'php8*'`) names installed or matching
      // packages, not one to pin.
      if (command.word(i).text.find('*') != std::string::npos) continue;
      add_package(out, command.word(i), file, run);
    }
    return out;
  }

  // `pipx install [options] spec...`: pip's pinning rules on pipx's own options.
  static std::optional<std::vector<Package>> check_pipx(const dockerfile::Dockerfile& file,
                                                        const dockerfile::Instruction& run,
                                                        const dockerfile::ShellCommand& command) {
    const shell::Invocation invocation = shell::unwrap(command);
    if (invocation.name() != "pipx") return std::nullopt;
    static constexpr std::string_view kValued[] = {"--python", "--pip-args", "--index-url",
                                                   "-i",       "--suffix",   "--spec"};
    size_t i = invocation.program + 1;
    while (i < invocation.size() && invocation.word(i).text.starts_with('-')) ++i;
    if (i >= invocation.size() || invocation.word(i).text != "install") return std::nullopt;
    std::vector<Package> packages;
    for (++i; i < invocation.size(); ++i) {
      const std::string& text = invocation.word(i).text;
      if (text.starts_with('-')) {
        if (std::find(std::begin(kValued), std::end(kValued), text) != std::end(kValued)) ++i;
        continue;
      }
      add_package(packages, invocation.word(i), file, run);
    }
    std::erase_if(packages, [](const Package& package) { return pip_pinned(package.text); });
    return packages;
  }

  static void report(RuleContext& context, const std::vector<Package>& unpinned,
                     std::string_view what, Manager manager, bool module) {
    if (unpinned.empty()) return;
    std::string names;
    for (size_t i = 0; i < unpinned.size(); ++i) {
      if (i == 4) {
        names += ", ... (" + std::to_string(unpinned.size() - 4) + " more)";
        break;
      }
      if (i > 0) names += ", ";
      names += unpinned[i].text;
    }
    context.report(unpinned.front().span, "`" + std::string(what) +
                                              "` without a version pin: " + names + " (pin as " +
                                              std::string(pin_hint(manager, module)) + ")");
  }
};

}  // namespace

const Rule& rule_DF513() {
  static const UnpinnedPackageVersionRule rule;
  return rule;
}

}  // namespace berth::rules
