// DF201 root-user: the shipped image runs as root, because the last USER of its stage chain
// is root or because no stage of the chain sets a USER.
#include <string>

#include "analyzer/dockerfile/model.h"
#include "analyzer/engine/rule_context.h"
#include "rules/support/shell_commands.h"

namespace berth::rules {
namespace {

using dockerfile::Instruction;
using dockerfile::InstructionKind;

// `root`, `0`, `root:<group>`, `0:<group>`: the user part decides, the group does not help.
bool is_root_user(std::string_view user) {
  const std::string_view name = user.substr(0, user.find(':'));
  return name == "root" || (!name.empty() && name.find_first_not_of('0') == std::string_view::npos);
}

// The value a variable has at `before`: an ENV/ARG of the stage chain, else the default of
// a global ARG (an `ARG NAME` inside the stage imports it).
std::optional<std::string> variable_value(const dockerfile::Dockerfile& file,
                                          const Instruction& before, std::string_view name) {
  if (auto value = shell::stage_variable(file, before, name)) return value;
  std::optional<std::string> global;
  for (const Instruction* arg : file.global_args) {
    for (const dockerfile::KeyValue& pair : arg->pairs) {
      if (pair.key.text == name && pair.value) global = pair.value->text;
    }
  }
  return global;
}

// The USER text with `$VAR`/`${VAR}` substituted, or nullopt when a variable has no value in
// the file (a build argument decides it, so the user is unknown).
std::optional<std::string> resolve_user(const dockerfile::Dockerfile& file, const Instruction& user,
                                        std::string_view text) {
  if (text.find('$') == std::string_view::npos) return std::string(text);
  std::map<std::string, std::string> scope;
  for (size_t at = text.find('$'); at != std::string_view::npos; at = text.find('$', at + 1)) {
    size_t begin = at + 1;
    if (begin < text.size() && text[begin] == '{') ++begin;
    size_t end = begin;
    while (end < text.size() &&
           (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_')) {
      ++end;
    }
    const std::string name(text.substr(begin, end - begin));
    if (name.empty()) continue;
    if (auto value = variable_value(file, user, name)) scope[name] = *value;
  }
  bool unresolved = false;
  std::string resolved = dockerfile::substitute(text, scope, &unresolved);
  // `ENV APP_USER=${CUSTOM_USER}`: a value naming another variable is not resolved further.
  if (unresolved || resolved.find('$') != std::string::npos) return std::nullopt;
  return resolved;
}

// Base images that are built to run as a non-root user: distroless `:nonroot` tags,
// Microsoft's chiseled images, `*-unprivileged`/rootless variants, and a table of well-known
// images whose Dockerfile ends with a non-root USER.
bool base_runs_as_non_root(const dockerfile::ImageRef& image) {
  static constexpr std::string_view kNonRootRepositories[] = {
      "jenkins/jenkins",   "jenkins/inbound-agent", "jenkins/agent",
      "grafana/grafana",   "grafana/loki",          "prom/prometheus",
      "prom/alertmanager", "prom/node-exporter",    "sonatype/nexus3",
      "library/sonarqube", "keycloak/keycloak",     "elasticsearch/elasticsearch",
      "kibana/kibana",     "logstash/logstash",     "nginxinc/nginx-unprivileged",
  };
  if (image.tag.find("nonroot") != std::string::npos ||
      image.tag.find("rootless") != std::string::npos ||
      image.tag.find("chiseled") != std::string::npos ||
      image.repository.ends_with("-unprivileged") || image.repository.ends_with("-nonroot") ||
      image.repository.starts_with("bitnami/")) {
    return true;
  }
  for (std::string_view repository : kNonRootRepositories) {
    if (image.repository == repository) return true;
  }
  // .NET's distroless images run as the `app` user.
  return image.registry == "mcr.microsoft.com" && image.tag.find("distroless") != std::string::npos;
}

class RootUserRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "DF201",
        .name = "root-user",
        .target = RuleTarget::Dockerfile,
        .severity = Severity::Warning,
        .summary = "The shipped image runs as root",
        .docs = R"md(## What it does
Reports a shipped image whose process runs as root: the last `USER` of the shipped stage and
the stages it builds on (`FROM builder`) is `root`, `0`, `root:<group>` or `0:<group>`, or no
stage of that chain sets a `USER` at all (images start as root unless the base image says
otherwise). The finding sits on the `USER` value, or on the `FROM` line of the shipped stage
when there is no `USER`.

Only the shipped stage counts (the last stage, or `--target` / config `target`): builder
stages run as root to install packages and are thrown away, so they are exempt. `USER $VAR`
is resolved from ARG/ENV defaults; when a variable has no value in the file the user is
unknown and nothing is reported; so is a missing USER when the base image itself is unknown
(`FROM $IMAGE` with no default). Base images built to run unprivileged count as a non-root
`USER`: tags containing `nonroot`, `rootless` or `chiseled`, `*-unprivileged` repositories,
`bitnami/*`, .NET distroless images on mcr.microsoft.com, and jenkins/jenkins,
grafana/grafana, grafana/loki, prom/prometheus, prom/alertmanager, prom/node-exporter,
sonatype/nexus3, sonarqube, keycloak/keycloak, elasticsearch, kibana and logstash.

## Why is this bad?
A process running as root inside a container is root on the host's kernel: a container
escape, a writable host mount or a mis-set capability turns an application bug into a host
compromise. Kubernetes `runAsNonRoot` admission also refuses such images.

## Example
```dockerfile
FROM golang:1.22 AS build
RUN go build -o /app .

FROM debian:12-slim
COPY --from=build /app /app
USER root
CMD ["/app"]
```

## Use instead
```dockerfile
FROM golang:1.22 AS build
RUN go build -o /app .

FROM debian:12-slim
RUN useradd --system --uid 10001 app
COPY --from=build /app /app
USER 10001
CMD ["/app"]
```

A numeric UID lets Kubernetes verify `runAsNonRoot` without reading `/etc/passwd`.

## Options
None.

## References
- [Dockerfile reference: USER](https://docs.docker.com/reference/dockerfile/#user)
- [Docker best practices: USER](https://docs.docker.com/build/building/best-practices/#user)
- hadolint DL3002, Trivy DS-0002, Checkov CKV_DOCKER_3 (no USER) and CKV_DOCKER_8 (USER root)
)md",
        .tags = {"security"},
        .security_severity = "6.0",
        .aliases = {{"hadolint", "DL3002"},
                    {"trivy", "DS-0002"},
                    {"checkov", "CKV_DOCKER_3"},
                    {"checkov", "CKV_DOCKER_8"}},
    };
    return info;
  }

  void check_dockerfile(const dockerfile::Dockerfile& file, RuleContext& context) const override {
    const std::vector<const dockerfile::Stage*> chain = file.shipped_chain();
    if (chain.empty()) return;
    for (const dockerfile::Stage* stage : chain) {
      const Instruction* last_user = nullptr;
      for (const Instruction* instruction : stage->instructions) {
        if (instruction->kind == InstructionKind::User && !instruction->args.empty()) {
          last_user = instruction;
        }
      }
      if (last_user) {
        const dockerfile::Word& value = last_user->args.front();
        const std::optional<std::string> user = resolve_user(file, *last_user, value.text);
        if (!user || !is_root_user(*user)) return;
        std::string message = "the shipped image runs as root: last USER is `" + value.text + "`";
        if (*user != value.text) message += " (`" + *user + "`)";
        context.report(value.span, message);
        return;
      }
      // The chain ends at an image: an unprivileged base image sets the user itself, and
      // the USER of an unknown one (`FROM $IMAGE` without a default) cannot be judged.
      if (stage->parent < 0 && (stage->image.unresolved || base_runs_as_non_root(stage->image))) {
        return;
      }
    }
    const dockerfile::Stage& shipped = *chain.front();
    if (!shipped.from) return;
    context.report(shipped.from->span,
                   "the shipped image runs as root: no USER in the shipped stage" +
                       std::string(chain.size() > 1 ? " or the stages it builds on" : ""));
  }
};

}  // namespace

const Rule& rule_DF201() {
  static const RootUserRule rule;
  return rule;
}

}  // namespace berth::rules
