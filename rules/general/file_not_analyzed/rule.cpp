// BR003 file-not-analyzed: reported by the engine itself; this file holds its metadata and docs.
#include "analyzer/engine/rule.h"

namespace berth::rules {
namespace {

class RuleBR003 final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "BR003",
        .name = "file-not-analyzed",
        .target = RuleTarget::General,
        .severity = Severity::Warning,
        .summary = "File that was asked to be checked but could not be read",
        .docs = R"md(## What it does
Reports a file berth was asked to check but could not analyse: it is unreadable, binary (contains NUL bytes), or larger than `max-file-size` (default 10 MiB). Invalid UTF-8 is still analysed; each invalid byte counts as one column.

## Why is this bad?
A file that is silently skipped looks like a clean file. Reporting it keeps the result honest: either fix the file, raise `max-file-size`, or exclude it explicitly.

## Example
```yaml
# .berth.yaml
max-file-size: 1KiB   # smaller than the manifests being checked
```

## Use instead
```yaml
# .berth.yaml
max-file-size: 10MiB
```

## Options
Config `max-file-size` sets the size limit.

## References
- berth documentation: suppressions and configuration (README)
)md",
        .tags = {"berth"},
    };
    return info;
  }
};

}  // namespace

const Rule& rule_BR003() {
  static const RuleBR003 rule;
  return rule;
}

}  // namespace berth::rules
