// The rule interface and its metadata. Each rule lives in rules/<kind>/<name>/rule.cpp with
// its metadata, docs and check; the registry (rules/rules.def) is the only other place that
// names it. Every consumer (berth rules/explain, SARIF rules[], LSP hover, docs/rules) reads
// the metadata from here.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "analyzer/engine/finding.h"

namespace berth {

namespace dockerfile {
struct Dockerfile;
}
namespace k8s {
struct ManifestFile;
class ClusterIndex;
}  // namespace k8s

class RuleContext;
class CrossResourceContext;

enum class RuleTarget { Dockerfile, Kubernetes, General };

// A peer tool's id for the same check: maps foreign suppressions and peer agreement.
struct PeerAlias {
  std::string_view tool;  // hadolint, buildkit, trivy, checkov, kube-linter, kube-score, polaris
  std::string_view id;    // DL3002, CKV_DOCKER_3, DS-0002, run-as-non-root, ...
};

enum class OptionType { Int, Bool, String, StringList };

// A per-rule option settable in `.berth.yaml` (`excess-expose: {max-ports: 6}`).
struct RuleOption {
  std::string_view name;
  OptionType type = OptionType::Int;
  std::string_view default_value;  // as shown in docs
  std::string_view description;
};

struct RuleInfo {
  std::string_view code;  // DF201
  std::string_view name;  // root-user
  RuleTarget target = RuleTarget::Dockerfile;
  Severity severity = Severity::Warning;
  bool enabled_by_default = true;
  std::string_view summary;            // one line, ends without a period
  std::string_view docs;               // markdown with the fixed headings
  std::vector<std::string_view> tags;  // security, best-practice, reliability, ...
  std::string_view security_severity;  // "7.5" for security rules, empty otherwise
  std::vector<PeerAlias> aliases;
  std::vector<RuleOption> options;
  bool has_fix = false;
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleInfo& info() const = 0;
  // Per-file checks; called once per Dockerfile / per YAML file with Kubernetes objects.
  virtual void check_dockerfile(const dockerfile::Dockerfile&, RuleContext&) const {}
  virtual void check_kubernetes(const k8s::ManifestFile&, RuleContext&) const {}
  // After every file of the invocation has been analysed (Service <-> pods, PDB, HPA, ...).
  virtual void check_cross_resource(const k8s::ClusterIndex&, CrossResourceContext&) const {}
  virtual bool is_cross_resource() const { return false; }
};

}  // namespace berth
