// The YAML value tree: what the Kubernetes model reads. Built from tree-sitter-yaml (with a
// yaml-cpp fallback for documents tree-sitter rejects), with the byte span of every key and
// value. Aliases are references to the anchored node, never copies, so an alias bomb costs
// nothing; `<<` merge keys are resolved into the mapping's entries (still by reference).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/source/span.h"

struct TSTree;  // tree_sitter/api.h

namespace berth::yaml {

enum class NodeKind { Null, Scalar, Mapping, Sequence };
enum class ScalarStyle { Plain, SingleQuoted, DoubleQuoted, Literal, Folded };

struct Node;

struct Entry {
  const Node* key = nullptr;
  const Node* value = nullptr;  // never null: an absent value is a Null node
  bool merged = false;          // came from a `<<` merge key, not written in this mapping
  Span alias_span;              // when the value is an alias: the `*name` written here
};

struct Node {
  NodeKind kind = NodeKind::Null;
  // The node's text in the source (its content, without `&anchor` / `!tag`). An alias is
  // the anchored node itself, so `span` is the anchored node's; the `*name` at the place of
  // use is in Entry::alias_span. Plain `null` / `~` (untagged) and absent values are Null;
  // an absent value has an empty span where it would be.
  Span span;
  ScalarStyle style = ScalarStyle::Plain;
  std::string value;           // scalars: the decoded value (escapes, folding, chomping applied)
  std::string tag;             // explicit tag as written (e.g. "!!str"), empty when none
  std::vector<Entry> entries;  // mappings, in source order (merged ones last)
  std::vector<const Node*> items;  // sequences
  bool flow = false;               // written in flow style ({...} / [...])

  bool is_null() const { return kind == NodeKind::Null; }
  bool is_scalar() const { return kind == NodeKind::Scalar; }
  bool is_mapping() const { return kind == NodeKind::Mapping; }
  bool is_sequence() const { return kind == NodeKind::Sequence; }

  // Mapping lookup by scalar key (the last occurrence wins, as in YAML libraries); null
  // when absent or when this is not a mapping.
  const Node* get(std::string_view key) const;
  const Entry* entry(std::string_view key) const;
  // Plain scalars true/True/TRUE (and YAML 1.1's yes/on, which Kubernetes' decoder accepts)
  // give true; false/False/FALSE/no/off give false; anything else (or quoted) gives nullopt.
  std::optional<bool> as_bool() const;
  std::optional<int64_t> as_int() const;  // plain decimal / 0x / 0o integers
};

struct SyntaxError {
  Span span;            // where the error is, as narrow as the parsers allow
  std::string message;  // e.g. "mapping values are not allowed here"
};

struct Document {
  Span span;                        // the document's text, markers included
  const Node* root = nullptr;       // null for an empty document or a rejected one
  std::vector<SyntaxError> errors;  // non-empty when both parsers rejected the text
  std::vector<Span> comments;       // every `#` comment in the document (for suppressions)
};

// A parsed stream. Owns every node; nodes have stable addresses.
class Stream {
 public:
  std::vector<Document> documents;

  Node* new_node() {
    if (used_ == chunk_size_) {
      // Chunks grow with the stream (a small file needs few nodes), up to a bound. Not a
      // std::deque: its blocks hold 512 bytes, three nodes, so it allocated every third node.
      if (!chunks_.empty()) chunk_size_ = std::min<size_t>(chunk_size_ * 2, 1024);
      chunks_.push_back(std::make_unique<Node[]>(chunk_size_));
      used_ = 0;
    }
    return &chunks_.back()[used_++];
  }

 private:
  std::vector<std::unique_ptr<Node[]>> chunks_;  // nodes never move: pointers to them last
  size_t chunk_size_ = 16;
  size_t used_ = 16;  // the current chunk is full: the first node starts one
};

// Parses a YAML stream (multi-document, BOM, CRLF tolerated). Never throws.
Stream parse_stream(std::string_view text);
// The same from a tree already parsed (tree-sitter-yaml) from `text` without its leading BOM,
// if any; a null tree parses from scratch. For the language server, which reparses its trees
// incrementally. The tree is only read.
Stream parse_stream(std::string_view text, const TSTree* tree);

// Splits a stream into document texts at `---` / `...` lines (column 0 only, where they end
// any scalar), for documents parsed one at a time: what parse_stream does with a stream
// tree-sitter rejects, and what the language server does to re-analyse only the documents
// an edit touched. Leading comments belong to the document after them. Spans are moved by
// `base`.
std::vector<Span> split_documents(std::string_view text, uint32_t base = 0);

}  // namespace berth::yaml
