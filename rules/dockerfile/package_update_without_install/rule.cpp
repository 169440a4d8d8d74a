// DF510 package-update-without-install: an index refresh in a RUN that installs nothing.
#include "analyzer/dockerfile/model.h"
#include "analyzer/engine/rule_context.h"
#include "rules/support/shell_commands.h"

namespace berth::rules {
namespace {

// A command that may install packages out of sight: a script, a shell running a script, a
// wrapper like `install_packages`. Its RUN gets the benefit of the doubt.
bool may_install(const shell::Invocation& invocation) {
  const std::string& program = invocation.word(invocation.program).text;
  const std::string_view name = invocation.name();
  if (program.find('/') != std::string::npos || name.ends_with(".sh")) return true;
  if (name.find("install") != std::string_view::npos) return true;
  if (name == "sh" || name == "bash" || name == "dash" || name == "ash" || name == "zsh" ||
      name == "make" || name == "add-apt-repository" || name == "eval" || name == "source" ||
      name == ".") {
    return true;
  }
  return false;
}

class PackageUpdateWithoutInstallRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "DF510",
        .name = "package-update-without-install",
        .target = RuleTarget::Dockerfile,
        .severity = Severity::Warning,
        .summary = "`apt-get update`/`apk update`/`yum makecache`… in a RUN that installs nothing",
        .docs = R"md(## What it does
Reports an index refresh (`apt-get update`, `apt update`, `apk update`, `yum`/`dnf makecache`
or `check-update`, `zypper refresh`) in a RUN in which no package manager installs anything.
A RUN that also runs a script or a helper that may install (`./setup.sh`, `bash x.sh`,
`install_packages`, `make`, a piped installer) is not reported. The finding sits on the
update command.

## Why is this bad?
The refresh is cached as its own layer. A later RUN that installs reuses that layer long
after the indexes went stale, so it installs outdated packages or fails with 404s when the
mirror has moved on. Refresh and install belong in the same RUN; if nothing is installed the
refresh only adds megabytes of indexes.

## Example
```dockerfile
FROM debian:12-slim
RUN apt-get update
RUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
```

## Use instead
```dockerfile
FROM debian:12-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
```

## Options
None.

## References
- [Docker best practices: apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
- Trivy DS-0017, Checkov CKV_DOCKER_5
)md",
        .tags = {"correctness", "reliability"},
        .aliases = {{"trivy", "DS-0017"}, {"checkov", "CKV_DOCKER_5"}},
    };
    return info;
  }

  void check_dockerfile(const dockerfile::Dockerfile& file, RuleContext& context) const override {
    shell::for_each_run(file, [&](const dockerfile::Instruction& run) {
      std::vector<std::pair<Span, std::string>> refreshes;
      bool installs = false;
      shell::for_each_command(run, [&](const dockerfile::ShellCommand& command) {
        if (installs) return;
        const auto pm = shell::parse_package_command(command);
        if (pm && shell::refreshes_index(*pm)) {
          refreshes.emplace_back(
              pm->span(), std::string(pm->invocation.name()) + " " + std::string(pm->subcommand()));
          return;
        }
        if ((pm && shell::installs_packages(*pm)) || may_install(shell::unwrap(command))) {
          installs = true;
        }
      });
      if (installs) return;
      for (const auto& [span, text] : refreshes) {
        context.report(span, "`" + text +
                                 "` in a RUN that installs nothing: the cached layer goes "
                                 "stale; update and install in the same RUN");
      }
    });
  }
};

}  // namespace

const Rule& rule_DF510() {
  static const PackageUpdateWithoutInstallRule rule;
  return rule;
}

}  // namespace berth::rules
