// DF505 apt-missing-no-install-recommends: `apt-get install` that also pulls recommended
// packages.
#include "analyzer/dockerfile/model.h"
#include "analyzer/engine/rule_context.h"
#include "rules/support/shell_commands.h"

namespace berth::rules {
namespace {

using shell::Manager;

class AptMissingNoInstallRecommendsRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "DF505",
        .name = "apt-missing-no-install-recommends",
        .target = RuleTarget::Dockerfile,
        .severity = Severity::Info,
        .summary = "`apt-get install` without `--no-install-recommends`",
        .docs = R"md(## What it does
Reports `apt-get install` (and `apt install`) in a RUN without
`--no-install-recommends`, in stages whose layers end up in the shipped image. The finding
sits on the `apt-get install` words. It is not reported when the command sets
`-o APT::Install-Recommends=false`, or when an earlier RUN of the stage chain wrote an apt
configuration mentioning `APT::Install-Recommends` (the usual
`/etc/apt/apt.conf.d/99norecommends` file). Wrappers (`sudo`, `env`, `xargs`) and prefix
assignments (`DEBIAN_FRONTEND=noninteractive apt-get …`) are looked through.

The fix inserts `--no-install-recommends` after `install`.

## Why is this bad?
By default apt also installs every *recommended* package of what you asked for. That often
doubles the size of the layer with documentation, GUI helpers and daemons nobody runs, and
each extra package is more attack surface and more CVEs to triage.

## Example
```dockerfile
FROM debian:12-slim
RUN apt-get update && apt-get install -y curl \
    && rm -rf /var/lib/apt/lists/*
```

## Use instead
```dockerfile
FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
```

## Options
None.

## References
- [apt-get(8)](https://manpages.debian.org/apt-get.8)
- [Docker best practices: apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
- hadolint DL3015, Trivy DS-0029
)md",
        .tags = {"best-practice", "image-size"},
        .aliases = {{"hadolint", "DL3015"}, {"trivy", "DS-0029"}},
        .has_fix = true,
    };
    return info;
  }

  void check_dockerfile(const dockerfile::Dockerfile& file, RuleContext& context) const override {
    shell::EarlierRunMentions recommends_configured(file, "APT::Install-Recommends");
    shell::for_each_run(file, [&](const dockerfile::Instruction& run) {
      if (!shell::in_shipped_image(file, run)) return;
      bool configured = false;
      bool configured_known = false;
      shell::for_each_command(run, [&](const dockerfile::ShellCommand& command) {
        const auto apt = shell::parse_package_command(command);
        if (!apt || apt->subcommand() != "install") return;
        if (apt->manager != Manager::AptGet && apt->manager != Manager::Apt) return;
        if (apt->has_flag({"--no-install-recommends"})) return;
        for (const dockerfile::Word& word : command.argv) {
          if (word.text.find("Install-Recommends=false") != std::string::npos ||
              word.text.find("Install-Recommends=0") != std::string::npos) {
            return;
          }
        }
        if (!configured_known) {
          configured = recommends_configured.before(run);
          configured_known = true;
        }
        if (configured) return;
        const uint32_t end = apt->word(apt->subcommand_index).span.end;
        context.report(apt->span(),
                       "`" + std::string(apt->invocation.name()) +
                           " install` without `--no-install-recommends` also installs "
                           "recommended packages",
                       Fix{"Add --no-install-recommends",
                           true,
                           {TextEdit{Span{end, end}, " --no-install-recommends", {}, {}}}});
      });
    });
  }
};

}  // namespace

const Rule& rule_DF505() {
  static const AptMissingNoInstallRecommendsRule rule;
  return rule;
}

}  // namespace berth::rules
