// DF507 apk-missing-no-cache: `apk add` that keeps the package index in the layer.
#include "analyzer/dockerfile/model.h"
#include "analyzer/engine/rule_context.h"
#include "rules/support/shell_commands.h"

namespace berth::rules {
namespace {

class ApkMissingNoCacheRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "DF507",
        .name = "apk-missing-no-cache",
        .target = RuleTarget::Dockerfile,
        .severity = Severity::Info,
        .summary = "`apk add` without `--no-cache`",
        .docs = R"md(## What it does
Reports `apk add` without `--no-cache` in stages whose layers end up in the shipped image.
It is not reported when the RUN has a `--mount=type=cache` or `type=tmpfs` on
`/var/cache/apk` (or `/etc/apk/cache`), removes `/var/cache/apk/*` after the `apk add`, or
uses `--no-network` (nothing is fetched).
The finding sits on the `apk add` words.

The fix inserts `--no-cache` after `add`.

## Why is this bad?
Without `--no-cache`, `apk` keeps the downloaded index (and with `--update`/`apk update`, a
fresh copy of it) under `/var/cache/apk` in the layer: a few megabytes that nothing in the
running container uses. `--no-cache` fetches the index into a temporary location and leaves
nothing behind, and makes `apk update` unnecessary.

## Example
```dockerfile
FROM alpine:3.20
RUN apk update && apk add curl
```

## Use instead
```dockerfile
FROM alpine:3.20
RUN apk add --no-cache curl
```

## Options
None.

## References
- [Alpine wiki: apk --no-cache](https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper)
- hadolint DL3019, Trivy DS-0025
)md",
        .tags = {"best-practice", "image-size"},
        .aliases = {{"hadolint", "DL3019"}, {"trivy", "DS-0025"}},
        .has_fix = true,
    };
    return info;
  }

  void check_dockerfile(const dockerfile::Dockerfile& file, RuleContext& context) const override {
    shell::for_each_run(file, [&](const dockerfile::Instruction& run) {
      if (!shell::in_shipped_image(file, run)) return;
      if (shell::has_cache_mount(run, {"/var/cache/apk", "/etc/apk/cache"})) return;
      shell::for_each_command(run, [&](const dockerfile::ShellCommand& command) {
        const auto apk = shell::parse_package_command(command);
        if (!apk || apk->manager != shell::Manager::Apk || apk->subcommand() != "add") return;
        // `--no-network` installs from local files only: no index is fetched or cached.
        if (apk->has_flag({"--no-cache", "--no-network"})) return;
        if (shell::removes_path_after(run, command.span.end, {"/var/cache/apk"})) return;
        const uint32_t end = apk->word(apk->subcommand_index).span.end;
        context.report(
            apk->span(), "`apk add` without `--no-cache` leaves the package index in the layer",
            Fix{"Add --no-cache", true, {TextEdit{Span{end, end}, " --no-cache", {}, {}}}});
      });
    });
  }
};

}  // namespace

const Rule& rule_DF507() {
  static const ApkMissingNoCacheRule rule;
  return rule;
}

}  // namespace berth::rules
