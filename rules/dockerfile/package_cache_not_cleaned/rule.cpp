// DF509 package-cache-not-cleaned: yum/dnf/microdnf/zypper installs that leave the package
// cache in the layer.
#include <algorithm>

#include "analyzer/dockerfile/model.h"
#include "analyzer/engine/rule_context.h"
#include "rules/support/shell_commands.h"

namespace berth::rules {
namespace {

using shell::Manager;

enum class Family { Dnf, Microdnf, Zypper };

std::optional<Family> family_of(Manager manager) {
  switch (manager) {
    case Manager::Yum:
    case Manager::Dnf:
    case Manager::Tdnf:
      return Family::Dnf;
    case Manager::Microdnf:
      return Family::Microdnf;
    case Manager::Zypper:
      return Family::Zypper;
    default:
      return std::nullopt;
  }
}

// yum on EL8+ is dnf, so their cleans stand in for each other; microdnf keeps its own state.
bool cleans(const shell::PackageCommand& command, Family family) {
  const auto own = family_of(command.manager);
  if (!own || *own != family || command.subcommand_index == shell::kNone) return false;
  if (family == Family::Zypper)
    return command.subcommand() == "clean" || command.subcommand() == "cc";
  if (command.subcommand() != "clean") return false;
  return std::any_of(command.operands.begin(), command.operands.end(),
                     [&](size_t index) { return command.word(index).text == "all"; });
}

std::initializer_list<std::string_view> cache_dirs(Family family) {
  static const std::initializer_list<std::string_view> kDnf = {
      "/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5", "/var/cache/tdnf"};
  static const std::initializer_list<std::string_view> kZypper = {"/var/cache/zypp"};
  return family == Family::Zypper ? kZypper : kDnf;
}

std::string_view clean_command(Family family) {
  switch (family) {
    case Family::Dnf:
      return "clean all";
    case Family::Microdnf:
      return "clean all";
    case Family::Zypper:
      return "clean";
  }
  return "clean";
}

class PackageCacheNotCleanedRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "DF509",
        .name = "package-cache-not-cleaned",
        .target = RuleTarget::Dockerfile,
        .severity = Severity::Info,
        .summary = "yum/dnf/microdnf/zypper install without the matching clean in the same RUN",
        .docs = R"md(## What it does
Reports `yum`, `dnf`, `tdnf`, `microdnf` and `zypper` commands that install packages
(`install`/`in`, `reinstall`, `update`/`upgrade`, `localinstall`, `groupinstall`,
`distro-sync`, zypper `patch`/`dup`) when no matching clean runs *after* them in the same RUN:

| Installed with | Cleaned by |
|---|---|
| yum, dnf, tdnf | `yum clean all`, `dnf clean all`, `tdnf clean all`, or `rm -rf /var/cache/yum`, `/var/cache/dnf`, `/var/cache/libdnf5` |
| microdnf | `microdnf clean all`, or removing those directories |
| zypper | `zypper clean` / `zypper cc`, or `rm -rf /var/cache/zypp` |

A `--mount=type=cache` or `type=tmpfs` on one of those directories also counts. Only stages
whose layers end up in the shipped image are checked. One finding per package manager and
RUN, on the first installing command (`dnf install`).

## Why is this bad?
These package managers keep repository metadata and often the downloaded RPMs under
`/var/cache`. Deleted in a later RUN, they still ship in the earlier layer: tens to hundreds
of megabytes for nothing.

## Example
```dockerfile
FROM rockylinux:9-minimal
RUN microdnf install -y tar gzip
```

## Use instead
```dockerfile
FROM rockylinux:9-minimal
RUN microdnf install -y tar gzip && microdnf clean all
```

## Options
None.

## References
- [dnf clean](https://dnf.readthedocs.io/en/latest/command_ref.html#clean-command)
- [zypper clean](https://en.opensuse.org/SDB:Zypper_manual)
- hadolint DL3032, DL3036, DL3040; Trivy DS-0015, DS-0019, DS-0020, DS-0027
)md",
        .tags = {"best-practice", "image-size"},
        .aliases = {{"hadolint", "DL3032"},
                    {"hadolint", "DL3036"},
                    {"hadolint", "DL3040"},
                    {"trivy", "DS-0015"},
                    {"trivy", "DS-0019"},
                    {"trivy", "DS-0020"},
                    {"trivy", "DS-0027"}},
    };
    return info;
  }

  void check_dockerfile(const dockerfile::Dockerfile& file, RuleContext& context) const override {
    shell::for_each_run(file, [&](const dockerfile::Instruction& run) {
      if (!shell::in_shipped_image(file, run)) return;
      struct Install {
        Family family;
        Span span;
        uint32_t end;
        std::string name, subcommand;
      };
      std::vector<Install> installs;
      struct Clean {
        Family family;
        uint32_t begin;
      };
      std::vector<Clean> cleaned;
      shell::for_each_command(run, [&](const dockerfile::ShellCommand& command) {
        const auto pm = shell::parse_package_command(command);
        if (!pm) return;
        const auto family = family_of(pm->manager);
        if (!family) return;
        if (cleans(*pm, *family)) {
          cleaned.push_back({*family, command.span.begin});
          return;
        }
        if (!shell::installs_packages(*pm)) return;
        const std::string_view sub = pm->subcommand();
        // `dnf group list` / `dnf module enable` install nothing.
        if ((sub == "group" || sub == "groups" || sub == "module") &&
            (pm->operands.empty() || pm->word(pm->operands.front()).text != "install")) {
          return;
        }
        for (const Install& earlier : installs) {
          if (earlier.family == *family) return;
        }
        installs.push_back({*family, pm->span(), command.span.end,
                            std::string(pm->invocation.name()), std::string(sub)});
      });
      for (const Install& install : installs) {
        if (shell::has_cache_mount(run, cache_dirs(install.family))) continue;
        const bool clean_after = std::any_of(cleaned.begin(), cleaned.end(), [&](const Clean& c) {
          return c.family == install.family && c.begin >= install.end;
        });
        if (clean_after ||
            shell::removes_path_after(run, install.end, cache_dirs(install.family))) {
          continue;
        }
        context.report(install.span, "`" + install.name + " " + install.subcommand + "` without `" +
                                         install.name + " " +
                                         std::string(clean_command(install.family)) +
                                         "` in the same RUN leaves the package cache in the layer");
      }
    });
  }
};

}  // namespace

const Rule& rule_DF509() {
  static const PackageCacheNotCleanedRule rule;
  return rule;
}

}  // namespace berth::rules
