// Per-thread parsers for the three grammars.
#include "analyzer/syntax/tree_sitter.h"

#include <array>

namespace berth::syntax {

const TSLanguage* language(Grammar grammar) {
  switch (grammar) {
    case Grammar::Dockerfile:
      return tree_sitter_dockerfile();
    case Grammar::Yaml:
      return tree_sitter_yaml();
    case Grammar::Bash:
      return tree_sitter_bash();
  }
  return nullptr;
}

TSParser* thread_parser(Grammar grammar) {
  thread_local std::array<ParserPtr, 3> parsers;
  ParserPtr& parser = parsers[static_cast<size_t>(grammar)];
  if (!parser) {
    parser.reset(ts_parser_new());
    ts_parser_set_language(parser.get(), language(grammar));
  }
  return parser.get();
}

TreePtr parse(Grammar grammar, std::string_view text) {
  TSParser* parser = thread_parser(grammar);
  ts_parser_reset(parser);
  return TreePtr(
      ts_parser_parse_string(parser, nullptr, text.data(), static_cast<uint32_t>(text.size())));
}

CursorPool::~CursorPool() {
  for (TSTreeCursor& cursor : cursors_) ts_tree_cursor_delete(&cursor);
}

TSTreeCursor& CursorPool::acquire(TSNode node) {
  if (depth_ == cursors_.size()) {
    cursors_.push_back(ts_tree_cursor_new(node));
  } else {
    ts_tree_cursor_reset(&cursors_[depth_], node);
  }
  return cursors_[depth_++];
}

CursorPool& CursorPool::of_this_thread() {
  thread_local CursorPool pool;
  return pool;
}

namespace {

std::vector<TSNode> collect_children(TSNode node, bool named_only) {
  std::vector<TSNode> out;
  if (ts_node_is_null(node)) return out;
  // Most nodes of a shell script are words without children: no walk, no allocation.
  const uint32_t count = named_only ? ts_node_named_child_count(node) : ts_node_child_count(node);
  if (count == 0) return out;
  out.reserve(count);
  for_each_child(node, [&](TSNode child) {
    if (!named_only || ts_node_is_named(child)) out.push_back(child);
  });
  return out;
}

}  // namespace

std::vector<TSNode> children(TSNode node) { return collect_children(node, false); }
std::vector<TSNode> named_children(TSNode node) { return collect_children(node, true); }

}  // namespace berth::syntax
