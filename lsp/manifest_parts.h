// A multi-document YAML manifest analysed one `---` document at a time, so that an edit
// re-parses and re-analyses only the documents whose text it changed. Every other document
// keeps its analysis (in the coordinates of its own text) and is only placed again at its
// new offset and line in the file. The results equal those of analysing the whole file
// (analyze_source + the cross-resource pass), finding for finding; where per-document
// analysis could differ, the file is analysed whole (see `whole_file_reason`).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyzer/engine/analyze.h"
#include "analyzer/engine/analyze_parsed.h"
#include "analyzer/syntax/tree_sitter.h"

namespace berth::lsp {

// One document's analysis, in the coordinates of the document's own text. Immutable; shared
// by every version of the file in which the document's text is unchanged.
struct PartAnalysis {
  std::shared_ptr<const SourceFile> source;  // the document's text, with the file's path
  std::shared_ptr<const ParsedModel> model;
  std::vector<Finding> findings;              // per-file rules, suppressions applied, sorted
  std::vector<DeferredSuppression> deferred;  // suppressions naming cross-resource rules
  // What the document's objects contribute to verdicts about the whole file (K8S605 judges
  // a file by whether any of its objects sets a namespace, with the file's CRD scopes).
  std::string file_facts;
  uint32_t newlines = 0;  // line breaks in the text: where the next document's lines start
  // What the document's text says about analysing the file a document at a time
  // (whole_file_reason); kept so that an edit elsewhere need not search the whole text.
  const char* whole_file_reason = nullptr;
  bool template_braces = false;  // `{{`: the whole text must be checked for a Helm template
  // The file facts of the whole file (this document's and the others', in file order) that
  // the rules saw; the analysis is stale when the file's facts differ.
  std::shared_ptr<const std::string> judged_with;
};

// What is known of the change since the previous update (the language server has the client's
// edits): the text's first `prefix` and last `suffix` bytes are those of the previous text,
// which had `previous_size` bytes. The documents inside them need no comparison of their texts.
struct UnchangedEnds {
  size_t previous_size = 0;
  size_t prefix = 0;
  size_t suffix = 0;
};
// The unchanged ends of a text of `size` bytes made by `edits` (in order, each in the
// coordinates of the text before it) from the previous one.
UnchangedEnds unchanged_ends(const std::vector<TSInputEdit>& edits, size_t size);

// A document placed in the file: `offset` bytes and `lines` lines from the file's start.
// In whole-file mode there is one part, the whole file, at 0.
struct PlacedPart {
  uint32_t offset = 0;
  uint32_t lines = 0;
  std::shared_ptr<const PartAnalysis> analysis;
};

// Whether the parts' findings, one part after another, are in sort_findings order (they are
// unless a finding sits at the very end of a document, on the next one's first line).
bool in_document_order(const std::vector<PlacedPart>& parts);
// The parts' findings in the coordinates of `file` (the whole text), in sort_findings order.
std::vector<Finding> placed_findings(const std::vector<PlacedPart>& parts, const SourceFile& file);

// Why a text is analysed whole; nullptr when it can be analysed a document at a time.
// Helm templates (BR002 is judged per file), `# Source:` attribution of rendered charts,
// file-wide suppressions (`ignore-file=`, `hadolint global`), a BOM and `%` directives.
const char* whole_file_reason(std::string_view text);

class ManifestParts {
 public:
  explicit ManifestParts(std::string path) : path_(std::move(path)) {}

  struct Stats {
    size_t parts = 0;
    size_t analysed = 0;  // documents (re)analysed by the last update
    size_t reparsed = 0;  // of those, parsed by editing a kept syntax tree
    size_t compared = 0;  // documents whose text was compared with their previous text
    // Documents whose judge (the file facts they were analysed with) was compared with the
    // file's facts by content, not found to be the same string.
    size_t facts_compared = 0;
    bool whole_file = false;
  };

  // Brings the analysis up to `text`, the file's whole text. Every update must use the same
  // rules (another rule set needs another ManifestParts). When `cluster` is given, the
  // file's facts in its index are brought up to date (each document filed under its own
  // key) and the file's deferred suppressions replaced. `ends`, when given, must describe
  // the change from the text of the previous update (it is ignored when its previous size
  // is not that text's, as after an update that failed).
  Stats update(std::string_view text, const RuleSet& rules, ClusterCollector* cluster,
               const std::optional<UnchangedEnds>& ends = std::nullopt);

  // Drops the file's facts and deferred suppressions from `cluster`.
  void forget(ClusterCollector& cluster);

  const std::vector<PlacedPart>& parts() const { return parts_; }
  // The findings of the whole file (`file`: the text of the last update) in its
  // coordinates, ordered as sort_findings orders them.
  std::vector<Finding> findings(const SourceFile& file) const {
    return placed_findings(parts_, file);
  }

 private:
  // Analyses parts_[index]'s text (`text`) with the objects of the other parts analysed so far.
  // `previous`: the document's analysis before this update, whose syntax tree, if still
  // kept, is edited and reparsed instead of parsing `text` from scratch.
  std::shared_ptr<const PartAnalysis> analyse(size_t index, std::string_view text,
                                              const RuleSet& rules,
                                              const std::shared_ptr<const PartAnalysis>& previous);
  // The tree of `text` (a document's), reparsed from `previous`'s tree where one is kept.
  syntax::TreePtr parse_part(std::string_view text, const PartAnalysis* previous);
  std::string joined_file_facts(size_t index, const PartAnalysis* own) const;
  // `facts` as a string shared with an equal one already made (file_facts_, last_facts_).
  std::shared_ptr<const std::string> shared_facts(std::string facts);
  std::string key_of(size_t index) const;
  void sync_index(ClusterCollector& cluster);

  std::string path_;
  bool whole_file_ = false;
  // The size of the text of the last update that completed (what `ends` must start from).
  std::optional<size_t> last_size_;
  std::vector<PlacedPart> parts_;
  std::shared_ptr<const std::string> file_facts_;  // the whole file's, for the parts' judges
  std::shared_ptr<const std::string> last_facts_;  // the last judge made (see shared_facts)
  // During an update that changes several documents: their objects built ahead of their
  // analyses, so that each is judged with every other's facts the first time (by index;
  // null for documents kept or analysed).
  struct Preview {
    std::unique_ptr<SourceFile> source;
    k8s::ManifestFile manifest;
    std::string facts;
  };
  std::vector<std::unique_ptr<Preview>> previews_;
  // What the cluster index holds under key_of(i): which analysis, placed where.
  std::vector<PlacedPart> indexed_;
  // The syntax trees of the documents analysed last, newest first: keystrokes land in the
  // same document one after another, and tree-sitter reparses an edited tree in a fraction
  // of a full parse. Only a few, as every document's tree would take memory for nothing.
  struct KeptTree {
    std::shared_ptr<const PartAnalysis> analysis;  // of the tree's text (its source)
    syntax::TreePtr tree;
  };
  static constexpr size_t kKeptTrees = 4;
  std::vector<KeptTree> kept_trees_;
  size_t reparsed_ = 0;  // in the current update
};

// A finding of a document's own text, moved to the file's coordinates.
Finding place_finding(const Finding& finding, uint32_t offset, uint32_t lines);

}  // namespace berth::lsp
