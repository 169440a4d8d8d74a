// DF303 secret-file-copied: COPY/ADD of files that hold credentials (SSH keys, .env,
// registry and cloud credential files).
#include <algorithm>
#include <string>

#include "analyzer/dockerfile/model.h"
#include "analyzer/engine/rule_context.h"

namespace berth::rules {
namespace {

std::string lowercase(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

std::vector<std::string_view> path_words(std::string_view path) {
  std::vector<std::string_view> words;
  size_t start = 0;
  for (size_t i = 0; i <= path.size(); ++i) {
    if (i == path.size() || path[i] == '/' || path[i] == '-' || path[i] == '_' || path[i] == '.') {
      if (i > start) words.push_back(path.substr(start, i - start));
      start = i + 1;
    }
  }
  return words;
}

bool has_word(const std::vector<std::string_view>& words,
              std::initializer_list<std::string_view> any) {
  return std::any_of(words.begin(), words.end(), [&](std::string_view word) {
    return std::find(any.begin(), any.end(), word) != any.end();
  });
}

// `.pem` holds certificates as often as keys: CA bundles, chains and anything going to a
// trust store are public.
bool looks_like_certificate(std::string_view source, std::string_view destination) {
  for (std::string_view path : {source, destination}) {
    const std::vector<std::string_view> words = path_words(path);
    if (has_word(words, {"cert", "certs", "certificate", "certificates", "ca", "cacert", "cacerts",
                         "chain", "fullchain", "bundle", "pub", "public", "root", "trust",
                         "trusted", "truststore", "intermediate", "crt", "x509"})) {
      return true;
    }
  }
  return false;
}

// `.key` files for package repositories are public GPG keys (`nodesource.key`, `Release.key`).
bool looks_like_public_key(std::string_view source, std::string_view destination) {
  for (std::string_view path : {source, destination}) {
    const std::vector<std::string_view> words = path_words(path);
    if (has_word(words, {"gpg", "pgp", "apt", "repo", "release", "archive", "keyring", "keyrings",
                         "pub", "public", "trusted", "rpm", "yum", "asc"})) {
      return true;
    }
  }
  return false;
}

// What the file is, or empty when it is not a known secret file.
std::string_view secret_file_kind(std::string_view source, std::string_view destination) {
  std::string_view trimmed = source;
  while (trimmed.size() > 1 && trimmed.back() == '/') trimmed.remove_suffix(1);
  const std::string path = lowercase(trimmed);
  const std::string lower_destination = lowercase(destination);
  const size_t slash = path.rfind('/');
  const std::string_view base = slash == std::string::npos
                                    ? std::string_view(path)
                                    : std::string_view(path).substr(slash + 1);
  if (base == "id_rsa" || base == "id_dsa" || base == "id_ecdsa" || base == "id_ed25519") {
    return "an SSH private key";
  }
  if (base == ".ssh") return "an SSH directory (private keys)";
  if (base == ".netrc" || base == "_netrc") return "a .netrc file (login passwords)";
  if (base == ".npmrc") return "an .npmrc file (registry tokens)";
  if (base == ".pypirc") return "a .pypirc file (package index passwords)";
  if (base == ".git-credentials") return "a git credential store";
  if (base == "credentials.json") return "a credentials file";
  if (path.ends_with(".aws/credentials") ||
      (base == "credentials" && lower_destination.find(".aws/") != std::string::npos)) {
    return "AWS credentials";
  }
  if (path.ends_with(".docker/config.json")) return "a Docker registry credential file";
  if (base == ".env") return "a .env file (application secrets)";
  if (base.starts_with(".env.")) {
    const std::vector<std::string_view> words = path_words(base);
    if (!has_word(words, {"example", "sample", "template", "dist", "default", "defaults", "tpl",
                          "tmpl", "schema", "test"})) {
      return "a .env file (application secrets)";
    }
    return {};
  }
  if (base.ends_with(".pem") && !looks_like_certificate(path, lower_destination)) {
    return "a PEM file (private key)";
  }
  if (base.ends_with(".key") && !looks_like_certificate(path, lower_destination) &&
      !looks_like_public_key(path, lower_destination)) {
    return "a private key file";
  }
  if (base.ends_with(".p12") || base.ends_with(".pfx")) return "a PKCS#12 key store (private key)";
  return {};
}

class SecretFileCopiedRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "DF303",
        .name = "secret-file-copied",
        .target = RuleTarget::Dockerfile,
        .severity = Severity::Warning,
        .summary = "COPY/ADD of a file that holds credentials",
        .docs = R"md(## What it does
Reports COPY and ADD sources that are well-known secret files, in every stage (also with
`--from=`, in exec form and under ONBUILD):

- SSH keys `id_rsa`, `id_dsa`, `id_ecdsa`, `id_ed25519` and `.ssh` directories;
- `*.pem` and `*.key` files, PKCS#12 stores `*.p12`/`*.pfx`;
- `.env` and `.env.<name>` files;
- `.npmrc`, `.pypirc`, `.netrc`, `.git-credentials`, `.aws/credentials`,
  `.docker/config.json`, `credentials.json`.

The finding sits on the source. Not reported: `*.pem`/`*.key` that are certificates or
public keys by their path or destination (words such as `cert`, `ca`, `chain`, `bundle`,
`public`, `trust`, `ca-certificates`; for `.key` also `gpg`, `apt`, `repo`, `release`,
`keyring`); `.env` templates (`.env.example`, `.env.sample`, `.env.template`,
`.env.dist`, `.env.defaults`, `.env.test`); remote `ADD https://…` sources; sources with
variables. `COPY . .` cannot be judged without `.dockerignore` and is not reported.

## Why is this bad?
Every file copied into a layer stays in the image, even if a later RUN deletes it: anyone
who pulls the image can extract the layer. Copying a key into a builder stage keeps it in
the build cache and in any exported cache. Build-time credentials belong in secret and SSH
mounts, which are never written to a layer; run-time credentials belong in the
orchestrator's secrets.

## Example
```dockerfile
FROM alpine:3.20 AS build
COPY id_rsa /root/.ssh/id_rsa
COPY .npmrc /app/.npmrc
RUN git clone git@github.com:example/private.git && cd app && npm ci
```

## Use instead
```dockerfile
# syntax=docker/dockerfile:1
FROM alpine:3.20 AS build
RUN --mount=type=ssh git clone git@github.com:example/private.git
RUN --mount=type=secret,id=npmrc,target=/app/.npmrc cd /app && npm ci
```
Build with `docker build --ssh default --secret id=npmrc,src=$HOME/.npmrc .`

## Options
None.

## References
- [Build secrets and SSH mounts](https://docs.docker.com/build/building/secrets/)
- [Dockerfile reference: RUN --mount=type=ssh](https://docs.docker.com/reference/dockerfile/#run---mounttypessh)
- Trivy DS-0031 (partly)
)md",
        .tags = {"security", "secrets"},
        .security_severity = "7.5",
        .aliases = {{"trivy", "DS-0031"}},
    };
    return info;
  }

  void check_dockerfile(const dockerfile::Dockerfile& file, RuleContext& context) const override {
    for (const auto& top : file.instructions) {
      const dockerfile::Instruction* instruction = top.get();
      if (instruction->onbuild) instruction = instruction->onbuild.get();
      if (instruction->kind != dockerfile::InstructionKind::Copy &&
          instruction->kind != dockerfile::InstructionKind::Add) {
        continue;
      }
      if (instruction->args.size() < 2) continue;
      const std::string_view destination = instruction->args.back().text;
      const std::string keyword =
          instruction->kind == dockerfile::InstructionKind::Copy ? "COPY" : "ADD";
      for (size_t i = 0; i + 1 < instruction->args.size(); ++i) {
        const dockerfile::Word& source = instruction->args[i];
        if (source.text.starts_with("<<") || source.text.find("://") != std::string::npos ||
            source.text.starts_with("git@") || source.text.find('$') != std::string::npos) {
          continue;
        }
        const std::string_view kind = secret_file_kind(source.text, destination);
        if (kind.empty()) continue;
        context.report(source.span, keyword + " of `" + source.text + "` puts " +
                                        std::string(kind) +
                                        " into an image layer; use a secret or SSH mount");
      }
    }
  }
};

}  // namespace

const Rule& rule_DF303() {
  static const SecretFileCopiedRule rule;
  return rule;
}

}  // namespace berth::rules
