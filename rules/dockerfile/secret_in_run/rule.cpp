// DF304 secret-in-run: credential literals in RUN commands (passwords on command lines,
// `user:password@` URLs, tokens in known formats, secret-looking variables set to literals).
#include <algorithm>
#include <functional>
#include <string>

#include "analyzer/dockerfile/model.h"
#include "analyzer/engine/rule_context.h"
#include "rules/support/secrets.h"
#include "rules/support/shell_commands.h"

namespace berth::rules {
namespace {

using dockerfile::ShellCommand;
using dockerfile::Word;

struct Hit {
  Span span;
  std::string message;
};

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::string strip_quotes(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c != '"' && c != '\'') out.push_back(c);
  }
  return out;
}

// A sed/grep pattern such as `s/PASSWORD=.*/PASSWORD=x/` is not an assignment value.
bool looks_like_pattern(std::string_view value) {
  return value.find(".*") != std::string_view::npos ||
         value.find("\\1") != std::string_view::npos || value.find("[^") != std::string_view::npos;
}

// The shell value after `=` at text[from]: a quoted string, or unquoted text with `$(...)`
// up to whitespace, an operator or a quote (the assignment may sit inside a quoted word:
// `echo "TOKEN=${X}" > f`).
size_t value_length(std::string_view text, size_t from) {
  if (from < text.size() && (text[from] == '"' || text[from] == '\'')) {
    const size_t close = text.find(text[from], from + 1);
    return close == std::string_view::npos ? text.size() - from : close + 1 - from;
  }
  size_t i = from;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '$' && i + 1 < text.size() && (text[i + 1] == '(' || text[i + 1] == '{')) {
      const char open = text[i + 1];
      const char close = open == '(' ? ')' : '}';
      int depth = 0;
      for (++i; i < text.size(); ++i) {
        if (text[i] == open) ++depth;
        if (text[i] == close && --depth == 0) break;
      }
      ++i;
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';' || c == '&' ||
               c == '|' || c == '<' || c == '>' || c == ')' || c == '`' || c == '"' || c == '\'') {
      break;
    } else {
      ++i;
    }
  }
  return std::min(i, text.size()) - from;
}

// `NAME=value` anywhere in shell text (prefix assignments, `export`, `--build-arg`, lines
// written to config files) whose name looks secret and whose value is a literal. Calls
// `found(name_offset, name_length, word)` for each.
template <typename Found>
void scan_assignments(std::string_view text, Found&& found) {
  for (size_t eq = text.find('='); eq != std::string_view::npos; eq = text.find('=', eq + 1)) {
    size_t begin = eq;
    while (begin > 0 && is_name_char(text[begin - 1])) --begin;
    if (begin == eq || std::isdigit(static_cast<unsigned char>(text[begin]))) continue;
    // `--password=x` is an option: the argv checks judge it with the program in mind.
    if (begin > 0 && text[begin - 1] == '-') continue;
    const std::string_view name = text.substr(begin, eq - begin);
    const auto key = secrets::secret_key(name);
    if (!key) continue;
    const std::string value = strip_quotes(text.substr(eq + 1, value_length(text, eq + 1)));
    if (looks_like_pattern(value) || !secrets::is_literal_secret_value(value) ||
        secrets::echoes_key(name, value)) {
      continue;
    }
    if (secrets::find_credential(value)) continue;  // reported with its format instead
    found(begin, eq - begin, key->word);
  }
}

// The value of option `names` at argv[i]: `--user=x`, `-ux` (glued short form when `glued`),
// or the next word (then `i` moves to it, so argv[i] is the word holding the value).
std::optional<std::string_view> option_value(const ShellCommand& command, size_t& i,
                                             std::initializer_list<std::string_view> names,
                                             bool glued_short, bool separate = true) {
  const std::string_view word = command.argv[i].text;
  for (std::string_view name : names) {
    if (word == name) {
      if (!separate || i + 1 >= command.argv.size()) return std::nullopt;
      ++i;
      return std::string_view(command.argv[i].text);
    }
    if (name.starts_with("--") && word.size() > name.size() + 1 && word.starts_with(name) &&
        word[name.size()] == '=') {
      return word.substr(name.size() + 1);
    }
    if (glued_short && name.size() == 2 && !name.starts_with("--") && word.size() > 2 &&
        word.starts_with(name)) {
      return word.substr(2);
    }
  }
  return std::nullopt;
}

bool literal_password(std::string_view password) {
  return !password.empty() && !password.starts_with('$') && !password.starts_with('`') &&
         !secrets::is_only_references(password) && !secrets::is_placeholder(password);
}

// `--user=a:b` -> `--user`, `-ua:b` -> `-u`.
std::string option_label(std::string_view word) {
  if (word.starts_with("--")) return std::string(word.substr(0, word.find('=')));
  return std::string(word.substr(0, 2));
}

bool is_one_of(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Long options whose value is a secret, for any program: `--password=…`, `--api-token …`.
bool is_secret_option(std::string_view word, std::string_view* name_out) {
  if (!word.starts_with("--") || word.size() < 4) return false;
  std::string_view name = word.substr(2);
  name = name.substr(0, name.find('='));
  // `docker build --secret id=…,src=…` names a secret, it does not hold one.
  if (name == "secret" || name == "secrets") return false;
  if (!secrets::secret_key(name)) return false;
  // The secret must be what the option names, not what it switches: `--password` and
  // `--registration-token` take one; `--disabled-password`, `--no-password`,
  // `--password-stdin` and `--auth basic` do not.
  static constexpr std::string_view kValueSuffixes[] = {
      "password", "passwd",     "passphrase", "token",   "secret",     "api-key",
      "apikey",   "access-key", "secret-key", "api_key", "access_key", "secret_key"};
  static constexpr std::string_view kSwitchPrefixes[] = {
      "no-", "disable", "skip", "ask", "prompt", "allow", "require", "empty", "random"};
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view prefix : kSwitchPrefixes) {
    if (lower.starts_with(prefix)) return false;
  }
  for (std::string_view suffix : kValueSuffixes) {
    if (lower.ends_with(suffix)) {
      *name_out = name;
      return true;
    }
  }
  return false;
}

void check_command(const ShellCommand& command, std::vector<Hit>& hits) {
  if (command.argv.empty()) return;
  const shell::Invocation invocation = shell::unwrap(command);
  const std::string_view program = invocation.name();
  auto hit = [&](const Word& word, std::string what) {
    hits.push_back(
        {word.span, std::move(what) + " in RUN (redacted): use RUN --mount=type=secret"});
  };
  const bool is_login = is_one_of(program, {"docker", "podman", "buildah", "nerdctl", "skopeo",
                                            "helm", "oras", "crane", "regctl", "cosign"}) &&
                        command.has_arg("login");
  const bool is_mysql =
      is_one_of(program, {"mysql", "mysqladmin", "mysqldump", "mysqlimport", "mysqlshow",
                          "mysqlcheck", "mariadb", "mariadb-dump", "mariadb-admin"});
  for (size_t i = invocation.program + 1; i < command.argv.size(); ++i) {
    const size_t option_index = i;
    const std::string_view word = command.argv[i].text;
    if (!word.starts_with('-')) continue;
    if (program == "curl") {
      if (auto value = option_value(command, i, {"-u", "--user", "-U", "--proxy-user"}, true)) {
        const size_t colon = value->find(':');
        if (colon != std::string_view::npos && literal_password(value->substr(colon + 1))) {
          hit(command.argv[i], "`curl " + option_label(command.argv[option_index].text) +
                                   "` with a literal password");
        }
        continue;
      }
    }
    if (program == "wget") {
      if (auto value = option_value(
              command, i, {"--password", "--http-password", "--ftp-password", "--proxy-password"},
              false)) {
        if (literal_password(*value)) hit(command.argv[i], "`wget` with a literal password");
        continue;
      }
    }
    if (is_mysql) {
      // mysql's `-p secret` prompts (secret is the database); only `-psecret` is a password.
      if (auto value = option_value(command, i, {"-p", "--password"}, true, false)) {
        if (literal_password(*value)) {
          hit(command.argv[i], "`" + std::string(program) + " -p` with a literal password");
        }
        continue;
      }
    }
    if (is_login || program == "sshpass") {
      if (auto value = option_value(command, i, {"-p", "--password"}, program == "sshpass")) {
        if (literal_password(*value)) {
          hit(command.argv[i], "`" + std::string(program) + (is_login ? " login" : "") +
                                   " -p` with a literal password");
        }
        continue;
      }
    }
    std::string_view option;
    if (is_secret_option(word, &option)) {
      std::optional<std::string_view> value;
      if (word.find('=') != std::string_view::npos) {
        value = word.substr(word.find('=') + 1);
      } else if (i + 1 < command.argv.size() && !command.argv[i + 1].text.starts_with('-')) {
        value = command.argv[++i].text;
      }
      if (value && secrets::is_literal_secret_value(*value)) {
        hit(command.argv[i], "`--" + std::string(option) + "` with a literal value");
      }
    }
  }
}

// `echo 'root:pw' | chpasswd`, `echo pw | docker login --password-stdin`: a literal written
// into a command that reads a password from stdin.
void check_piped_passwords(const dockerfile::ShellScript& script, std::vector<Hit>& hits) {
  for (const ShellCommand& reader : script.commands) {
    if (reader.pipeline < 0 || reader.pipeline_position == 0 || reader.argv.empty()) continue;
    const shell::Invocation invocation = shell::unwrap(reader);
    const bool chpasswd = invocation.name() == "chpasswd";
    if (!chpasswd && !reader.has_arg("--password-stdin")) continue;
    for (const ShellCommand& writer : script.commands) {
      if (writer.pipeline != reader.pipeline || writer.pipeline_position != 0) continue;
      if (writer.name() != "echo" && writer.name() != "printf") continue;
      for (size_t i = 1; i < writer.argv.size(); ++i) {
        const Word& word = writer.argv[i];
        if (word.text.starts_with('-')) continue;
        const std::string_view text = word.text;
        const std::string_view password =
            chpasswd ? text.substr(std::min(text.size(), text.find(':') + 1)) : text;
        if (chpasswd && text.find(':') == std::string_view::npos) continue;
        if (!literal_password(password) || password.find('$') != std::string_view::npos) continue;
        hits.push_back({word.span, std::string("a literal password piped into `") +
                                       (chpasswd ? "chpasswd" : "--password-stdin") +
                                       "` in RUN (redacted): use RUN --mount=type=secret"});
      }
    }
  }
}

void check_text(std::string_view text, const std::function<Span(size_t, size_t)>& to_source,
                std::vector<Hit>& hits) {
  for (const secrets::CredentialMatch& match : secrets::find_credentials(text)) {
    hits.push_back({to_source(match.offset, match.length),
                    "RUN contains a " + std::string(secrets::describe(match.kind)) + " (" +
                        match.redacted + "): use RUN --mount=type=secret"});
  }
  scan_assignments(text, [&](size_t offset, size_t length, std::string_view word) {
    hits.push_back({to_source(offset, length),
                    "RUN sets `" + std::string(text.substr(offset, length)) +
                        "`, which looks like a secret (" + std::string(word) +
                        "), to a literal value (redacted): use RUN --mount=type=secret"});
  });
}

class SecretInRunRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "DF304",
        .name = "secret-in-run",
        .target = RuleTarget::Dockerfile,
        .severity = Severity::Error,
        .summary = "A credential literal in a RUN command",
        .docs = R"md(## What it does
Reports credentials written literally in RUN commands (shell form, exec form, heredoc
scripts and heredoc input, ONBUILD RUN), in every stage:

- passwords given on the command line: `curl -u user:pass` (`--user`, `-U`,
  `--proxy-user`), `wget --password=…` (`--http-password`, `--ftp-password`),
  `mysql -ppass` / `--password=pass` (also mysqladmin, mysqldump, mariadb…; `-p pass`
  with a space prompts, so it is not a password), `docker login -p pass` (also podman,
  buildah, nerdctl, skopeo, helm, oras, crane, regctl, cosign), `sshpass -p pass`, and any
  long option named like a secret (`--password`, `--token`, `--api-key`,
  `--registration-token`, …) with a literal value;
- `echo 'user:pass' | chpasswd` and `echo pass | … --password-stdin`;
- variables whose name looks secret (DF301's word list) set to a literal:
  `PGPASSWORD=pw psql`, `export GITHUB_TOKEN=…`, `--build-arg NPM_TOKEN=…`,
  `echo "//registry.npmjs.org/:_authToken=…" > .npmrc`;
- DF301's credential formats anywhere in the command text: `user:password@` URLs
  (`git clone https://bot:pw@…`), AWS/GitHub/GitLab/Slack/Stripe/Google tokens, PEM private
  keys, JSON Web Tokens.

Values that are only variable references or command substitutions
(`-u "$USER:$PASS"`, `TOKEN=$(cat /run/secrets/token)`), file paths and placeholders are not
reported (see DF301). Messages never contain the value.

## Why is this bad?
The RUN command line is stored in the image history (`docker history --no-trunc`) and in
the build cache, and files it writes stay in the layer. The secret is also in the
Dockerfile under version control. Secret mounts give the RUN the value without recording it
anywhere.

## Example
```dockerfile
FROM alpine:3.20
RUN curl -fsSL -u deploy:Sup3rS3cret https://artifacts.example.com/app.tar.gz | tar -xz
```

## Use instead
```dockerfile
# syntax=docker/dockerfile:1
FROM alpine:3.20
RUN --mount=type=secret,id=artifacts_netrc,target=/root/.netrc \
    curl -fsSL --netrc https://artifacts.example.com/app.tar.gz | tar -xz
```

## Options
None.

## References
- [Build secrets](https://docs.docker.com/build/building/secrets/)
- [docker login --password-stdin](https://docs.docker.com/reference/cli/docker/login/#password-stdin)
- [CWE-798: Use of Hard-coded Credentials](https://cwe.mitre.org/data/definitions/798.html)
)md",
        .tags = {"security", "secrets"},
        .security_severity = "9.0",
    };
    return info;
  }

  void check_dockerfile(const dockerfile::Dockerfile& file, RuleContext& context) const override {
    const std::string_view source = context.source().text();
    shell::for_each_run(file, [&](const dockerfile::Instruction& run) {
      std::vector<Hit> hits;
      shell::for_each_command(run,
                              [&](const ShellCommand& command) { check_command(command, hits); });
      if (run.json_form) {
        for (const Word& word : run.args) {
          check_text(
              source.substr(word.span.begin, word.span.size()),
              [&](size_t offset, size_t length) {
                const uint32_t begin = word.span.begin + static_cast<uint32_t>(offset);
                return Span{begin, begin + static_cast<uint32_t>(length)};
              },
              hits);
        }
      }
      for (const dockerfile::ShellScript& script : run.scripts) {
        check_piped_passwords(script, hits);
        check_text(
            script.text,
            [&](size_t offset, size_t length) {
              const uint32_t begin = script.source_offset(static_cast<uint32_t>(offset));
              const uint32_t end =
                  script.source_offset(static_cast<uint32_t>(offset + length - 1)) + 1;
              return Span{begin, std::max(begin, end)};
            },
            hits);
      }
      // Heredoc input to a command (`cat <<EOF > .netrc`) is not a script: scan its text.
      for (const dockerfile::Heredoc& heredoc : run.heredocs) {
        const bool is_script = std::any_of(
            run.scripts.begin(), run.scripts.end(), [&](const dockerfile::ShellScript& script) {
              const uint32_t at = script.source_offset(0);
              return at >= heredoc.body_span.begin && at < heredoc.body_span.end;
            });
        if (is_script || heredoc.body_span.empty()) continue;
        check_text(
            source.substr(heredoc.body_span.begin, heredoc.body_span.size()),
            [&](size_t offset, size_t length) {
              const uint32_t begin = heredoc.body_span.begin + static_cast<uint32_t>(offset);
              return Span{begin, begin + static_cast<uint32_t>(length)};
            },
            hits);
      }
      std::sort(hits.begin(), hits.end(),
                [](const Hit& a, const Hit& b) { return a.span.begin < b.span.begin; });
      uint32_t covered_until = 0;
      for (Hit& hit : hits) {
        if (hit.span.begin < covered_until) continue;  // one finding per secret
        covered_until = std::max(hit.span.end, hit.span.begin + 1);
        context.mark_secret(hit.span);
        context.report(hit.span, std::move(hit.message));
      }
    });
  }
};

}  // namespace

const Rule& rule_DF304() {
  static const SecretInRunRule rule;
  return rule;
}

}  // namespace berth::rules
