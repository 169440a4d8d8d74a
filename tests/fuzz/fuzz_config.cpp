// libFuzzer target: bytes as a `.berth.yaml`. The loader must return a Config or a
// ConfigError, never crash or throw; a Config it accepts must also resolve into a rule set
// (an unknown rule there is a clean error too) and run on a small Dockerfile and manifest,
// since rule options from the config reach the rules.
#include <string>
#include <variant>

#include "analyzer/config/config.h"
#include "analyzer/engine/analyze.h"
#include "rules/registry.h"

namespace {

const std::vector<const berth::RuleInfo*>& catalogue_infos() {
  static const auto infos = berth::infos_of(berth::rules::catalogue());
  return infos;
}

constexpr const char* kDockerfile =
    "FROM ubuntu:latest AS build\nARG V=1\nRUN apt-get update && apt-get install -y curl\n"
    "ADD http://example.com/x /x\nFROM build\nUSER root\nCMD echo $V\n";
constexpr const char* kManifest =
    "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n"
    "    metadata: {labels: {app: d}}\n    spec:\n      containers:\n"
    "      - name: c\n        image: nginx:latest\n        securityContext: {privileged: true}\n"
    "---\napiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {selector: {app: x}}\n";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto loaded = berth::parse_config(".berth.yaml", text, catalogue_infos());
  auto* config = std::get_if<berth::Config>(&loaded);
  if (!config) {
    (void)std::get<berth::ConfigError>(loaded).to_string();
    return 0;
  }
  auto resolved =
      berth::RuleSet::resolve(berth::rules::catalogue(), *config, berth::RuleSelection{});
  auto* rules = std::get_if<berth::RuleSet>(&resolved);
  if (!rules) return 0;
  berth::ClusterCollector cluster;
  berth::SourceFile dockerfile("Dockerfile", kDockerfile);
  berth::SourceFile manifest("k.yaml", kManifest);
  berth::analyze_source(dockerfile, berth::FileKind::Dockerfile, *rules, &cluster);
  berth::analyze_source(manifest, berth::FileKind::Yaml, *rules, &cluster);
  berth::analyze_cluster(cluster, *rules);
  return 0;
}
