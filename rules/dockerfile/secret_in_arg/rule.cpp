// DF302 secret-in-arg: build arguments that carry secrets (they persist in image history).
#include "analyzer/dockerfile/model.h"
#include "analyzer/engine/rule_context.h"
#include "rules/support/secrets.h"

namespace berth::rules {
namespace {

class SecretInArgRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "DF302",
        .name = "secret-in-arg",
        .target = RuleTarget::Dockerfile,
        .severity = Severity::Warning,
        .summary = "A build argument used to pass a secret",
        .docs = R"md(## What it does
Reports ARG instructions (global ones before the first FROM included) whose name looks
secret, with or without a default, using DF301's word list and exceptions (`NPM_TOKEN`,
`GITHUB_TOKEN`, `AWS_SECRET_ACCESS_KEY`, `openai_api_key`, but not `GPG_KEY`,
`TOKEN_URL`, `PASSWORD_FILE`). The finding sits on the name. An ARG whose default value is
in a known credential format (`AKIA…`, `ghp_…`, a URL with `user:password@`, …) is
reported too, on the value; the value is never printed.

## Why is this bad?
Build argument values are recorded in the image history (`docker history --no-trunc`)
and in the build provenance of every layer whose RUN uses them, so anyone with the image
can read the secret passed with `--build-arg`. A default value also puts the secret in the
Dockerfile. Build secrets (`RUN --mount=type=secret`) are mounted only for the one RUN that
needs them and never written to a layer.

## Example
```dockerfile
FROM node:20-slim
ARG NPM_TOKEN
RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc
```

## Use instead
```dockerfile
FROM node:20-slim
RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN \
    echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc
```
Build with `docker build --secret id=npm_token,env=NPM_TOKEN .`

## Options
None.

## References
- [Build secrets](https://docs.docker.com/build/building/secrets/)
- [BuildKit check SecretsUsedInArgOrEnv](https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/)
- hadolint DL3064
)md",
        .tags = {"security", "secrets"},
        .security_severity = "7.0",
        .aliases = {{"hadolint", "DL3064"}, {"buildkit", "SecretsUsedInArgOrEnv"}},
    };
    return info;
  }

  void check_dockerfile(const dockerfile::Dockerfile& file, RuleContext& context) const override {
    for (const auto& top : file.instructions) {
      const dockerfile::Instruction* instruction = top.get();
      if (instruction->onbuild) instruction = instruction->onbuild.get();
      if (instruction->kind != dockerfile::InstructionKind::Arg) continue;
      for (const dockerfile::KeyValue& pair : instruction->pairs) {
        if (pair.value) {
          if (const auto credential = secrets::find_credential(pair.value->text)) {
            context.mark_secret(pair.value->span);
            context.report(pair.value->span,
                           "ARG `" + pair.key.text + "` has a default that is a " +
                               std::string(secrets::describe(credential->kind)) + " (" +
                               credential->redacted +
                               "): build arguments persist in the image history; use RUN "
                               "--mount=type=secret");
            continue;
          }
        }
        const auto key = secrets::secret_key(pair.key.text);
        if (!key) continue;
        if (pair.value && secrets::is_literal_secret_value(pair.value->text)) {
          context.mark_secret(pair.value->span);
        }
        context.report(pair.key.span,
                       "ARG `" + pair.key.text + "` looks like a secret (" +
                           std::string(key->word) +
                           "): build arguments persist in the image history; use RUN "
                           "--mount=type=secret instead");
      }
    }
  }
};

}  // namespace

const Rule& rule_DF302() {
  static const SecretInArgRule rule;
  return rule;
}

}  // namespace berth::rules
