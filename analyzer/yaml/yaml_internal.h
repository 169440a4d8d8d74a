// Helpers shared by the YAML tree builders (tree-sitter and yaml-cpp); not a public interface.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/yaml/yaml_tree.h"

namespace berth::yaml::detail {

inline bool is_break(char c) { return c == '\n' || c == '\r'; }
inline bool is_white(char c) { return c == ' ' || c == '\t'; }

// Folds the body of a flow scalar (a plain scalar's text, or a quoted scalar between its
// quotes) into its value: line folding, `''` for single quotes, escapes for double quotes.
std::string fold_flow_scalar(std::string_view body, ScalarStyle style);

struct BlockScalar {
  std::string value;
  uint32_t end = 0;  // offset just past the last content line (the header line when empty)
  ScalarStyle style = ScalarStyle::Literal;
};

// Decodes the block scalar whose `|` or `>` indicator is at `header`. `parent_indent` is
// the indentation of the enclosing block collection, -1 at the top level.
BlockScalar decode_block_scalar(std::string_view source, uint32_t header, int parent_indent);

// A plain scalar the core schema reads as null (`null`, `~`, ...); empty text is not one.
bool is_null_text(std::string_view text);

// Appends the UTF-8 encoding of `code_point` (invalid ones become U+FFFD).
void append_utf8(std::string& out, uint32_t code_point);

// Replaces a mapping's `<<` entries by the entries of the mappings they reference.
void merge_keys(Node& map);

// The yaml-cpp fallback for the text at `part` of the stream (normally one document):
// appends its documents to `out`, the last one with yaml-cpp's error if it rejects the
// text. Never throws.
void parse_with_yaml_cpp(Stream& stream, std::string_view stream_text, Span part,
                         std::vector<Document>& out);

}  // namespace berth::yaml::detail
