// DF504 tls-verification-disabled: downloads and package installs with certificate or
// signature checks turned off.
#include <algorithm>
#include <cctype>

#include "analyzer/dockerfile/model.h"
#include "analyzer/engine/rule_context.h"
#include "rules/support/shell_commands.h"

namespace berth::rules {
namespace {

using shell::Manager;

std::string lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool is_short_cluster(std::string_view word) {
  return word.size() > 1 && word[0] == '-' && word[1] != '-' &&
         word.find('=') == std::string_view::npos;
}

// The first word after the program that is one of `flags` (or `--flag=…`, or a short cluster
// containing a one-letter flag).
const dockerfile::Word* find_flag(const shell::Invocation& invocation,
                                  std::initializer_list<std::string_view> flags) {
  for (size_t i = invocation.program + 1; i < invocation.size(); ++i) {
    const std::string& word = invocation.word(i).text;
    if (word == "--") break;
    for (std::string_view flag : flags) {
      const bool short_flag = flag.size() == 2 && flag[0] == '-' && flag[1] != '-';
      if (word == flag ||
          (word.starts_with(flag) && word.size() > flag.size() && word[flag.size()] == '=' &&
           !short_flag) ||
          (short_flag && is_short_cluster(word) && word.find(flag[1], 1) != std::string::npos)) {
        return &invocation.word(i);
      }
    }
  }
  return nullptr;
}

const dockerfile::Word* find_word_containing(const shell::Invocation& invocation,
                                             std::initializer_list<std::string_view> needles) {
  for (size_t i = invocation.program + 1; i < invocation.size(); ++i) {
    const std::string lower = lowercase(invocation.word(i).text);
    for (std::string_view needle : needles) {
      if (lower.find(needle) != std::string::npos) return &invocation.word(i);
    }
  }
  return nullptr;
}

// `npm config set strict-ssl false`, `yarn config set strict-ssl false`, `npm set
// strict-ssl=false`, `git config --global http.sslVerify false`: the span of the key through the
// value.
std::optional<Span> config_set_false(const shell::Invocation& invocation, std::string_view key) {
  for (size_t i = invocation.program + 1; i < invocation.size(); ++i) {
    const std::string lower = lowercase(invocation.word(i).text);
    if (lower == std::string(key) + "=false" || lower == std::string(key) + "=0") {
      return invocation.word(i).span;
    }
    if (lower == key && i + 1 < invocation.size()) {
      const std::string value = lowercase(invocation.word(i + 1).text);
      if (value == "false" || value == "0") {
        return Span{invocation.word(i).span.begin, invocation.word(i + 1).span.end};
      }
    }
  }
  return std::nullopt;
}

bool only_local_files(const shell::PackageCommand& command) {
  if (command.operands.empty()) return false;
  return std::all_of(command.operands.begin(), command.operands.end(), [&](size_t index) {
    const std::string& operand = command.word(index).text;
    return operand.find("://") == std::string::npos &&
           (operand.starts_with("/") || operand.starts_with("./") || operand.ends_with(".apk"));
  });
}

struct EnvSetting {
  std::string_view key;
  bool case_insensitive;
  bool (*disables)(std::string_view value);
};

bool is_zero(std::string_view value) { return value == "0"; }
bool is_set(std::string_view value) { return !value.empty(); }
bool is_false(std::string_view value) { return lowercase(value) == "false"; }

constexpr EnvSetting kEnvSettings[] = {
    {"NODE_TLS_REJECT_UNAUTHORIZED", false, is_zero},
    {"PYTHONHTTPSVERIFY", false, is_zero},
    {"GIT_SSL_NO_VERIFY", false, is_set},
    {"PIP_TRUSTED_HOST", false, is_set},
    {"NPM_CONFIG_STRICT_SSL", true, is_false},
};

class TlsVerificationDisabledRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "DF504",
        .name = "tls-verification-disabled",
        .target = RuleTarget::Dockerfile,
        .severity = Severity::Warning,
        .summary = "TLS certificate or package signature verification turned off",
        .docs = R"md(## What it does
Reports RUN commands and ENV settings that turn off certificate or signature checks:

| Where | Reported |
|---|---|
| curl | `-k`, `--insecure` (also in a cluster like `-fsSLk`) |
| wget | `--no-check-certificate` |
| pip | `--trusted-host`, `pip config set global.trusted-host` |
| apk | `--allow-untrusted` |
| apt-get / apt | `--allow-unauthenticated`, `--force-yes`, `--allow-insecure-repositories`, `-o Acquire::https::Verify-Peer=false` |
| yum / dnf / tdnf / microdnf | `--nogpgcheck`, `--setopt=sslverify=0` |
| zypper | `--no-gpg-checks` |
| rpm | `--nosignature`, `--nodigest`, `--nofiledigest` |
| npm / yarn / pnpm | `config set strict-ssl false`, `--strict-ssl=false` |
| git | `config http.sslVerify false`, `-c http.sslVerify=false` |
| ENV | `NODE_TLS_REJECT_UNAUTHORIZED=0`, `PYTHONHTTPSVERIFY=0`, `GIT_SSL_NO_VERIFY` (any value), `PIP_TRUSTED_HOST`, `NPM_CONFIG_STRICT_SSL=false` |

ENV values that are only variable references are not judged. The finding sits on the flag,
the `key value` words, or the ENV pair.

## Why is this bad?
Without verification anyone on the network path (a proxy, a hijacked mirror, DNS spoofing)
can serve their own packages or scripts, which then run as root in your build and ship in the
image. ENV settings are worse: they stay in the image and disable verification for the
application at run time too.

## Example
```dockerfile
FROM python:3.12-slim
ENV NODE_TLS_REJECT_UNAUTHORIZED=0
RUN curl -fsSLk https://example.com/tool -o /usr/local/bin/tool \
    && pip install --trusted-host pypi.example.com mypkg
```

## Use instead
Install the CA certificate the server uses and keep verification on:
```dockerfile
FROM python:3.12-slim
COPY corp-ca.crt /usr/local/share/ca-certificates/
RUN update-ca-certificates \
    && curl -fsSL https://example.com/tool -o /usr/local/bin/tool \
    && pip install --cert /etc/ssl/certs/ca-certificates.crt mypkg
```

## Options
None.

## References
- [curl --insecure](https://curl.se/docs/manpage.html#-k)
- [Node.js NODE_TLS_REJECT_UNAUTHORIZED](https://nodejs.org/api/cli.html#node_tls_reject_unauthorizedvalue)
- Checkov CKV2_DOCKER_2 … CKV2_DOCKER_16
)md",
        .tags = {"security", "supply-chain"},
        .security_severity = "7.0",
        .aliases = {{"checkov", "CKV2_DOCKER_2"},
                    {"checkov", "CKV2_DOCKER_3"},
                    {"checkov", "CKV2_DOCKER_4"},
                    {"checkov", "CKV2_DOCKER_5"},
                    {"checkov", "CKV2_DOCKER_6"},
                    {"checkov", "CKV2_DOCKER_7"},
                    {"checkov", "CKV2_DOCKER_8"},
                    {"checkov", "CKV2_DOCKER_9"},
                    {"checkov", "CKV2_DOCKER_10"},
                    {"checkov", "CKV2_DOCKER_11"},
                    {"checkov", "CKV2_DOCKER_12"},
                    {"checkov", "CKV2_DOCKER_13"},
                    {"checkov", "CKV2_DOCKER_14"},
                    {"checkov", "CKV2_DOCKER_15"},
                    {"checkov", "CKV2_DOCKER_16"}},
    };
    return info;
  }

  void check_dockerfile(const dockerfile::Dockerfile& file, RuleContext& context) const override {
    for (const auto& instruction : file.instructions) {
      if (instruction->kind == dockerfile::InstructionKind::Env) check_env(*instruction, context);
    }
    shell::for_each_run(file, [&](const dockerfile::Instruction& run) {
      shell::for_each_command(
          run, [&](const dockerfile::ShellCommand& command) { check_command(command, context); });
    });
  }

 private:
  static void check_env(const dockerfile::Instruction& env, RuleContext& context) {
    for (const dockerfile::KeyValue& pair : env.pairs) {
      if (!pair.value || pair.value->text.find('$') != std::string::npos) continue;
      for (const EnvSetting& setting : kEnvSettings) {
        const bool same_key = setting.case_insensitive
                                  ? lowercase(pair.key.text) == lowercase(setting.key)
                                  : pair.key.text == setting.key;
        if (!same_key || !setting.disables(pair.value->text)) continue;
        context.report(pair.span, "ENV " + pair.key.text +
                                      " turns off TLS verification for every process in the image");
      }
    }
  }

  static void check_command(const dockerfile::ShellCommand& command, RuleContext& context) {
    const shell::Invocation invocation = shell::unwrap(command);
    if (invocation.program >= invocation.size()) return;
    const std::string_view name = invocation.name();
    auto report = [&](Span span, std::string_view what) {
      context.report(span, std::string(what) +
                               " turns off verification: anyone on the network "
                               "path can substitute the download");
    };
    const dockerfile::Word* word = nullptr;
    if (name == "curl") {
      if ((word = find_flag(invocation, {"-k", "--insecure"})))
        report(word->span, "curl " + word->text);
      return;
    }
    if (name == "wget") {
      if ((word = find_flag(invocation, {"--no-check-certificate"})))
        report(word->span, "wget --no-check-certificate");
      return;
    }
    if (name == "rpm") {
      if ((word = find_flag(invocation, {"--nosignature", "--nodigest", "--nofiledigest"}))) {
        report(word->span, "rpm " + word->text);
      }
      return;
    }
    if (name == "git") {
      if (auto span = config_set_false(invocation, "http.sslverify")) {
        report(*span, "git http.sslVerify false");
      } else if ((word = find_word_containing(invocation, {"http.sslverify=false"}))) {
        report(word->span, "git -c http.sslVerify=false");
      }
      return;
    }
    const auto pm = shell::parse_package_command(command);
    if (!pm) return;
    const std::string manager(pm->invocation.name());
    switch (pm->manager) {
      case Manager::Pip:
        if ((word = find_flag(invocation, {"--trusted-host"}))) {
          report(word->span, "pip --trusted-host");
        } else if (pm->subcommand() == "config" &&
                   (word = find_word_containing(invocation, {".trusted-host"}))) {
          report(word->span, "pip config trusted-host");
        }
        return;
      case Manager::Apk:
        // Packages built in an earlier stage (`apk add --allow-untrusted /tmp/pkgs/*.apk`) are
        // unsigned by nature and never cross the network.
        if (only_local_files(*pm)) return;
        if ((word = find_flag(invocation, {"--allow-untrusted"})))
          report(word->span, "apk --allow-untrusted");
        return;
      case Manager::AptGet:
      case Manager::Apt:
      case Manager::Aptitude:
        // `apt-get purge --force-yes` downloads nothing.
        if (!shell::installs_packages(*pm) && pm->subcommand() != "update") return;
        if ((word = find_flag(invocation, {"--allow-unauthenticated", "--force-yes",
                                           "--allow-insecure-repositories"}))) {
          report(word->span, manager + " " + word->text);
        } else if ((word =
                        find_word_containing(invocation, {"verify-peer=false", "verify-host=false",
                                                          "allowinsecurerepositories=true",
                                                          "allowunauthenticated=true"}))) {
          report(word->span, manager + " -o " + word->text);
        }
        return;
      case Manager::Yum:
      case Manager::Dnf:
      case Manager::Microdnf:
      case Manager::Tdnf:
        if ((word = find_flag(invocation, {"--nogpgcheck", "--no-gpgchecks"}))) {
          report(word->span, manager + " --nogpgcheck");
        } else if ((word = find_word_containing(invocation, {"sslverify=0", "sslverify=false",
                                                             "gpgcheck=0", "gpgcheck=false"}))) {
          report(word->span, manager + " " + word->text);
        }
        return;
      case Manager::Zypper:
        if ((word = find_flag(invocation, {"--no-gpg-checks"})))
          report(word->span, "zypper --no-gpg-checks");
        return;
      case Manager::Npm:
      case Manager::Yarn:
      case Manager::Pnpm:
        if (auto span = config_set_false(invocation, "strict-ssl")) {
          report(*span, manager + " strict-ssl false");
        } else if ((word = find_word_containing(invocation,
                                                {"--strict-ssl=false", "--no-strict-ssl"}))) {
          report(word->span, manager + " " + word->text);
        }
        return;
      default:
        return;
    }
  }
};

}  // namespace

const Rule& rule_DF504() {
  static const TlsVerificationDisabledRule rule;
  return rule;
}

}  // namespace berth::rules
