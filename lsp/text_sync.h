// Document text in the LSP's coordinates: positions in the negotiated encoding, incremental
// content changes applied to the text and described as tree-sitter edits, file URIs.
#pragma once

#include <tree_sitter/api.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "analyzer/source/line_index.h"

namespace berth::lsp {

// The unit of Position.character: UTF-16 code units (LSP's default) or bytes.
enum class Encoding { Utf16, Utf8 };

struct Position {
  uint32_t line = 0;       // 0-based
  uint32_t character = 0;  // 0-based, in the negotiated encoding
  friend bool operator==(Position, Position) = default;
};

struct Range {
  Position start, end;
  friend bool operator==(Range, Range) = default;
};

inline ColumnUnit unit_of(Encoding encoding) {
  return encoding == Encoding::Utf8 ? ColumnUnit::Utf8Bytes : ColumnUnit::Utf16CodeUnits;
}

// Byte offset of an LSP position; a character past the line end clamps to the end, a line
// past the last line to the end of the text, and a position inside a surrogate pair to the
// start of its character.
uint32_t offset_of(const LineIndex& lines, uint32_t text_size, Position position, Encoding enc);
Position position_of(const LineIndex& lines, uint32_t offset, Encoding enc);

// Applies one change (a range replacement, or a full replacement when `range` is unset) to
// `text`. Returns the tree-sitter edit for a range change; nullopt for a full replacement,
// after which the tree must be reparsed from scratch.
std::optional<TSInputEdit> apply_change(std::string& text, const std::optional<Range>& range,
                                        std::string_view new_text, Encoding encoding);

// tree-sitter's point of a byte offset: rows counted by '\n', columns in bytes.
TSPoint ts_point_of(std::string_view text, uint32_t offset);

// `file:///a%20b/Dockerfile` -> `/a b/Dockerfile`; other schemes (untitled:, ...) are
// returned unchanged, as they name no file on disk.
std::string uri_to_path(std::string_view uri);
std::string path_to_uri(std::string_view path);
bool is_file_uri(std::string_view uri);

}  // namespace berth::lsp
