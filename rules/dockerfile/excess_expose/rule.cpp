// DF401 excess-expose: a stage exposing many ports, or one huge EXPOSE range.
#include <cctype>
#include <map>
#include <set>
#include <string>

#include "analyzer/dockerfile/model.h"
#include "analyzer/engine/rule_context.h"
#include "rules/support/expose_ports.h"

namespace berth::rules {
namespace {

class ExcessExposeRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "DF401",
        .name = "excess-expose",
        .target = RuleTarget::Dockerfile,
        .severity = Severity::Warning,
        .summary = "A stage exposes more ports than expected, or a very wide port range",
        .docs = R"md(## What it does
Reports a stage whose EXPOSE instructions declare more ports than option `max-ports`
(default 4), once per stage on the argument that goes over the limit, and any EXPOSE range
spanning more than option `max-range` ports (default 16), on the range. Each port or range
counts once per protocol (`53/tcp` and `53/udp` are two, `80` and `80/tcp` one): the width
of ranges is what `max-range` is for. A port given by a variable without a value counts as
one. Each stage is counted on its own.

## Why is this bad?
Every exposed port is published by `docker run -P` and read by orchestrators and scanners
as part of the image's attack surface. A long list or a wide range usually means debug,
admin or clustering ports that the shipped service does not need, or a range written where
one port was meant. Expose what the service listens on and keep the rest unpublished.

## Example
```dockerfile
FROM eclipse-temurin:21-jre
EXPOSE 8080 8443 9090 5005 1099
EXPOSE 30000-32767
```

## Use instead
```dockerfile
FROM eclipse-temurin:21-jre
EXPOSE 8080 8443
```

## Options
- `max-ports` (int, default 4): the most ports a stage may expose.
- `max-range` (int, default 16): the most ports one EXPOSE range may span.

```yaml
rules:
  excess-expose:
    max-ports: 6
    max-range: 100
```

## References
- [Dockerfile reference: EXPOSE](https://docs.docker.com/reference/dockerfile/#expose)
- hadolint DL3011 (port ranges)
)md",
        .tags = {"security", "best-practice"},
        .security_severity = "3.0",
        .aliases = {{"hadolint", "DL3011"}},
        .options = {{"max-ports", OptionType::Int, "4", "The most ports a stage may expose"},
                    {"max-range", OptionType::Int, "16",
                     "The most ports one EXPOSE range may span"}},
    };
    return info;
  }

  void check_dockerfile(const dockerfile::Dockerfile& file, RuleContext& context) const override {
    const int64_t max_ports = context.int_option("max-ports", 4);
    const int64_t max_range = context.int_option("max-range", 16);
    struct StageCount {
      std::set<std::string> seen;
      int64_t count = 0;
      bool reported = false;
    };
    std::map<int, StageCount> stages;
    expose::for_each_port(
        file, [&](const dockerfile::Instruction& expose, const expose::PortSpec& spec) {
          if (!spec.unresolved && spec.numeric && !spec.host_mapping && spec.low <= spec.high) {
            const uint32_t size = spec.count();
            if (size > max_range) {
              context.report(spec.word->span,
                             "EXPOSE range `" + spec.text + "` spans " + std::to_string(size) +
                                 " ports (more than max-range " + std::to_string(max_range) + ")");
              return;
            }
          }
          StageCount& stage = stages[expose.stage];
          // `80` and `80/tcp` are the same port; `80/udp` is another one.
          std::string key = spec.text;
          if (!spec.unresolved && spec.numeric) {
            std::string protocol = spec.protocol.empty() ? "tcp" : spec.protocol;
            for (char& c : protocol)
              c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            key = std::to_string(spec.low) + "-" + std::to_string(spec.high) + "/" + protocol;
          }
          if (!stage.seen.insert(key).second) return;
          ++stage.count;
          if (stage.count > max_ports && !stage.reported) {
            stage.reported = true;
            context.report(spec.word->span, "the stage exposes " + std::to_string(stage.count) +
                                                " ports or ranges so far (more than max-ports " +
                                                std::to_string(max_ports) + ")");
          }
        });
  }
};

}  // namespace

const Rule& rule_DF401() {
  static const ExcessExposeRule rule;
  return rule;
}

}  // namespace berth::rules
