// LSP features on analysis snapshots: the suppression edits (placement, indentation,
// directives, merging into an existing comment) and hover.
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "analyzer/engine/fixes.h"
#include "lsp/features.h"
#include "rules/registry.h"

using namespace berth;
using namespace berth::lsp;

namespace {

std::shared_ptr<Profile> default_profile() {
  auto profile = std::make_shared<Profile>();
  profile->rules = std::get<RuleSet>(RuleSet::resolve(rules::catalogue(), profile->config, {}));
  return profile;
}

Analysis analyse(const std::string& path, const std::string& text) {
  Analysis analysis;
  analysis.uri = "file://" + path;
  analysis.path = path;
  analysis.kind = classify_file_name(path);
  analysis.version = 1;
  analysis.profile = default_profile();
  auto source = std::make_shared<SourceFile>(path, text);
  analysis.source = source;
  if (analysis.kind == FileKind::Yaml) {
    // As the server does: one analysis per document.
    ManifestParts parts(path);
    parts.update(text, analysis.profile->rules, nullptr);
    analysis.parts = parts.parts();
    return analysis;
  }
  auto model = std::make_shared<ParsedModel>();
  analysis.set_findings(analyze_parsed(*source, analysis.kind, analysis.profile->rules, nullptr,
                                       nullptr, model.get()));
  analysis.model = model;
  return analysis;
}

const Finding* with_code(const Analysis& analysis, std::string_view code) {
  for (const Finding& finding : analysis.findings()) {
    if (finding.rule && finding.rule->code == code) return &finding;
  }
  return nullptr;
}

std::vector<std::string> codes(const Analysis& analysis) {
  std::vector<std::string> out;
  for (const Finding& finding : analysis.findings()) out.emplace_back(finding.rule->code);
  return out;
}

bool has(const std::vector<std::string>& list, std::string_view code) {
  return std::find(list.begin(), list.end(), code) != list.end();
}

std::string apply(const Analysis& analysis, const TextEdit& edit) {
  return apply_edits(analysis.source->text(), {edit});
}

}  // namespace

TEST_CASE("lsp suppress on line: before the instruction start, even from a continuation line") {
  const std::string text =
      "FROM debian:12\n"
      "RUN apt-get update && \\\n"
      "    apt-get install -y --no-install-recommends curl\n"
      "USER root\n";
  const Analysis analysis = analyse("/p/Dockerfile", text);
  const Finding* lists = with_code(analysis, "DF506");
  REQUIRE(lists);
  auto edit = line_suppression_edit(analysis, *lists);
  REQUIRE(edit);
  const std::string fixed = apply(analysis, *edit);
  CHECK(fixed.find("FROM debian:12\n# berth ignore=DF506\nRUN apt-get") != std::string::npos);
  const Analysis again = analyse("/p/Dockerfile", fixed);
  CHECK_FALSE(has(codes(again), "DF506"));
  CHECK_FALSE(has(codes(again), "BR001"));

  // A second code on the same instruction joins the existing comment.
  const Finding* root = with_code(again, "DF201");
  REQUIRE(root);
  auto second = line_suppression_edit(again, *root);
  REQUIRE(second);
  const std::string both = apply(again, *second);
  CHECK(both.find("# berth ignore=DF201\nUSER root") != std::string::npos);
}

TEST_CASE("lsp suppress in file: after parser directives, merged into an existing comment") {
  const std::string text = "# syntax=docker/dockerfile:1\nFROM debian:12\nUSER root\n";
  const Analysis analysis = analyse("/p/Dockerfile", text);
  const Finding* root = with_code(analysis, "DF201");
  REQUIRE(root);
  auto edit = file_suppression_edit(analysis, *root);
  REQUIRE(edit);
  const std::string fixed = apply(analysis, *edit);
  CHECK(fixed.starts_with("# syntax=docker/dockerfile:1\n# berth ignore-file=DF201\nFROM"));
  const Analysis again = analyse("/p/Dockerfile", fixed);
  CHECK_FALSE(has(codes(again), "DF201"));
  CHECK(again.model->dockerfile->directives.size() == 1);  // the directive still counts

  const Finding* other = &again.findings().front();
  auto merged = file_suppression_edit(again, *other);
  REQUIRE(merged);
  CHECK(apply(again, *merged).find("# berth ignore-file=DF201," + std::string(other->rule->code)) !=
        std::string::npos);
}

TEST_CASE("lsp suppress on line in YAML: indentation of the key, never inside a block scalar") {
  const std::string text =
      "apiVersion: v1\n"
      "kind: Pod\n"
      "metadata:\n"
      "  name: p\n"
      "spec:\n"
      "  containers:\n"
      "  - name: c\n"
      "    image: nginx:1.25\n"
      "    command:\n"
      "    - sh\n"
      "    - -c\n"
      "    - |\n"
      "      echo hi\n"
      "    securityContext:\n"
      "      privileged: true\n";
  const Analysis analysis = analyse("/p/pod.yaml", text);
  const Finding* privileged = nullptr;
  for (const Finding& finding : analysis.findings()) {
    if (finding.message.find("privileged") != std::string::npos) privileged = &finding;
  }
  REQUIRE(privileged);
  const std::string code(privileged->rule->code);
  auto edit = line_suppression_edit(analysis, *privileged);
  REQUIRE(edit);
  const std::string fixed = apply(analysis, *edit);
  CHECK(fixed.find("      # berth ignore=" + code + "\n      privileged: true") !=
        std::string::npos);
  const Analysis again = analyse("/p/pod.yaml", fixed);
  CHECK_FALSE(has(codes(again), code));
  CHECK_FALSE(has(codes(again), "BR001"));
}

TEST_CASE("lsp suppress on line in YAML: a finding in a later document of the file") {
  const std::string text =
      "apiVersion: v1\n"
      "kind: ConfigMap\n"
      "metadata: {name: c}\n"
      "---\n"
      "apiVersion: v1\n"
      "kind: Pod\n"
      "metadata:\n"
      "  name: p\n"
      "spec:\n"
      "  containers:\n"
      "  - name: c\n"
      "    image: nginx:1.25\n"
      "    securityContext:\n"
      "      privileged: true\n";
  const Analysis analysis = analyse("/p/two.yaml", text);
  REQUIRE(analysis.parts.size() == 2);
  const Finding* privileged = nullptr;
  for (const Finding& finding : analysis.findings()) {
    if (finding.message.find("runs privileged") != std::string::npos) privileged = &finding;
  }
  REQUIRE(privileged);
  CHECK(privileged->start.line == 14);
  const std::string code(privileged->rule->code);
  auto edit = line_suppression_edit(analysis, *privileged);
  REQUIRE(edit);
  const std::string fixed = apply(analysis, *edit);
  CHECK(fixed.find("    securityContext:\n      # berth ignore=" + code +
                   "\n      privileged: true") != std::string::npos);
  const Analysis again = analyse("/p/two.yaml", fixed);
  CHECK_FALSE(has(codes(again), code));
  CHECK_FALSE(has(codes(again), "BR001"));
}

TEST_CASE("lsp code actions: fix from data, suppressions; none for a stale version") {
  const std::string text = "FROM debian:12\nRUN apt-get update && apt-get install curl\n";
  const Analysis analysis = analyse("/p/Dockerfile", text);
  ClientFeatures client;
  client.data_support = true;
  const Finding* yes = with_code(analysis, "DF511");
  REQUIRE(yes);
  const json diagnostic = diagnostic_json(analysis, *yes, client, nullptr);
  const json params = {{"textDocument", {{"uri", analysis.uri}}},
                       {"range", diagnostic["range"]},
                       {"context", {{"diagnostics", {diagnostic}}}}};
  const json actions = code_actions(analysis, 1, params, client);
  std::vector<std::string> titles;
  for (const json& action : actions) titles.push_back(action["title"]);
  CHECK(has(titles, "Add -y"));
  CHECK(has(titles, "Suppress DF511 on this line"));
  CHECK(has(titles, "Suppress DF511 in this file"));
  CHECK(actions[0]["edit"]["changes"][analysis.uri][0]["newText"] == " -y");
  CHECK(code_actions(analysis, 2, params, client).empty());
}

TEST_CASE("lsp hover: keyword docs, rule docs, suppression codes, nothing elsewhere") {
  const std::string text = "# berth ignore=DF505\nFROM debian:12\n\nUSER root\n";
  const Analysis analysis = analyse("/p/Dockerfile", text);
  const ClientFeatures client;
  json result = hover(analysis, {1, 1}, client);
  REQUIRE(result.is_object());
  CHECK(result["contents"]["value"].get<std::string>().starts_with("**FROM**"));
  result = hover(analysis, {3, 6}, client);
  CHECK(result["contents"]["value"].get<std::string>().find("DF201") != std::string::npos);
  result = hover(analysis, {0, 17}, client);
  CHECK(result["contents"]["value"].get<std::string>().find("DF505") != std::string::npos);
  CHECK(result["range"]["start"]["character"] == 15);
  CHECK(hover(analysis, {2, 0}, client).is_null());
}
