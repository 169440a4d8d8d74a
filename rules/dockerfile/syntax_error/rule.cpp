// DF001 syntax-error: regions the Dockerfile parser could not parse.
#include "analyzer/dockerfile/model.h"
#include "analyzer/engine/rule_context.h"

namespace berth::rules {
namespace {

class SyntaxErrorRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "DF001",
        .name = "syntax-error",
        .target = RuleTarget::Dockerfile,
        .severity = Severity::Error,
        .summary = "Dockerfile text that does not parse",
        .docs = R"md(## What it does
Reports each region of a Dockerfile that the parser could not parse: an unknown instruction,
a malformed flag, an unterminated JSON array or heredoc. The rest of the file is still
analysed, so one typo does not hide every other finding.

## Why is this bad?
`docker build` stops at the first parse error. A syntax error found in the editor or in CI is
cheaper than a failed build, and a region the analyzer cannot read cannot be checked either.

## Example
```dockerfile
FROM alpine:3.20
RUNN apk add --no-cache curl
```

## Use instead
```dockerfile
FROM alpine:3.20
RUN apk add --no-cache curl
```

## Options
None.

## References
- [Dockerfile reference](https://docs.docker.com/reference/dockerfile/)
- hadolint DL1000
)md",
        .tags = {"correctness"},
        .aliases = {{"hadolint", "DL1000"}},
    };
    return info;
  }

  void check_dockerfile(const dockerfile::Dockerfile& file, RuleContext& context) const override {
    for (const dockerfile::SyntaxError& error : file.errors) {
      context.report(error.span, error.message);
    }
  }
};

}  // namespace

const Rule& rule_DF001() {
  static const SyntaxErrorRule rule;
  return rule;
}

}  // namespace berth::rules
