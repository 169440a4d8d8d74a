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

static std::vector<TSNode> collect_children(TSNode node, bool named_only) {
  std::vector<TSNode> out;
  if (ts_node_is_null(node)) return out;
  TSTreeCursor cursor = ts_tree_cursor_new(node);
  if (ts_tree_cursor_goto_first_child(&cursor)) {
    do {
      const TSNode child = ts_tree_cursor_current_node(&cursor);
      if (!named_only || ts_node_is_named(child)) out.push_back(child);
    } while (ts_tree_cursor_goto_next_sibling(&cursor));
  }
  ts_tree_cursor_delete(&cursor);
  return out;
}

std::vector<TSNode> children(TSNode node) { return collect_children(node, false); }
std::vector<TSNode> named_children(TSNode node) { return collect_children(node, true); }

}  // namespace berth::syntax
