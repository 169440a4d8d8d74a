// DF508 pip-missing-no-cache-dir: `pip install` that keeps pip's download cache in the layer.
#include <optional>

#include "analyzer/dockerfile/model.h"
#include "analyzer/dockerfile/shell.h"
#include "analyzer/engine/rule_context.h"
#include "rules/support/shell_commands.h"

namespace berth::rules {
namespace {

// `export PIP_NO_CACHE_DIR=1 && pip install …`: the declaration is not a command, so the
// script text is searched for it.
bool exports_no_cache_dir(const dockerfile::Instruction& run) {
  static constexpr std::string_view kKey = "PIP_NO_CACHE_DIR=";
  for (const dockerfile::ShellScript& script : run.scripts) {
    for (size_t at = script.text.find(kKey); at != std::string::npos;
         at = script.text.find(kKey, at + 1)) {
      std::string_view value = std::string_view(script.text).substr(at + kKey.size());
      value = value.substr(0, value.find_first_of(" \t\n;&|"));
      if (shell::truthy(dockerfile::unquote_shell_word(value))) return true;
    }
  }
  return false;
}

bool has_pip_cache_mount(const dockerfile::Instruction& run) {
  if (shell::has_cache_mount(run, {"/root/.cache/pip"})) return true;
  // Non-root users: --mount=type=cache,target=/home/app/.cache/pip (or its .cache parent).
  for (const dockerfile::Mount& mount : run.mounts) {
    if (mount.type != "cache" && mount.type != "tmpfs") continue;
    std::string_view target = mount.target;
    while (target.ends_with('/')) target.remove_suffix(1);
    if (target.ends_with("/.cache/pip") || target.ends_with("/.cache")) return true;
  }
  return false;
}

class PipMissingNoCacheDirRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "DF508",
        .name = "pip-missing-no-cache-dir",
        .target = RuleTarget::Dockerfile,
        .severity = Severity::Info,
        .summary = "`pip install` without `--no-cache-dir`",
        .docs = R"md(## What it does
Reports `pip install` (also `pip3`, `pip3.12`, `python -m pip`, behind `sudo`/`env`) without
`--no-cache-dir` in stages whose layers end up in the shipped image. It is not reported when
pip's cache is turned off or kept out of the layer:

- `PIP_NO_CACHE_DIR` set to a true value (`1`, `true`, `yes`, `on`) by an ENV or ARG of the
  stage or the stages it builds on, as a prefix assignment (`PIP_NO_CACHE_DIR=1 pip …`), or
  exported in the same RUN;
- a `--mount=type=cache` or `type=tmpfs` on `/root/.cache/pip` (or any `…/.cache/pip` or
  `…/.cache`).

`pipx`, `pipenv`, `poetry` and `uv` are other tools and are not judged. The finding sits on
the `pip install` words.

The fix inserts `--no-cache-dir` after `install`.

## Why is this bad?
pip keeps every downloaded wheel and source archive in `~/.cache/pip`. In an image that cache
is dead weight, often larger than the installed packages themselves (think of `torch`).

## Example
```dockerfile
FROM python:3.12-slim
RUN pip install -r requirements.txt
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN pip install --no-cache-dir -r requirements.txt
```
or keep the cache out of the image and reuse it across builds:
```dockerfile
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
```

## Options
None.

## References
- [pip caching](https://pip.pypa.io/en/stable/topics/caching/)
- hadolint DL3042
)md",
        .tags = {"best-practice", "image-size"},
        .aliases = {{"hadolint", "DL3042"}},
        .has_fix = true,
    };
    return info;
  }

  void check_dockerfile(const dockerfile::Dockerfile& file, RuleContext& context) const override {
    shell::for_each_run(file, [&](const dockerfile::Instruction& run) {
      if (!shell::in_shipped_image(file, run)) return;
      if (has_pip_cache_mount(run) || exports_no_cache_dir(run)) return;
      // Looked up only for a RUN with a pip install: stage_variable() walks the instructions
      // before the RUN, and doing that for every RUN was quadratic (9 s on 100,000 lines).
      std::optional<bool> env_disables_cache;
      shell::for_each_command(run, [&](const dockerfile::ShellCommand& command) {
        const auto pip = shell::parse_package_command(command);
        if (!pip || pip->manager != shell::Manager::Pip || pip->subcommand() != "install") return;
        if (pip->has_flag({"--no-cache-dir"})) return;
        if (!env_disables_cache) {
          const auto value = shell::stage_variable(file, run, "PIP_NO_CACHE_DIR");
          env_disables_cache = value && shell::truthy(*value);
        }
        if (*env_disables_cache) return;
        if (const auto value =
                shell::prefix_assignment(command, context.source().text(), "PIP_NO_CACHE_DIR");
            value && shell::truthy(*value)) {
          return;
        }
        const uint32_t end = pip->word(pip->subcommand_index).span.end;
        context.report(
            pip->span(),
            "`pip install` without `--no-cache-dir` keeps downloaded packages in the "
            "layer",
            Fix{"Add --no-cache-dir", true, {TextEdit{Span{end, end}, " --no-cache-dir", {}, {}}}});
      });
    });
  }
};

}  // namespace

const Rule& rule_DF508() {
  static const PipMissingNoCacheDirRule rule;
  return rule;
}

}  // namespace berth::rules
