// BR001 unused-suppression: reported by the engine itself; this file holds its metadata and docs.
#include "analyzer/engine/rule.h"

namespace berth::rules {
namespace {

class RuleBR001 final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "BR001",
        .name = "unused-suppression",
        .target = RuleTarget::General,
        .severity = Severity::Info,
        .summary = "Inline suppression that suppresses nothing",
        .docs = R"md(## What it does
Reports an inline suppression (a `# berth ignore=...` comment, a foreign pragma such as `# hadolint ignore=DL3007`, or a `berth.dev/ignore` annotation) that did not suppress any finding.

## Why is this bad?
A stale suppression hides nothing today but will silently hide a real problem tomorrow, and it misleads readers about what the code needs.

## Example
```dockerfile
# berth ignore=DF201 -- the base image already sets USER
FROM alpine:3.20
USER app
```

## Use instead
```dockerfile
FROM alpine:3.20
USER app
```

## Options
None. Config `allow-inline-suppressions: false` turns every inline suppression off.

## References
- berth documentation: suppressions and configuration (README)
)md",
        .tags = {"berth"},
    };
    return info;
  }
};

}  // namespace

const Rule& rule_BR001() {
  static const RuleBR001 rule;
  return rule;
}

}  // namespace berth::rules
