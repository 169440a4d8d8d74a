// RAII ownership of tree-sitter objects, the grammars berth links, and node helpers.
#pragma once

#include <tree_sitter/api.h>

#include <memory>
#include <string_view>
#include <vector>

#include "analyzer/source/span.h"

extern "C" {
const TSLanguage* tree_sitter_dockerfile(void);
const TSLanguage* tree_sitter_yaml(void);
const TSLanguage* tree_sitter_bash(void);
}

namespace berth::syntax {

struct ParserDeleter {
  void operator()(TSParser* parser) const { ts_parser_delete(parser); }
};
struct TreeDeleter {
  void operator()(TSTree* tree) const { ts_tree_delete(tree); }
};
using ParserPtr = std::unique_ptr<TSParser, ParserDeleter>;
using TreePtr = std::unique_ptr<TSTree, TreeDeleter>;

enum class Grammar { Dockerfile, Yaml, Bash };

const TSLanguage* language(Grammar grammar);

// This thread's parser for `grammar`. Parsers are not thread-safe, so each worker thread
// keeps its own, created on first use and reused for every file it parses.
TSParser* thread_parser(Grammar grammar);

// Parses `text` from scratch with this thread's parser. The text must outlive the tree.
TreePtr parse(Grammar grammar, std::string_view text);

inline Span span_of(TSNode node) {
  if (ts_node_is_null(node)) return {};
  return {ts_node_start_byte(node), ts_node_end_byte(node)};
}

// Null nodes (an absent field) give empty text: the runtime crashes on them otherwise.
inline std::string_view text_of(TSNode node, std::string_view source) {
  if (ts_node_is_null(node)) return {};
  const uint32_t begin = ts_node_start_byte(node);
  const uint32_t end = ts_node_end_byte(node);
  if (begin >= source.size() || end <= begin) return {};
  return source.substr(begin, end - begin);
}

inline std::string_view type_of(TSNode node) { return ts_node_type(node); }

// The children of `node` in order (only the named ones from named_children), walked with a
// cursor: ts_node_child(node, i) starts again from the first child each time, so an index
// loop is quadratic over a node with many children (100,000 line continuations).
std::vector<TSNode> children(TSNode node);
std::vector<TSNode> named_children(TSNode node);

// The child in `field`, or a null node.
inline TSNode field(TSNode node, std::string_view name) {
  return ts_node_child_by_field_name(node, name.data(), static_cast<uint32_t>(name.size()));
}

}  // namespace berth::syntax
