// What the server computes from one analysis snapshot: diagnostics, code actions, hover.
// Pure functions of immutable snapshots, so the reader thread can answer requests while the
// worker analyses.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyzer/config/config.h"
#include "analyzer/discovery/discovery.h"
#include "analyzer/engine/analyze_parsed.h"
#include "analyzer/engine/rule_set.h"
#include "lsp/manifest_parts.h"
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
  std::shared_ptr<const ParsedModel> model;  // Dockerfiles
  // Manifests: the analyses of their documents (one, of the whole file, where a manifest is
  // analysed whole), placed in the file.
  std::vector<PlacedPart> parts;
  std::shared_ptr<const Profile> profile;
  std::vector<Finding> cross;  // cross-resource findings located in this document

  // Per-file rules, suppressions applied, in the file's coordinates, sorted. A manifest's
  // are assembled from its `parts` on first use: publishing does not need them, hover and
  // code actions do.
  const std::vector<Finding>& findings() const;
  void set_findings(std::vector<Finding> findings);

 private:
  struct LazyFindings {
    std::once_flag assembled;
    std::vector<Finding> findings;
  };
  // Shared by copies of the snapshot (they have the same parts).
  std::shared_ptr<LazyFindings> findings_ = std::make_shared<LazyFindings>();
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
  friend bool operator==(const ClientFeatures&, const ClientFeatures&) = default;
};

// Another open document's URI and range for a span in it (related information across files);
// nullopt when that path is not open.
using Locator = std::function<std::optional<json>(const std::string& path, Span span)>;

json range_json(const SourceFile& source, Span span, Encoding encoding);
json diagnostic_json(const Analysis& analysis, const Finding& finding, const ClientFeatures& client,
                     const Locator& locate);
json diagnostics_json(const Analysis& analysis, const ClientFeatures& client,
                      const Locator& locate);

// Serialized diagnostics of one document of a manifest, with holes where they change from
// version to version while the document's text does not: every line number (the document
// moves when an edit above it adds or removes lines). Publishing a large
// manifest then costs copying text, not building and serializing JSON for every finding.
class DiagnosticsText {
 public:
  // The diagnostics of `findings`, located in `part` (the text of one document), as
  // diagnostics_json would give them for the file with the document at its place; `uri` and
  // `path` are the file's.
  DiagnosticsText(const SourceFile& part, const std::vector<Finding>& findings,
                  const std::string& uri, const std::string& path, const ClientFeatures& client);
  // Appends the diagnostics, comma-separated (with a leading comma when `out` already ends
  // in a diagnostic), for the document placed `line_shift` lines down.
  void render(std::string& out, uint32_t line_shift) const;
  bool empty() const { return count_ == 0; }

 private:
  struct Hole {
    size_t at = 0;      // where in text_ the number goes
    uint32_t line = 0;  // the line in the document's own coordinates
  };
  std::string text_;
  std::vector<Hole> holes_;
  size_t count_ = 0;
};

// textDocument/codeAction. `current_version` is the document's version now: fixes computed
// on another version are not offered (their ranges would be wrong).
json code_actions(const Analysis& analysis, int64_t current_version, const json& params,
                  const ClientFeatures& client);

// source.fixAll.berth: every safe fix of the snapshot in one edit (nullopt when there is
// none); code_actions offers it when `context.only` asks for it.
std::optional<json> fix_all_action(const Analysis& analysis, int64_t version,
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
