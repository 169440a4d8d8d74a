// DF604 maintainer-deprecated: the MAINTAINER instruction.
#include <cctype>

#include "analyzer/dockerfile/model.h"
#include "analyzer/engine/rule_context.h"

namespace berth::rules {
namespace {

// The text as a double-quoted LABEL value, where `"`, `\` and `$` would otherwise be
// interpreted.
std::string quoted_label_value(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\' || c == '$') out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

std::optional<Fix> label_fix(const dockerfile::Instruction& maintainer, std::string_view source) {
  uint32_t end = maintainer.arguments_span.end;
  while (end > maintainer.arguments_span.begin &&
         std::isspace(static_cast<unsigned char>(source[end - 1]))) {
    --end;
  }
  const std::string_view author =
      source.substr(maintainer.arguments_span.begin, end - maintainer.arguments_span.begin);
  // A continued or empty MAINTAINER has no single-line equivalent worth guessing.
  if (author.empty() || author.find_first_of("\r\n") != std::string_view::npos) {
    return std::nullopt;
  }
  return Fix{"Replace with LABEL org.opencontainers.image.authors",
             true,
             {TextEdit{Span{maintainer.keyword_span.begin, end},
                       "LABEL org.opencontainers.image.authors=" + quoted_label_value(author),
                       {},
                       {}}}};
}

class MaintainerDeprecatedRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "DF604",
        .name = "maintainer-deprecated",
        .target = RuleTarget::Dockerfile,
        .severity = Severity::Info,
        .summary = "MAINTAINER instruction",
        .docs = R"md(## What it does
Reports every `MAINTAINER` instruction.

The fix (safe) replaces `MAINTAINER text` with
`LABEL org.opencontainers.image.authors="text"`, quoting the text so that `"`, `\` and `$`
stay literal. It is not offered for a MAINTAINER continued over several lines.

## Why is this bad?
`MAINTAINER` has been deprecated since Docker 1.13: it fills the image's legacy `Author`
field, which tools no longer show. The OCI annotation
`org.opencontainers.image.authors` is what registries, scanners and `docker inspect` users
read.

## Example
```dockerfile
FROM alpine:3.20
MAINTAINER Jane Doe <jane@example.com>
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"
```

## Options
None.

## References
- [Dockerfile reference: MAINTAINER (deprecated)](https://docs.docker.com/reference/dockerfile/#maintainer-deprecated)
- [OCI image annotations](https://github.com/opencontainers/image-spec/blob/main/annotations.md)
- hadolint DL4000; Trivy DS-0022; Checkov CKV_DOCKER_6
)md",
        .tags = {"best-practice"},
        .aliases = {{"hadolint", "DL4000"},
                    {"buildkit", "MaintainerDeprecated"},
                    {"trivy", "DS-0022"},
                    {"checkov", "CKV_DOCKER_6"}},
        .has_fix = true,
    };
    return info;
  }

  void check_dockerfile(const dockerfile::Dockerfile& file, RuleContext& context) const override {
    for (const auto& instruction : file.instructions) {
      if (instruction->kind != dockerfile::InstructionKind::Maintainer) continue;
      context.report(instruction->keyword_span,
                     "MAINTAINER is deprecated; use LABEL org.opencontainers.image.authors",
                     label_fix(*instruction, context.source().text()));
    }
  }
};

}  // namespace

const Rule& rule_DF604() {
  static const MaintainerDeprecatedRule rule;
  return rule;
}

}  // namespace berth::rules
