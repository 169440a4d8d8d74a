// DF501 remote-script-piped-to-shell: downloaded code executed without verification.
#include "analyzer/dockerfile/model.h"
#include "analyzer/engine/rule_context.h"
#include "rules/support/shell_commands.h"

namespace berth::rules {
namespace {

bool is_downloader(std::string_view name) { return name == "curl" || name == "wget"; }

enum class Interpreter { None, Shell, Python, Perl, Ruby, Eval };

Interpreter interpreter_of(std::string_view name) {
  if (name == "sh" || name == "bash" || name == "zsh" || name == "dash" || name == "ash" ||
      name == "ksh") {
    return Interpreter::Shell;
  }
  if (name.starts_with("python")) return Interpreter::Python;
  if (name == "perl") return Interpreter::Perl;
  if (name == "ruby") return Interpreter::Ruby;
  if (name == "eval" || name == "source" || name == ".") return Interpreter::Eval;
  return Interpreter::None;
}

// The argv index of the word the interpreter runs as code: the `-c` script, the script file,
// or kStdin when it reads its program from stdin (`sh`, `sh -s`, `python3 -`).
constexpr size_t kStdin = static_cast<size_t>(-2);

size_t program_word(const shell::Invocation& invocation, Interpreter kind) {
  if (kind == Interpreter::Eval) {
    return invocation.program + 1 < invocation.size() ? invocation.program + 1 : shell::kNone;
  }
  for (size_t i = invocation.program + 1; i < invocation.size(); ++i) {
    const std::string& word = invocation.word(i).text;
    if (word == "-") return kStdin;
    if (word == "--") continue;
    if (word.size() > 1 && word[0] == '-' && word[1] != '-') {
      const std::string_view letters = std::string_view(word).substr(1);
      const bool inline_code = (kind == Interpreter::Shell || kind == Interpreter::Python)
                                   ? letters.find('c') != std::string_view::npos
                                   : letters.find('e') != std::string_view::npos ||
                                         letters.find('E') != std::string_view::npos;
      if (inline_code) return i + 1 < invocation.size() ? i + 1 : shell::kNone;
      if (kind == Interpreter::Shell && letters.find('s') != std::string_view::npos) return kStdin;
      if (kind == Interpreter::Python && letters.find('m') != std::string_view::npos)
        return shell::kNone;
      if ((kind == Interpreter::Python && (word == "-W" || word == "-X")) ||
          (kind == Interpreter::Shell && word == "-o")) {
        ++i;
      }
      continue;
    }
    if (word.starts_with("--")) continue;
    return i;  // a script file
  }
  return kStdin;
}

class RemoteScriptPipedToShellRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "DF501",
        .name = "remote-script-piped-to-shell",
        .target = RuleTarget::Dockerfile,
        .severity = Severity::Error,
        .summary = "`curl`/`wget` output piped into a shell or interpreter",
        .docs = R"md(## What it does
Reports RUN commands that execute code straight from the network:

- `curl …`/`wget -O- …` piped into `sh`, `bash`, `zsh`, `dash`, `ash`, `ksh`, `python`,
  `perl` or `ruby` reading its program from stdin (`| sh`, `| bash -s -- args`,
  `| sudo -E bash -`, `| python3 -`), also through intermediate commands (`| tee log | sh`);
- a download substituted in as the program: `sh -c "$(curl …)"`, `bash <(curl …)`,
  `eval "$(wget -qO- …)"`, `source <(curl …)`.

Data piped into an interpreter that runs other code is not reported:
`curl … | python3 -c 'import json,sys; …'`, `curl … | bash script.sh`. The finding spans
the downloader through the interpreter.

## Why is this bad?
Nothing checks what is executed: a compromised server, CDN or DNS entry, or a truncated
download (the shell runs half a script), becomes code running as root in your build. The
image is then not reproducible either: the same Dockerfile builds different software
tomorrow. Download to a file, verify a checksum or signature, then run it.

## Example
```dockerfile
FROM debian:12-slim
RUN curl -fsSL https://example.com/install.sh | sh
```

## Use instead
```dockerfile
FROM debian:12-slim
ARG INSTALL_SHA256=0d5a1c8f…
RUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \
    && echo "${INSTALL_SHA256}  /tmp/install.sh" | sha256sum -c - \
    && sh /tmp/install.sh && rm /tmp/install.sh
```

## Options
None.

## References
- [Docker: ADD --checksum](https://docs.docker.com/reference/dockerfile/#add---checksum)
- Checkov CKV2_DOCKER_2, CKV2_DOCKER_3 (related: they flag disabled TLS checks on such downloads)
)md",
        .tags = {"security", "supply-chain"},
        .security_severity = "7.5",
        .aliases = {{"checkov", "CKV2_DOCKER_2"}, {"checkov", "CKV2_DOCKER_3"}},
    };
    return info;
  }

  void check_dockerfile(const dockerfile::Dockerfile& file, RuleContext& context) const override {
    shell::for_each_run(file, [&](const dockerfile::Instruction& run) {
      for (const dockerfile::ShellScript& script : run.scripts) check_script(script, context);
    });
  }

 private:
  static void check_script(const dockerfile::ShellScript& script, RuleContext& context) {
    for (const dockerfile::ShellCommand& command : script.commands) {
      const shell::Invocation invocation = shell::unwrap(command);
      if (invocation.program >= invocation.size()) continue;
      const Interpreter kind = interpreter_of(invocation.name());
      if (kind == Interpreter::None) continue;
      const size_t code = program_word(invocation, kind);
      if (code == shell::kNone) continue;
      if (code == kStdin) {
        if (kind == Interpreter::Eval || command.pipeline < 0 || command.pipeline_position == 0) {
          continue;
        }
        for (const dockerfile::ShellCommand& source : script.commands) {
          if (source.pipeline != command.pipeline ||
              source.pipeline_position >= command.pipeline_position ||
              !is_downloader(shell::unwrap(source).name())) {
            continue;
          }
          context.report(
              {source.span.begin, command.span.end},
              "`" + std::string(shell::unwrap(source).name()) + "` output piped into `" +
                  std::string(invocation.name()) +
                  "` runs unverified remote code; download, verify a checksum, then run");
          break;
        }
        continue;
      }
      // `sh -c "$(curl …)"`, `bash <(curl …)`: a download inside the word that is run.
      const Span code_span = invocation.word(code).span;
      for (const dockerfile::ShellCommand& inner : script.commands) {
        if (!inner.in_substitution || inner.span.begin < code_span.begin ||
            inner.span.end > code_span.end || !is_downloader(shell::unwrap(inner).name())) {
          continue;
        }
        context.report(command.span, "`" + std::string(invocation.name()) +
                                         "` runs code downloaded by `" +
                                         std::string(shell::unwrap(inner).name()) +
                                         "` without verification; download, verify a checksum, "
                                         "then run");
        break;
      }
    }
  }
};

}  // namespace

const Rule& rule_DF501() {
  static const RemoteScriptPipedToShellRule rule;
  return rule;
}

}  // namespace berth::rules
