// `helm template ... | berth check -`: findings are attributed to the templates named in the
// `# Source:` comments, with lines counted from the start of each rendered document.
#include <doctest/doctest.h>

#include <string>

#include "analyzer/engine/analyze.h"
#include "rules/registry.h"

using namespace berth;

TEST_CASE("helm: rendered output attributes findings to the template files") {
  const std::string rendered =
      "---\n"
      "# Source: web/templates/service.yaml\n"
      "apiVersion: v1\n"
      "kind: ConfigMap\n"
      "metadata: {name: settings}\n"
      "---\n"
      "# Source: web/templates/deployment.yaml\n"
      "apiVersion: v1\n"
      "kind: Pod\n"
      "metadata: {name: web, namespace: shop}\n"
      "spec:\n"
      "  containers:\n"
      "    - name: web\n"
      "      image: nginx:1.27\n"
      "      securityContext: {privileged: true}\n";
  SourceFile source("<stdin>", rendered);
  Config config;
  RuleSelection selection;
  selection.only = {"K8S101"};
  const RuleSet rules = std::get<RuleSet>(RuleSet::resolve(rules::catalogue(), config, selection));
  const std::vector<Finding> findings = analyze_source(source, FileKind::Yaml, rules);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].path == "web/templates/deployment.yaml");
  CHECK(findings[0].start.line == 8);  // line 15 of the stream, 8th after its Source comment
  CHECK(findings[0].start.column == 37);
}
