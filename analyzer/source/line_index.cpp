// LineIndex: where each line of a text starts and ends, and column conversions.
#include "analyzer/source/line_index.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace berth {

uint32_t decode_utf8(std::string_view text, size_t i, char32_t* code_point) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  auto invalid = [&]() {
    *code_point = 0xFFFD;
    return 1u;
  };
  if (lead < 0x80) {
    *code_point = lead;
    return 1;
  }
  uint32_t length;
  char32_t value;
  if ((lead & 0xE0) == 0xC0) {
    length = 2;
    value = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    value = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    value = lead & 0x07;
  } else {
    return invalid();
  }
  if (i + length > text.size()) return invalid();
  for (uint32_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return invalid();
    value = (value << 6) | (byte(i + k) & 0x3F);
  }
  // Overlong encodings, surrogates and values past U+10FFFF are invalid.
  static constexpr char32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
  if (value < kMinimum[length] || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
    return invalid();
  }
  *code_point = value;
  return length;
}

LineIndex::LineIndex(std::string_view text) : text_(text) {
  uint32_t start = 0;
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") start = 3;
  line_starts_.push_back(start);
  // Built for every file and, in the language server, for a large manifest on every
  // keystroke: word-wise and memchr passes rather than a branch per byte.
  const char* data = text.data();
  const size_t size = text.size();
  uint64_t high_bits = 0;
  size_t i = start;
  for (; i + 8 <= size; i += 8) {
    uint64_t word;
    std::memcpy(&word, data + i, 8);
    high_bits |= word;
  }
  for (; i < size; ++i) high_bits |= static_cast<unsigned char>(data[i]);
  ascii_only_ = (high_bits & 0x8080808080808080ULL) == 0;
  if (!std::memchr(data + start, '\r', size - start)) {
    for (size_t at = start; const void* newline = std::memchr(data + at, '\n', size - at);) {
      const auto end = static_cast<uint32_t>(static_cast<const char*>(newline) - data);
      line_ends_.push_back(end);
      line_starts_.push_back(end + 1);
      at = end + 1;
    }
  } else {
    for (uint32_t k = start; k < size; ++k) {
      const char c = data[k];
      if (c == '\n' || c == '\r') {
        line_ends_.push_back(k);
        if (c == '\r' && k + 1 < size && data[k + 1] == '\n') ++k;
        line_starts_.push_back(k + 1);
      }
    }
  }
  line_ends_.push_back(static_cast<uint32_t>(size));
}

uint32_t LineIndex::line_of(uint32_t offset) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  if (it == line_starts_.begin()) return 1;
  return static_cast<uint32_t>(it - line_starts_.begin());
}

LineColumn LineIndex::position(uint32_t offset, ColumnUnit unit) const {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text_.size()));
  const uint32_t line = line_of(offset);
  const uint32_t start = line_starts_[line - 1];
  if (offset < start) return {line, 1};  // inside the BOM
  if (ascii_only_ || unit == ColumnUnit::Utf8Bytes) return {line, offset - start + 1};
  uint32_t column = 1;
  size_t i = start;
  while (i < offset) {
    char32_t cp;
    const uint32_t length = decode_utf8(text_, i, &cp);
    column += (unit == ColumnUnit::Utf16CodeUnits && cp > 0xFFFF) ? 2 : 1;
    i += length;
  }
  return {line, column};
}

uint32_t LineIndex::offset(LineColumn position, ColumnUnit unit) const {
  if (position.line < 1) return line_starts_.front();
  if (position.line > line_count()) return static_cast<uint32_t>(text_.size());
  const uint32_t start = line_starts_[position.line - 1];
  const uint32_t end = line_ends_[position.line - 1];
  const uint32_t wanted = position.column < 1 ? 0 : position.column - 1;
  if (ascii_only_ || unit == ColumnUnit::Utf8Bytes) return std::min(start + wanted, end);
  uint32_t column = 0;
  size_t i = start;
  while (i < end && column < wanted) {
    char32_t cp;
    const uint32_t length = decode_utf8(text_, i, &cp);
    const uint32_t units = (unit == ColumnUnit::Utf16CodeUnits && cp > 0xFFFF) ? 2 : 1;
    if (column + units > wanted) break;  // inside a surrogate pair: stay before it
    column += units;
    i += length;
  }
  return static_cast<uint32_t>(i);
}

Span LineIndex::line_span(uint32_t line) const {
  if (line < 1 || line > line_count()) return {};
  return {line_starts_[line - 1], line_ends_[line - 1]};
}

std::string_view LineIndex::line_text(uint32_t line) const {
  const Span span = line_span(line);
  return text_.substr(span.begin, span.size());
}

}  // namespace berth
