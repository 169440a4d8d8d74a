// BR002 unrendered-template: reported by the engine itself; this file holds its metadata and docs.
#include "analyzer/engine/rule.h"

namespace berth::rules {
namespace {

class RuleBR002 final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "BR002",
        .name = "unrendered-template",
        .target = RuleTarget::General,
        .severity = Severity::Info,
        .summary = "Helm template that must be rendered before analysis",
        .docs = R"md(## What it does
Reports, once per file, a YAML file that contains Go template actions (`{{ ... }}`, as in Helm charts). Such a file is not valid YAML until it is rendered, so berth does not analyse it.

## Why is this bad?
Template files are not the manifests that reach the cluster. Render the chart and analyse the output, which attributes findings to the template files through the `# Source:` comments: `helm template my-release ./chart | berth check -`.

## Example
```yaml
# templates/deployment.yaml
replicas: {{ .Values.replicas }}
```

## Use instead
```yaml
# rendered with: helm template my-release ./chart | berth check -
replicas: 3
```

## Options
None.

## References
- berth documentation: suppressions and configuration (README)
)md",
        .tags = {"berth"},
    };
    return info;
  }
};

}  // namespace

const Rule& rule_BR002() {
  static const RuleBR002 rule;
  return rule;
}

}  // namespace berth::rules
