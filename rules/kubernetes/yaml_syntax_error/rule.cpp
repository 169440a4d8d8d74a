// K8S001 yaml-syntax-error: YAML that neither tree-sitter-yaml nor yaml-cpp accepts.
#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"

namespace berth::rules {
namespace {

class YamlSyntaxErrorRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "K8S001",
        .name = "yaml-syntax-error",
        .target = RuleTarget::Kubernetes,
        .severity = Severity::Error,
        .summary = "YAML text that does not parse",
        .docs = R"md(## What it does
Reports each YAML document that does not parse, at the place the parser stopped. The other
documents of a multi-document file are still analysed.

## Why is this bad?
`kubectl apply` rejects the whole file. A document that cannot be read cannot be checked for
any other problem, so it silently escapes every other rule.

## Example
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: web
	labels: {app: web}
```

## Use instead
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web}
```

## Options
None.

## References
- [YAML 1.2 specification](https://yaml.org/spec/1.2.2/)
)md",
        .tags = {"correctness"},
    };
    return info;
  }

  void check_kubernetes(const k8s::ManifestFile& file, RuleContext& context) const override {
    for (const yaml::Document& document : file.stream.documents) {
      for (const yaml::SyntaxError& error : document.errors) {
        context.report(error.span, "YAML syntax error: " + error.message);
      }
    }
  }
};

}  // namespace

const Rule& rule_K8S001() {
  static const YamlSyntaxErrorRule rule;
  return rule;
}

}  // namespace berth::rules
