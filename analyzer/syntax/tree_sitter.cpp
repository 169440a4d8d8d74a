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

}  // namespace berth::syntax
