// What the server computes from one analysis snapshot: diagnostics, code actions, hover.
// Pure functions of immutable snapshots, so the reader thread can answer requests while the
// worker analyses.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyzer/config/config.h"
#include "analyzer/discovery/discovery.h"
#include "analyzer/engine/analyze_parsed.h"
#include "analyzer/engine/rule_set.h"
#include "lsp/text_sync.h"

namespace berth::lsp {

using json = nlohmann::json;

// One resolved configuration (a `.berth.yaml`, or the defaults) and the rules it selects.
// The RuleSet points at `config`, so a Profile never moves: it lives behind a shared_ptr.
struct Profile {
  Config config;
  RuleSet rules;
  std::string config_path;  // empty: defaults
};

// The result of analysing one version of one document. Immutable once published.
struct Analysis {
  std::string uri;
  std::string path;  // the display path findings carry
  FileKind kind = FileKind::Other;
  int64_t version = 0;
  std::shared_ptr<const SourceFile> source;
  std::shared_ptr<const ParsedModel> model;
  std::shared_ptr<const Profile> profile;
  std::vector<Finding> findings;  // per-file rules, suppressions applied
  std::vector<Finding> cross;     // cross-resource findings located in this document
};

// What the client said it supports (initialize's capabilities), read once.
struct ClientFeatures {
  Encoding encoding = Encoding::Utf16;
  bool related_information = true;
  bool tag_support = false;
  bool code_description = true;
  bool data_support = false;
  bool markdown_hover = true;
  bool document_changes = false;
  bool pull_diagnostics = false;
  bool diagnostic_refresh = false;
  bool watched_files_registration = false;
  bool configuration_registration = false;
  bool configuration_pull = false;
};

// Another open document's URI and range for a span in it (related information across files);
// nullopt when that path is not open.
using Locator = std::function<std::optional<json>(const std::string& path, Span span)>;

json range_json(const SourceFile& source, Span span, Encoding encoding);
json diagnostic_json(const Analysis& analysis, const Finding& finding, const ClientFeatures& client,
                     const Locator& locate);
json diagnostics_json(const Analysis& analysis, const ClientFeatures& client,
                      const Locator& locate);

// textDocument/codeAction. `current_version` is the document's version now: fixes computed
// on another version are not offered (their ranges would be wrong).
json code_actions(const Analysis& analysis, int64_t current_version, const json& params,
                  const ClientFeatures& client);

// The edit of "suppress on this line" / "suppress in this file" (exposed for tests).
std::optional<TextEdit> line_suppression_edit(const Analysis& analysis, const Finding& finding);
std::optional<TextEdit> file_suppression_edit(const Analysis& analysis, const Finding& finding);

// textDocument/hover: rule docs on a flagged span or on a rule code in a suppression,
// instruction docs on a Dockerfile keyword. Null when there is nothing to show.
json hover(const Analysis& analysis, Position position, const ClientFeatures& client);

// Findings are the same diagnostics (for deciding whether to republish another document).
bool same_findings(const std::vector<Finding>& a, const std::vector<Finding>& b);

}  // namespace berth::lsp
