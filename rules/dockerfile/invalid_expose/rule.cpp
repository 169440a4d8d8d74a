// DF403 invalid-expose: EXPOSE arguments Docker rejects or misreads: ports outside 0-65535,
// unknown protocols, host mappings.
#include <algorithm>

#include "analyzer/dockerfile/model.h"
#include "analyzer/engine/rule_context.h"
#include "rules/support/expose_ports.h"

namespace berth::rules {
namespace {

std::string lowercase(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

class InvalidExposeRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "DF403",
        .name = "invalid-expose",
        .target = RuleTarget::Dockerfile,
        .severity = Severity::Error,
        .summary = "EXPOSE with an invalid port, protocol or a host mapping",
        .docs = R"md(## What it does
Reports EXPOSE arguments that are not `PORT[/PROTOCOL]` or `LOW-HIGH[/PROTOCOL]` with ports
in 0–65535 and protocol `tcp`, `udp` or `sctp`:

- a port above 65535, a range whose start is above its end, or a port that is not a
  number (`EXPOSE http`);
- an unknown protocol (`80/http`), or one not in lower case (`80/TCP`, which BuildKit
  warns about);
- a host mapping (`8080:80`, `127.0.0.1:80:80`): EXPOSE only documents the container
  port, publishing is decided by `docker run -p`.

Variables are resolved from ARG/ENV defaults; a port that still depends on a variable
without a value is not judged. The finding sits on the argument.

## Why is this bad?
Docker refuses invalid ports at build time, silently drops the host part of a mapping
(BuildKit will make it an error), and tools that read the image's exposed ports
(orchestrators, `docker run -P`) get wrong data.

## Example
```dockerfile
FROM nginx:1.27
EXPOSE 8080:80 443/TCP 70000
```

## Use instead
```dockerfile
FROM nginx:1.27
EXPOSE 80 443/tcp
```
and publish with `docker run -p 8080:80 …`.

## Options
None.

## References
- [Dockerfile reference: EXPOSE](https://docs.docker.com/reference/dockerfile/#expose)
- [BuildKit check ExposeInvalidFormat](https://docs.docker.com/reference/build-checks/expose-invalid-format/)
- [BuildKit check ExposeProtoCasing](https://docs.docker.com/reference/build-checks/expose-proto-casing/)
- hadolint DL3011, Trivy DS-0008
)md",
        .tags = {"correctness"},
        .aliases = {{"hadolint", "DL3011"},
                    {"trivy", "DS-0008"},
                    {"buildkit", "ExposeInvalidFormat"},
                    {"buildkit", "ExposeProtoCasing"}},
    };
    return info;
  }

  void check_dockerfile(const dockerfile::Dockerfile& file, RuleContext& context) const override {
    expose::for_each_port(file, [&](const dockerfile::Instruction&, const expose::PortSpec& spec) {
      if (spec.unresolved) return;
      const Span span = spec.word->span;
      const std::string shown = "`" + spec.text + "`";
      if (spec.host_mapping) {
        context.report(span, "EXPOSE " + shown +
                                 " maps a host port or address: EXPOSE takes only the container "
                                 "port; publish with `docker run -p`");
        return;
      }
      if (!spec.numeric) {
        context.report(span, "EXPOSE " + shown + " is not a port number or range");
        return;
      }
      if (spec.low > 65535 || spec.high > 65535) {
        context.report(span, "EXPOSE " + shown + ": ports range from 0 to 65535");
        return;
      }
      if (spec.low > spec.high) {
        context.report(span, "EXPOSE " + shown + ": the range starts above its end");
        return;
      }
      if (spec.protocol.empty()) return;
      const std::string lower = lowercase(spec.protocol);
      if (lower != "tcp" && lower != "udp" && lower != "sctp") {
        context.report(span, "EXPOSE " + shown + ": unknown protocol `" + spec.protocol +
                                 "` (tcp, udp or sctp)");
      } else if (lower != spec.protocol) {
        context.report(span,
                       "EXPOSE " + shown + ": write the protocol in lower case (`" + lower + "`)");
      }
    });
  }
};

}  // namespace

const Rule& rule_DF403() {
  static const InvalidExposeRule rule;
  return rule;
}

}  // namespace berth::rules
