// Converts byte offsets into 1-based lines and columns in the units each consumer needs:
// code points (text/JSON output), UTF-16 code units (SARIF, LSP default), UTF-8 bytes (LSP).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "analyzer/source/span.h"

namespace berth {

enum class ColumnUnit { Utf8Bytes, Utf16CodeUnits, CodePoints };

struct LineColumn {
  uint32_t line = 1;    // 1-based
  uint32_t column = 1;  // 1-based, in the requested unit
  friend bool operator==(LineColumn a, LineColumn b) = default;
};

// Lines end at "\n", "\r\n" or a lone "\r". A leading UTF-8 BOM is not part of line 1's
// columns (editors do not show it). Invalid UTF-8 bytes count as one code point / one
// UTF-16 unit each, so columns stay monotonic on any input.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);

  uint32_t line_count() const { return static_cast<uint32_t>(line_starts_.size()); }
  // 1-based line containing `offset` (offsets past the end clamp to the last line).
  uint32_t line_of(uint32_t offset) const;
  LineColumn position(uint32_t offset, ColumnUnit unit) const;
  // Inverse of position(); columns past the end of the line clamp to the line end.
  uint32_t offset(LineColumn position, ColumnUnit unit) const;
  // The line's byte range without its terminator.
  Span line_span(uint32_t line) const;
  std::string_view line_text(uint32_t line) const;

 private:
  std::string_view text_;
  std::vector<uint32_t> line_starts_;  // byte offset where each line starts
  std::vector<uint32_t> line_ends_;    // byte offset of each line's terminator (or EOF)
  bool ascii_only_ = true;             // fast path: every unit equals bytes
};

// Length in bytes of the UTF-8 sequence starting at text[i] (1 for an invalid byte), and
// the code point it encodes (U+FFFD for invalid bytes).
uint32_t decode_utf8(std::string_view text, size_t i, char32_t* code_point);

}  // namespace berth
