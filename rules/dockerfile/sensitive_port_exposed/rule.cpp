// DF402 sensitive-port-exposed: EXPOSE of remote-administration and control-plane ports
// (ssh, telnet, Docker API, RDP, VNC, kubelet) in the shipped image.
#include <string>

#include "analyzer/dockerfile/model.h"
#include "analyzer/engine/rule_context.h"
#include "rules/support/expose_ports.h"
#include "rules/support/shell_commands.h"

namespace berth::rules {
namespace {

std::string_view service_of(uint32_t port) {
  switch (port) {
    case 22:
      return "ssh";
    case 23:
      return "telnet";
    case 2375:
      return "the unencrypted Docker API";
    case 2376:
      return "the Docker API";
    case 3389:
      return "RDP";
    case 5900:
      return "VNC";
    case 10250:
      return "the kubelet API";
    default:
      return "";
  }
}

class SensitivePortExposedRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "DF402",
        .name = "sensitive-port-exposed",
        .target = RuleTarget::Dockerfile,
        .severity = Severity::Warning,
        .summary =
            "EXPOSE of a remote-administration port (ssh, telnet, Docker API, RDP, VNC, kubelet)",
        .docs = R"md(## What it does
Reports EXPOSE of a sensitive port in a stage that ends up in the shipped image: 22 (ssh),
23 (telnet), 2375 and 2376 (Docker API), 3389 (RDP), 5900 (VNC), 10250 (kubelet). A range
that contains one of them is reported too. The list is set with option `ports`. Variables
are resolved from ARG/ENV defaults. Builder stages are exempt: their ports are never
published.

## Why is this bad?
These ports give a shell or full control of the host to whoever reaches them. A container
should not run an ssh or VNC server (use `docker exec` / `kubectl exec`), and an exposed
Docker or kubelet API is a well-known path to host takeover. Exposing them also invites
`docker run -P` and service meshes to publish them.

## Example
```dockerfile
FROM ubuntu:24.04
RUN apt-get update && apt-get install -y --no-install-recommends openssh-server
EXPOSE 22 8080
```

## Use instead
```dockerfile
FROM ubuntu:24.04
EXPOSE 8080
```
and use `docker exec` or `kubectl exec` to get a shell.

## Options
- `ports` (list of strings, default `["22", "23", "2375", "2376", "3389", "5900", "10250"]`):
  the ports to report.

```yaml
rules:
  sensitive-port-exposed:
    ports: ["22", "23", "2375", "2376", "3389", "5900", "5901", "10250", "6443"]
```

## References
- [Dockerfile reference: EXPOSE](https://docs.docker.com/reference/dockerfile/#expose)
- [Protect the Docker daemon socket](https://docs.docker.com/engine/security/protect-access/)
- Trivy DS-0004, Checkov CKV_DOCKER_1
)md",
        .tags = {"security"},
        .security_severity = "6.5",
        .aliases = {{"trivy", "DS-0004"}, {"checkov", "CKV_DOCKER_1"}},
        .options = {{"ports", OptionType::StringList,
                     "[\"22\", \"23\", \"2375\", \"2376\", \"3389\", \"5900\", \"10250\"]",
                     "The ports to report"}},
    };
    return info;
  }

  void check_dockerfile(const dockerfile::Dockerfile& file, RuleContext& context) const override {
    const std::vector<std::string> configured =
        context.strings_option("ports", {"22", "23", "2375", "2376", "3389", "5900", "10250"});
    std::vector<uint32_t> sensitive;
    for (const std::string& text : configured) {
      const expose::PortSpec port = expose::parse_port(text);
      if (port.numeric && port.low == port.high) sensitive.push_back(port.low);
    }
    expose::for_each_port(file, [&](const dockerfile::Instruction& expose,
                                    const expose::PortSpec& spec) {
      if (spec.unresolved || !spec.numeric || spec.low > spec.high) return;
      if (!shell::in_shipped_image(file, expose)) return;
      for (uint32_t port : sensitive) {
        if (port < spec.low || port > spec.high) continue;
        const std::string_view service = service_of(port);
        context.report(
            spec.word->span,
            "EXPOSE " +
                std::string(spec.low == spec.high ? "" : "range `" + spec.text + "` includes ") +
                "port " + std::to_string(port) +
                (service.empty() ? std::string() : " (" + std::string(service) + ")") +
                " in the shipped image");
        return;
      }
    });
  }
};

}  // namespace

const Rule& rule_DF402() {
  static const SensitivePortExposedRule rule;
  return rule;
}

}  // namespace berth::rules
