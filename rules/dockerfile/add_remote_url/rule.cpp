// DF502 add-remote-url: ADD of an http(s) URL whose content is not pinned by a checksum.
#include <algorithm>
#include <cctype>

#include "analyzer/dockerfile/model.h"
#include "analyzer/dockerfile/shell.h"
#include "analyzer/engine/rule_context.h"
#include "rules/support/shell_commands.h"

namespace berth::rules {
namespace {

bool is_http_url(std::string_view text) {
  auto starts_with_ci = [&](std::string_view prefix) {
    return text.size() >= prefix.size() &&
           std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
             return a == std::tolower(static_cast<unsigned char>(b));
           });
  };
  return starts_with_ci("http://") || starts_with_ci("https://");
}

// `ADD https://github.com/o/r.git#v1.2`: BuildKit clones a git repository (like `git clone`
// of a ref), which is a different trust decision from fetching an unverified file.
bool is_git_source(std::string_view url) {
  const std::string_view path = url.substr(0, url.find('#'));
  return path.ends_with(".git") || path.ends_with(".git/");
}

class AddRemoteUrlRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "DF502",
        .name = "add-remote-url",
        .target = RuleTarget::Dockerfile,
        .severity = Severity::Warning,
        .summary = "`ADD http(s)://…` without `--checksum=`",
        .docs = R"md(## What it does
Reports each `http://` or `https://` source of an ADD instruction that has no `--checksum=`
flag. Git repositories (`https://…/repo.git#ref`) are cloned like `git clone` of that ref,
a different trust decision, and are not reported. The finding sits on the URL.

## Why is this bad?
ADD fetches the URL at build time and trusts whatever comes back. Without a checksum, a
compromised or changed server silently changes your image, and the build is not
reproducible. `ADD --checksum=sha256:…` (Dockerfile syntax 1.6+) makes BuildKit verify the
download and fail on a mismatch.

## Example
```dockerfile
FROM alpine:3.20
ADD https://github.com/krallin/tini/releases/download/v0.19.0/tini-static /tini
```

## Use instead
```dockerfile
# syntax=docker/dockerfile:1
FROM alpine:3.20
ADD --checksum=sha256:c5b0666b4cb676901f90dfcb37106783c5fe2077b04590973b885950611b30ee \
    https://github.com/krallin/tini/releases/download/v0.19.0/tini-static /tini
```

## Options
None.

## References
- [Dockerfile reference: ADD --checksum](https://docs.docker.com/reference/dockerfile/#add---checksum)
)md",
        .tags = {"security", "supply-chain"},
        .security_severity = "5.0",
    };
    return info;
  }

  void check_dockerfile(const dockerfile::Dockerfile& file, RuleContext& context) const override {
    auto check = [&](const dockerfile::Instruction& add) {
      if (add.kind != dockerfile::InstructionKind::Add || add.args.size() < 2) return;
      if (add.flag("checksum") != nullptr) return;
      for (size_t i = 0; i + 1 < add.args.size(); ++i) {
        const dockerfile::Word& source = add.args[i];
        const std::string text =
            add.json_form ? source.text : dockerfile::unquote_shell_word(source.text);
        if (!is_http_url(text) || is_git_source(text)) continue;
        context.report(source.span,
                       "ADD of a remote URL without `--checksum=`: the download is not verified");
      }
    };
    for (const auto& instruction : file.instructions) {
      check(*instruction);
      if (instruction->onbuild) check(*instruction->onbuild);
    }
  }
};

}  // namespace

const Rule& rule_DF502() {
  static const AddRemoteUrlRule rule;
  return rule;
}

}  // namespace berth::rules
