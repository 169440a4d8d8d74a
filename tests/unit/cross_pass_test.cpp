// The cross-resource pass when a rule fails: the other rules' findings stay, the failing
// rule's partial findings go, and the failure reaches the caller (the CLI reports it as an
// error; it is not silently dropped).
#include <doctest/doctest.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "analyzer/engine/analyze.h"
#include "analyzer/engine/rule.h"
#include "analyzer/engine/rule_context.h"
#include "rules/registry.h"

namespace berth {
namespace {

// A cross-resource rule for these tests, outside the catalogue.
class TestCrossRule : public Rule {
 public:
  TestCrossRule(std::string_view code, std::string_view name, std::string_view summary) {
    info_.code = code;
    info_.name = name;
    info_.target = RuleTarget::Kubernetes;
    info_.summary = summary;
  }
  const RuleInfo& info() const override { return info_; }
  bool is_cross_resource() const override { return true; }

 private:
  RuleInfo info_;
};

// Reports one finding on every object, then throws: a rule with a bug halfway through.
class ThrowingCrossRule : public TestCrossRule {
 public:
  ThrowingCrossRule()
      : TestCrossRule("X901", "throws-halfway", "A test rule that fails after reporting") {}
  void check_cross_resource(const k8s::ClusterIndex& index,
                            CrossResourceContext& context) const override {
    for (const k8s::IndexedObject* object : index.objects()) {
      const k8s::IndexedLocation& at = object->location;
      context.report(at.path(), at.span, at.start, at.end, at.source_line, "partial");
    }
    throw std::out_of_range("vector index 7 of 3");
  }
};

// Reports 1,300 findings (sent on in batches while the rule runs), then throws.
class ThrowingAfterBatchesRule : public TestCrossRule {
 public:
  ThrowingAfterBatchesRule()
      : TestCrossRule("X902", "throws-after-batches",
                      "A test rule that fails after many findings") {}
  void check_cross_resource(const k8s::ClusterIndex& index,
                            CrossResourceContext& context) const override {
    const k8s::IndexedLocation& at = index.objects().front()->location;
    for (int i = 0; i < 1300; ++i) {
      context.report(at.path(), at.span, at.start, at.end, at.source_line,
                     "batch finding " + std::to_string(i));
    }
    throw std::runtime_error("late failure");
  }
};

// A Service whose selector matches none of the namespace's workloads: K8S003, a
// cross-resource rule, reports it.
constexpr const char* kManifest =
    "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: team}\n"
    "spec:\n  selector: {app: nothing}\n  ports: [{port: 80}]\n"
    "---\n"
    "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, namespace: team}\n"
    "spec:\n  selector: {matchLabels: {app: api}}\n  template:\n"
    "    metadata: {labels: {app: api}}\n"
    "    spec:\n      containers: [{name: c, image: \"api:1\"}]\n";

// The default rules and `extra` (a RuleSet points at its Config: this one lives on).
RuleSet with_default_rules(const Rule& extra) {
  static const Config config;
  std::vector<const Rule*> catalogue = rules::catalogue();
  catalogue.push_back(&extra);
  auto resolved = RuleSet::resolve(catalogue, config, RuleSelection{});
  REQUIRE(std::holds_alternative<RuleSet>(resolved));
  return std::get<RuleSet>(std::move(resolved));
}

}  // namespace

TEST_CASE("cross-resource pass: a rule that throws is reported, the others' findings kept") {
  const ThrowingCrossRule throwing;
  const RuleSet rule_set = with_default_rules(throwing);

  ClusterCollector cluster;
  const SourceFile source("svc.yaml", kManifest);
  analyze_source(source, FileKind::Yaml, rule_set, &cluster);
  std::vector<std::string> failures;
  const std::vector<Finding> findings = analyze_cluster(cluster, rule_set, &failures);
  REQUIRE(failures.size() == 1);
  CHECK(failures[0] == "internal error in cross-resource rule X901: vector index 7 of 3");
  CHECK(std::none_of(findings.begin(), findings.end(),
                     [](const Finding& f) { return f.rule->code == "X901"; }));
  CHECK(std::any_of(findings.begin(), findings.end(),
                    [](const Finding& f) { return f.rule->code == "K8S003"; }));

  // On several threads: the same findings in the same order, the same failure.
  for (unsigned jobs : {2u, 3u, 8u}) {
    std::vector<std::string> parallel_failures;
    const std::vector<Finding> parallel =
        analyze_cluster(cluster, rule_set, &parallel_failures, jobs);
    CHECK(parallel_failures == failures);
    REQUIRE(parallel.size() == findings.size());
    for (size_t i = 0; i < findings.size(); ++i) {
      CHECK(parallel[i].rule == findings[i].rule);
      CHECK(parallel[i].message == findings[i].message);
      CHECK(parallel[i].span.begin == findings[i].span.begin);
    }
  }

  // scan() turns it into an error of the run (the CLI prints it and exits 2).
  ScanInput input;
  input.stdin_text = kManifest;
  input.stdin_filename = "svc.yaml";
  const ScanResult result = scan(input, rule_set);
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].path == "(cross-resource pass)");
  CHECK(result.errors[0].message == failures[0]);
  CHECK(std::none_of(result.findings.begin(), result.findings.end(),
                     [](const Finding& f) { return f.rule->code == "X901"; }));
  CHECK(std::any_of(result.findings.begin(), result.findings.end(),
                    [](const Finding& f) { return f.rule->code == "K8S003"; }));
}

TEST_CASE("cross-resource pass: batches a rule sent on before it threw are dropped from the log") {
  const ThrowingAfterBatchesRule throwing;
  const RuleSet rule_set = with_default_rules(throwing);

  for (const size_t memory : {size_t{0}, size_t{8u << 20}}) {
    INFO("finding memory " << memory);
    ScanInput input;
    input.stdin_text = kManifest;
    input.stdin_filename = "svc.yaml";
    input.finding_memory = memory;
    const ScanResult result = scan(input, rule_set);
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].message == "internal error in cross-resource rule X902: late failure");
    const std::vector<Finding> findings = result.findings.to_vector();
    CHECK(findings.size() == result.findings.size());
    CHECK(std::none_of(findings.begin(), findings.end(),
                       [](const Finding& f) { return f.rule->code == "X902"; }));
    CHECK(std::any_of(findings.begin(), findings.end(),
                      [](const Finding& f) { return f.rule->code == "K8S003"; }));
    for (const FindingCount& count : result.findings.counts()) CHECK(count.rule->code != "X902");
  }
}

}  // namespace berth
