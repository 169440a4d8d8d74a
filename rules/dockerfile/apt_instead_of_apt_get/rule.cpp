// DF512 apt-instead-of-apt-get: the interactive `apt` front end used in a build script.
#include "analyzer/dockerfile/model.h"
#include "analyzer/engine/rule_context.h"
#include "rules/support/shell_commands.h"

namespace berth::rules {
namespace {

// Subcommands apt-get has with the same meaning. `apt upgrade` also installs new
// dependencies where `apt-get upgrade` holds packages back, so its fix is only offered.
bool same_in_apt_get(std::string_view sub) {
  static constexpr std::string_view kSame[] = {
      "install", "update",    "remove",    "purge",  "autoremove", "dist-upgrade",
      "clean",   "autoclean", "build-dep", "source", "download",   "reinstall"};
  for (std::string_view same : kSame) {
    if (sub == same) return true;
  }
  return false;
}

class AptInsteadOfAptGetRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "DF512",
        .name = "apt-instead-of-apt-get",
        .target = RuleTarget::Dockerfile,
        .severity = Severity::Info,
        .summary = "`apt` used in RUN (its command line is not stable for scripts)",
        .docs = R"md(## What it does
Reports the `apt` command in RUN (also behind `sudo`/`env`/`xargs`). The finding sits on the
`apt` word.

The fix replaces `apt` with `apt-get` for the subcommands apt-get has with the same meaning
(`install`, `update`, `remove`, `purge`, `autoremove`, `dist-upgrade`, `clean`,
`autoclean`, `build-dep`, `source`, `download`, `reinstall`). For `apt upgrade` the fix is
offered but not applied automatically: `apt upgrade` installs new dependencies where
`apt-get upgrade` holds packages back. `apt list`, `apt search`, `apt show`… have no apt-get
equivalent (use `apt-cache` or `dpkg-query`) and get no fix.

## Why is this bad?
`apt` is the front end for people at a terminal. Its output and behaviour may change between
releases, and it says so itself: "WARNING: apt does not have a stable CLI interface. Use with
caution in scripts." `apt-get` and `apt-cache` are the stable interfaces for scripts.

## Example
```dockerfile
FROM ubuntu:24.04
RUN apt update && apt install -y --no-install-recommends curl
```

## Use instead
```dockerfile
FROM ubuntu:24.04
RUN apt-get update && apt-get install -y --no-install-recommends curl
```

## Options
None.

## References
- [apt(8): script usage](https://manpages.debian.org/apt.8#SCRIPT_USAGE_AND_DIFFERENCES_FROM_OTHER_APT_TOOLS)
- hadolint DL3027, Checkov CKV_DOCKER_9
)md",
        .tags = {"best-practice", "reliability"},
        .aliases = {{"hadolint", "DL3027"}, {"checkov", "CKV_DOCKER_9"}},
        .has_fix = true,
    };
    return info;
  }

  void check_dockerfile(const dockerfile::Dockerfile& file, RuleContext& context) const override {
    const std::string_view source = context.source().text();
    shell::for_each_run(file, [&](const dockerfile::Instruction& run) {
      shell::for_each_command(run, [&](const dockerfile::ShellCommand& command) {
        const auto apt = shell::parse_package_command(command);
        if (!apt || apt->manager != shell::Manager::Apt) return;
        const dockerfile::Word& word = apt->word(apt->name_index);
        const std::string_view sub = apt->subcommand();
        std::optional<Fix> fix;
        // Only a plain word is rewritten: a quoted or escaped `apt` keeps its quoting.
        const bool plain = source.substr(word.span.begin, word.span.size()) == word.text;
        if (plain && (same_in_apt_get(sub) || sub == "upgrade")) {
          fix = Fix{
              "Use apt-get", sub != "upgrade", {TextEdit{word.span, word.text + "-get", {}, {}}}};
        }
        std::string message = "`apt` has no stable command line for scripts; use ";
        message += fix ? "`apt-get`" : "`apt-get`, `apt-cache` or `dpkg-query`";
        context.report(word.span, std::move(message), std::move(fix));
      });
    });
  }
};

}  // namespace

const Rule& rule_DF512() {
  static const AptInsteadOfAptGetRule rule;
  return rule;
}

}  // namespace berth::rules
