// DF104 untrusted-registry: images pulled from a registry outside config `trusted-registries`.
#include <algorithm>
#include <cctype>

#include "analyzer/dockerfile/model.h"
#include "analyzer/engine/rule_context.h"
#include "rules/support/images.h"

namespace berth::rules {
namespace {

using dockerfile::Dockerfile;
using dockerfile::InstructionKind;
using dockerfile::Stage;

std::string lowered(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// `*` matches any run of characters (dots and slashes included), like hadolint's patterns.
bool glob_match(std::string_view pattern, std::string_view text) {
  size_t p = 0, t = 0, star = std::string_view::npos, resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

// Docker Hub has several names; configs and references may use any of them.
std::string canonical_registry(std::string_view registry) {
  std::string name = lowered(registry);
  if (name == "index.docker.io" || name == "registry-1.docker.io" || name == "hub.docker.com" ||
      name == "registry.hub.docker.com") {
    return "docker.io";
  }
  return name;
}

class TrustedRegistries {
 public:
  explicit TrustedRegistries(const std::vector<std::string>& configured) {
    for (const std::string& entry : configured) {
      std::string pattern = lowered(entry);
      while (pattern.ends_with('/')) pattern.pop_back();
      const size_t slash = pattern.find('/');
      if (slash == std::string::npos) {
        patterns_.push_back(canonical_registry(pattern));
      } else {
        patterns_.push_back(canonical_registry(pattern.substr(0, slash)) + pattern.substr(slash));
      }
    }
  }
  bool empty() const { return patterns_.empty(); }

  // An entry without `/` names registries; one with `/` also names a repository prefix
  // (`ghcr.io/acme` trusts `ghcr.io/acme/app`).
  bool trusts(const dockerfile::ImageRef& image) const {
    const std::string registry = canonical_registry(image.registry);
    const std::string full = registry + "/" + lowered(image.repository);
    return std::any_of(patterns_.begin(), patterns_.end(), [&](const std::string& pattern) {
      if (pattern.find('/') == std::string::npos) return glob_match(pattern, registry);
      return glob_match(pattern, full) || glob_match(pattern + "/*", full);
    });
  }

 private:
  std::vector<std::string> patterns_;
};

// A `--from` value that names an image rather than a stage: not an earlier stage's name or
// index, and no variable left in it.
bool names_image(const Dockerfile& file, int current, std::string_view reference) {
  if (reference.empty() || reference.find('$') != std::string_view::npos) return false;
  const std::string name = lowered(reference);
  if (std::all_of(name.begin(), name.end(), [](unsigned char c) { return std::isdigit(c); })) {
    return false;
  }
  return std::none_of(file.stages.begin(), file.stages.end(), [&](const Stage& stage) {
    return stage.index <= current && stage.name == name;
  });
}

Span mount_from_span(const dockerfile::Mount& mount, std::string_view source) {
  const std::string_view text = source.substr(mount.span.begin, mount.span.size());
  size_t at = text.find("from=");
  while (at != std::string_view::npos && at > 0 && text[at - 1] != ',' && text[at - 1] != '=') {
    at = text.find("from=", at + 1);
  }
  if (at == std::string_view::npos) return mount.span;
  const size_t end = text.find(',', at);
  return Span{mount.span.begin + static_cast<uint32_t>(at + 5),
              end == std::string_view::npos ? mount.span.end
                                            : mount.span.begin + static_cast<uint32_t>(end)};
}

class UntrustedRegistryRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "DF104",
        .name = "untrusted-registry",
        .target = RuleTarget::Dockerfile,
        .severity = Severity::Error,
        .summary = "An image pulled from a registry outside config `trusted-registries`",
        .docs = R"md(## What it does
Reports every image the build pulls from a registry that is not listed in the config's
`trusted-registries`: the image of each `FROM` (after global ARG substitution), a
`COPY --from=<image>` and a `RUN --mount=...,from=<image>` whose value is not an earlier
stage. An image without a registry host is on Docker Hub, `docker.io` (`index.docker.io` and
`registry-1.docker.io` are the same). The rule does nothing until `trusted-registries` is
configured.

Entries are compared case-insensitively; `*` matches any characters (`*.example.com` trusts
`eu.example.com` but not `example.com`; `registry*` trusts `registry.corp:5000`). A registry
with a port must be listed with it (`localhost:5000`). An entry with a path trusts that
repository prefix only (`ghcr.io/acme` trusts `ghcr.io/acme/app`, not `ghcr.io/other/app`).
`FROM scratch`, earlier stages and references that depend on an ARG without a value are not
judged.

## Why is this bad?
Organisations mirror and scan approved images in their own registries. A base image or a
`COPY --from` image from anywhere else bypasses that review: its contents, its provenance
and its availability are outside your control.

## Example
With `.berth.yaml`:
```yaml
trusted-registries: [registry.example.com, "*.gcr.io"]
```
```dockerfile
FROM python:3.12-slim
COPY --from=ghcr.io/astral-sh/uv:0.4 /uv /usr/local/bin/uv
```

## Use instead
```dockerfile
FROM registry.example.com/mirror/python:3.12-slim
COPY --from=registry.example.com/mirror/uv:0.4 /uv /usr/local/bin/uv
```

## Options
Config `trusted-registries` (top level of `.berth.yaml`, list of strings, default empty: the
rule is inert).

## References
- [Docker Hub mirrors and registries](https://docs.docker.com/docker-hub/image-library/mirror/)
- hadolint DL3026
)md",
        .tags = {"security", "supply-chain"},
        .security_severity = "6.0",
        .aliases = {{"hadolint", "DL3026"}},
    };
    return info;
  }

  void check_dockerfile(const Dockerfile& file, RuleContext& context) const override {
    const TrustedRegistries trusted(context.config().trusted_registries);
    if (trusted.empty()) return;
    const std::string_view source = context.source().text();
    auto judge = [&](const dockerfile::ImageRef& image, Span span) {
      if (image.unresolved || trusted.trusts(image)) return;
      context.report(span, "`" + image.text + "` comes from `" +
                               canonical_registry(image.registry) +
                               "`, which is not in trusted-registries");
    };
    for (const Stage& stage : file.stages) {
      if (images::is_judged_image(stage)) judge(stage.image, stage.base.span);
    }
    // Every instruction, including a fragment's before any FROM.
    for (const auto& instruction : file.instructions) {
      const int stage = instruction->stage;
      if (instruction->kind == InstructionKind::Copy) {
        const dockerfile::Flag* from = instruction->flag("from");
        if (from && from->value && names_image(file, stage, *from->value)) {
          judge(dockerfile::parse_image_ref(*from->value), from->value_span);
        }
      } else if (instruction->kind == InstructionKind::Run) {
        for (const dockerfile::Mount& mount : instruction->mounts) {
          if (names_image(file, stage, mount.from)) {
            judge(dockerfile::parse_image_ref(mount.from), mount_from_span(mount, source));
          }
        }
      }
    }
  }
};

}  // namespace

const Rule& rule_DF104() {
  static const UntrustedRegistryRule rule;
  return rule;
}

}  // namespace berth::rules
