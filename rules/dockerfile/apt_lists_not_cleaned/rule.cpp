// DF506 apt-lists-not-cleaned: apt package lists left in the layer of the RUN that installs.
#include <algorithm>

#include "analyzer/dockerfile/model.h"
#include "analyzer/engine/rule_context.h"
#include "rules/support/shell_commands.h"

namespace berth::rules {
namespace {

using shell::Manager;

constexpr std::string_view kCleanup = " && rm -rf /var/lib/apt/lists/*";

// Appending `&& rm …` is only offered where the result is certain to be the same script
// plus the cleanup: one shell-form script that parsed, not ending in a comment or in an
// operator that would leave `; &&` behind.
std::optional<Fix> cleanup_fix(const dockerfile::Instruction& run, std::string_view source) {
  if (run.json_form || !run.heredocs.empty() || run.scripts.size() != 1 ||
      run.scripts.front().has_errors || run.scripts.front().commands.empty()) {
    return std::nullopt;
  }
  uint32_t last_command_end = 0;
  for (const dockerfile::ShellCommand& command : run.scripts.front().commands) {
    last_command_end = std::max(last_command_end, command.span.end);
  }
  uint32_t end = run.arguments_span.end;
  while (end > last_command_end && std::isspace(static_cast<unsigned char>(source[end - 1]))) {
    --end;
  }
  if (end < last_command_end) return std::nullopt;
  const std::string_view tail = source.substr(last_command_end, end - last_command_end);
  if (tail.find_first_of("#;&|\\<>") != std::string_view::npos) return std::nullopt;
  return Fix{"Remove /var/lib/apt/lists/* in the same RUN",
             true,
             {TextEdit{Span{end, end}, std::string(kCleanup), {}, {}}}};
}

class AptListsNotCleanedRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "DF506",
        .name = "apt-lists-not-cleaned",
        .target = RuleTarget::Dockerfile,
        .severity = Severity::Info,
        .summary = "`apt-get install` in a RUN that leaves /var/lib/apt/lists in the layer",
        .docs = R"md(## What it does
Reports the first `apt-get install` (or `apt install`, `aptitude install`) of a RUN that does
not later remove `/var/lib/apt/lists` (`rm -rf /var/lib/apt/lists/*`, or `apt-get dist-clean`
of apt 2.7+) in the same RUN and has
no `--mount=type=cache` or `type=tmpfs` on `/var/lib/apt/lists` or `/var/lib/apt`. Only
stages whose layers end up in the shipped image are checked (the shipped stage and the
stages it builds on); a builder stage whose files are copied out selectively is exempt. The
finding sits on the `apt-get install` words.

The fix appends ` && rm -rf /var/lib/apt/lists/*` to the RUN. It is offered only for a
shell-form RUN without heredocs whose text ends with a command (not a comment or a dangling
`;`).

## Why is this bad?
`apt-get update` downloads package indexes (tens of megabytes) into `/var/lib/apt/lists`.
Files deleted in a later RUN still ship in the earlier layer, so they must be removed in the
RUN that installed, or kept out of the image with a cache mount. Stale lists in the image are
also useless: the next build runs `apt-get update` again.

## Example
```dockerfile
FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl
```

## Use instead
```dockerfile
FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
```
or, with BuildKit:
```dockerfile
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt,sharing=locked \
    apt-get update && apt-get install -y --no-install-recommends curl
```

## Options
None.

## References
- [Docker best practices: apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
- [RUN --mount=type=cache](https://docs.docker.com/reference/dockerfile/#run---mounttypecache)
- hadolint DL3009
)md",
        .tags = {"best-practice", "image-size"},
        .aliases = {{"hadolint", "DL3009"}},
        .has_fix = true,
    };
    return info;
  }

  void check_dockerfile(const dockerfile::Dockerfile& file, RuleContext& context) const override {
    shell::for_each_run(file, [&](const dockerfile::Instruction& run) {
      if (!shell::in_shipped_image(file, run)) return;
      if (shell::has_cache_mount(run, {"/var/lib/apt/lists"})) return;
      // The first install is remembered by value: exec-form commands are temporaries.
      struct Install {
        Span span;
        uint32_t command_end;
        std::string name;
      };
      std::optional<Install> first_install;
      shell::for_each_command(run, [&](const dockerfile::ShellCommand& command) {
        if (first_install) return;
        const auto apt = shell::parse_package_command(command);
        if (!apt || apt->subcommand() != "install") return;
        if (apt->manager == Manager::AptGet || apt->manager == Manager::Apt ||
            apt->manager == Manager::Aptitude) {
          first_install =
              Install{apt->span(), command.span.end, std::string(apt->invocation.name())};
        }
      });
      if (!first_install) return;
      if (shell::removes_path_after(run, first_install->command_end, {"/var/lib/apt/lists"})) {
        return;
      }
      // apt 2.7+ `apt-get dist-clean` removes the lists too (docker-library images use it).
      bool dist_clean = false;
      shell::for_each_command(run, [&](const dockerfile::ShellCommand& command) {
        if (command.span.begin < first_install->command_end) return;
        const auto apt = shell::parse_package_command(command);
        dist_clean =
            dist_clean || (apt && apt->subcommand() == "dist-clean" &&
                           (apt->manager == Manager::AptGet || apt->manager == Manager::Apt));
      });
      if (dist_clean) return;
      context.report(first_install->span,
                     "`" + first_install->name +
                         " install` leaves /var/lib/apt/lists in the layer; remove it in the "
                         "same RUN or use a cache mount",
                     cleanup_fix(run, context.source().text()));
    });
  }
};

}  // namespace

const Rule& rule_DF506() {
  static const AptListsNotCleanedRule rule;
  return rule;
}

}  // namespace berth::rules
