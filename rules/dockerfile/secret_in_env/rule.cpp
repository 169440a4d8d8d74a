// DF301 secret-in-env: ENV keys that look secret with a literal value, and ENV/LABEL values
// in a known credential format. Values are never printed.
#include "analyzer/dockerfile/model.h"
#include "analyzer/engine/rule_context.h"
#include "rules/support/secrets.h"

namespace berth::rules {
namespace {

using dockerfile::InstructionKind;

class SecretInEnvRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "DF301",
        .name = "secret-in-env",
        .target = RuleTarget::Dockerfile,
        .severity = Severity::Error,
        .summary = "A secret baked into the image with ENV or LABEL",
        .docs = R"md(## What it does
Reports ENV variables that hold a secret, in every stage (the Dockerfile itself is where
the secret leaks):

- a key that looks secret, with a literal value. The key is split into words at `_` (also
  `-`, `.` and camelCase) and one word must be PASSWORD, PASSWD, PASSPHRASE, SECRET, TOKEN,
  APIKEY, CREDENTIAL(S), CREDS, AUTH, or a pair API/PRIVATE/ACCESS/MASTER/ENCRYPTION/SIGNING/
  CLIENT + KEY, or end in PASS or PWD (`DB_PASS`, `MYSQL_PWD`). Whole words only: `AUTHOR`,
  `GPG_KEY` (the public key fingerprint official images verify downloads with) and
  `TOKENIZERS_PARALLELISM` are not secrets. The finding sits on the key;
- any ENV or LABEL value in a known credential format: AWS access key id (`AKIA…`/`ASIA…`),
  GitHub (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`, `github_pat_`), GitLab (`glpat-`), Slack
  (`xoxa-`/`xoxb-`/`xoxp-`/`xoxr-`), Stripe (`sk_live_`, `rk_live_`), Google API key
  (`AIza…`), a PEM private key header, a JSON Web Token, a URL with `user:password@`. The
  finding sits on the value and names the format.

Not reported:

- keys that say where or what kind of secret is used rather than holding it: last word
  FILE, PATH, DIR, URL, URI, NAME, USER, USERNAME, VERSION, ENABLED, TYPE, METHOD, MODE,
  PROVIDER, HOST, PORT, ENDPOINT, SERVER, TTL, TIMEOUT, EXPIRY, LENGTH, ALGORITHM, HEADER,
  REALM, ISSUER, SCOPE, … (`POSTGRES_PASSWORD_FILE=/run/secrets/db`, `TOKEN_URL`,
  `SECRET_NAME`, `AUTH_ENABLED`), and any key with the word PUBLIC or PUBLISHABLE
  (`NEXT_PUBLIC_API_KEY` is sent to browsers by design);
- values that are not literal secrets: empty, only `$VAR`/`${VAR}` references, file paths
  (`/run/secrets/token`, `$HOME/key.json`, `service-account.json`), URLs without
  credentials, and obvious placeholders (`changeme`, `<your-token>`, `xxxx`,
  `your_api_key_here`, `REPLACE_ME`, `none`, `true`/`false`, `0`/`1`, the word
  `password`/`secret`/`token` itself, or the key's own name: `HF_TOKEN=HF_TOKEN`). A placeholder leaks nothing; a weak *default*
  password like `changeme` is still worth replacing, but it is not a leaked secret;
- tokens that do not look random (`ghp_xxxxxxxx…`, `AKIAAAAA…`).

Messages name the key or the credential format and never contain the value (credential
formats are shown redacted, e.g. `AKIA************MPLE`).

## Why is this bad?
ENV values are stored in the image configuration: anyone who can pull the image reads
them with `docker inspect` or `docker history`, and every container started from it
exposes them in `/proc/*/environ` and to child processes. The secret is also in the
Dockerfile under version control. Rotating it means rebuilding and re-pushing every image.

## Example
```dockerfile
FROM python:3.12-slim
ENV DATABASE_URL=postgres://app:s3cr3t@db:5432/app \
    STRIPE_API_KEY=sk_live_4eC39HqLyjWDarjtT1zdp7dc
```

## Use instead
```dockerfile
FROM python:3.12-slim
# Provide secrets at run time (orchestrator secrets, environment, or files):
ENV DATABASE_URL_FILE=/run/secrets/database_url
# and at build time only through secret mounts:
RUN --mount=type=secret,id=pip_token \
    PIP_INDEX_URL="https://__token__:$(cat /run/secrets/pip_token)@pypi.example.com/simple" \
    pip install --no-cache-dir -r requirements.txt
```

## Options
None.

## References
- [Dockerfile reference: ENV](https://docs.docker.com/reference/dockerfile/#env)
- [Build secrets](https://docs.docker.com/build/building/secrets/)
- [BuildKit check SecretsUsedInArgOrEnv](https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/)
- hadolint DL3064, Trivy DS-0031
)md",
        .tags = {"security", "secrets"},
        .security_severity = "9.0",
        .aliases = {{"hadolint", "DL3064"},
                    {"buildkit", "SecretsUsedInArgOrEnv"},
                    {"trivy", "DS-0031"}},
    };
    return info;
  }

  void check_dockerfile(const dockerfile::Dockerfile& file, RuleContext& context) const override {
    for (const auto& top : file.instructions) {
      const dockerfile::Instruction* instruction = top.get();
      if (instruction->onbuild) instruction = instruction->onbuild.get();
      const bool env = instruction->kind == InstructionKind::Env;
      if (!env && instruction->kind != InstructionKind::Label) continue;
      for (const dockerfile::KeyValue& pair : instruction->pairs) {
        if (!pair.value) continue;
        const std::string keyword = env ? "ENV" : "LABEL";
        if (const auto credential = secrets::find_credential(pair.value->text)) {
          context.mark_secret(pair.value->span);
          context.report(pair.value->span, keyword + " `" + pair.key.text + "` holds a " +
                                               std::string(secrets::describe(credential->kind)) +
                                               " (" + credential->redacted + ")");
          continue;
        }
        if (!env) continue;
        const auto key = secrets::secret_key(pair.key.text);
        if (!key || !secrets::is_literal_secret_value(pair.value->text) ||
            secrets::echoes_key(pair.key.text, pair.value->text)) {
          continue;
        }
        context.mark_secret(pair.value->span);
        context.report(pair.key.span, "ENV `" + pair.key.text + "` looks like a secret (" +
                                          std::string(key->word) +
                                          ") and has a literal value (redacted)");
      }
    }
  }
};

}  // namespace

const Rule& rule_DF301() {
  static const SecretInEnvRule rule;
  return rule;
}

}  // namespace berth::rules
