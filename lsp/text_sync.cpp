// Position conversion and incremental text changes.
#include "lsp/text_sync.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <utility>

namespace berth::lsp {

uint32_t offset_of(const LineIndex& lines, uint32_t text_size, Position position, Encoding enc) {
  if (position.line >= lines.line_count()) return text_size;
  const uint32_t column =
      position.character >= UINT32_MAX - 1 ? UINT32_MAX : position.character + 1;
  return lines.offset({position.line + 1, column}, unit_of(enc));
}

Position position_of(const LineIndex& lines, uint32_t offset, Encoding enc) {
  const LineColumn lc = lines.position(offset, unit_of(enc));
  return {lc.line - 1, lc.column - 1};
}

namespace {

// offset_of() on `text` without a line index of all of it: a keystroke in a large manifest
// then scans only as far as the edited line. Lines end as LineIndex ends them (LF, CRLF, or
// a lone CR), and the column is converted by a line index of that one line.
uint32_t offset_in(std::string_view text, Position position, Encoding encoding) {
  const uint32_t size = static_cast<uint32_t>(text.size());
  size_t start = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  auto line_end = [&](size_t from) {  // the first LF or CR at or after `from`
    const size_t lf = std::min(text.find('\n', from), text.size());
    const void* cr = std::memchr(text.data() + from, '\r', lf - from);
    return cr ? static_cast<size_t>(static_cast<const char*>(cr) - text.data()) : lf;
  };
  for (uint32_t line = 0; line < position.line; ++line) {
    const size_t end = line_end(start);
    if (end >= text.size()) return size;  // past the last line
    start = end + 1;
    if (text[end] == '\r' && start < text.size() && text[start] == '\n') ++start;
  }
  const size_t end = line_end(start);
  const std::string_view line = text.substr(start, end - start);
  if (start > 0 && line.starts_with("\xEF\xBB\xBF")) {
    // A line index would take U+FEFF at its start for a byte order mark; mid-text it is a
    // character.
    return offset_of(LineIndex(text), size, position, encoding);
  }
  return static_cast<uint32_t>(start) + offset_of(LineIndex(line),
                                                  static_cast<uint32_t>(line.size()),
                                                  {0, position.character}, encoding);
}

// A line's start, for offset_in_lf() to resume from.
struct LinePlace {
  size_t start = 0;
  uint32_t line = 0;
};

// offset_in() for a text without CR, where LSP lines and tree-sitter rows are the same: scans
// from `from` (a line start at or before the position's line, left at the position's line)
// with one memchr per line, and gives the tree-sitter point too. nullopt where offset_in()
// must decide (past the last line, U+FEFF starting a line).
std::optional<std::pair<uint32_t, TSPoint>> offset_in_lf(std::string_view text, Position position,
                                                         Encoding encoding, LinePlace& from) {
  const char* data = text.data();
  size_t start = from.start;
  uint32_t line = from.line;
  while (line < position.line) {
    const void* newline = std::memchr(data + start, '\n', text.size() - start);
    if (!newline) return std::nullopt;
    start = static_cast<size_t>(static_cast<const char*>(newline) - data) + 1;
    ++line;
  }
  from = {start, line};
  const void* newline = std::memchr(data + start, '\n', text.size() - start);
  const size_t end =
      newline ? static_cast<size_t>(static_cast<const char*>(newline) - data) : text.size();
  const std::string_view line_text = text.substr(start, end - start);
  if (line_text.starts_with("\xEF\xBB\xBF")) return std::nullopt;
  const uint32_t offset = static_cast<uint32_t>(start) +
                          offset_of(LineIndex(line_text), static_cast<uint32_t>(line_text.size()),
                                    {0, position.character}, encoding);
  // tree-sitter counts a byte order mark as part of the first row.
  const size_t row_start = line == 0 ? 0 : start;
  return std::pair{offset, TSPoint{line, static_cast<uint32_t>(offset - row_start)}};
}

}  // namespace

TSPoint ts_point_of(std::string_view text, uint32_t offset) {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text.size()));
  uint32_t row = 0;
  uint32_t line_start = 0;
  const char* data = text.data();
  const char* p = data;
  const char* end = data + offset;
  while (p < end) {
    const void* nl = std::memchr(p, '\n', static_cast<size_t>(end - p));
    if (!nl) break;
    ++row;
    p = static_cast<const char*>(nl) + 1;
    line_start = static_cast<uint32_t>(p - data);
  }
  return {row, offset - line_start};
}

std::optional<TSInputEdit> apply_change(std::string& text, const std::optional<Range>& range,
                                        std::string_view new_text, Encoding encoding) {
  if (!range) {
    text.assign(new_text);
    return std::nullopt;
  }
  TSInputEdit edit{};
  // A keystroke in a large manifest: scan only as far as the edited lines, once.
  const LinePlace first_line{text.starts_with("\xEF\xBB\xBF") ? 3u : 0u, 0};
  LinePlace place = first_line;
  std::optional<std::pair<uint32_t, TSPoint>> start, end;
  if (!std::memchr(text.data(), '\r', text.size())) {
    start = offset_in_lf(text, range->start, encoding, place);
    if (range->end.line < range->start.line) place = first_line;
    if (start) end = offset_in_lf(text, range->end, encoding, place);
  }
  if (!start || !end) {
    const uint32_t begin_offset = offset_in(text, range->start, encoding);
    const uint32_t end_offset = offset_in(text, range->end, encoding);
    start = {begin_offset, ts_point_of(text, begin_offset)};
    end = {end_offset, ts_point_of(text, end_offset)};
  }
  if (end->first < start->first) std::swap(start, end);  // a reversed range from a confused client
  const uint32_t begin = start->first;
  edit.start_byte = begin;
  edit.old_end_byte = end->first;
  edit.new_end_byte = begin + static_cast<uint32_t>(new_text.size());
  edit.start_point = start->second;
  edit.old_end_point = end->second;
  const uint32_t old_end = end->first;
  text.replace(begin, old_end - begin, new_text);
  // The new end point follows from the start point and the inserted text alone.
  TSPoint point = edit.start_point;
  for (char c : new_text) {
    if (c == '\n') {
      ++point.row;
      point.column = 0;
    } else {
      ++point.column;
    }
  }
  edit.new_end_point = point;
  return edit;
}

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

bool is_file_uri(std::string_view uri) { return uri.starts_with("file://"); }

std::string uri_to_path(std::string_view uri) {
  if (!is_file_uri(uri)) return std::string(uri);
  std::string_view rest = uri.substr(7);
  // file://host/path: keep only the path (a host other than localhost is not ours anyway).
  const size_t slash = rest.find('/');
  rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  std::string path;
  for (size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == '%' && i + 2 < rest.size() && hex_value(rest[i + 1]) >= 0 &&
        hex_value(rest[i + 2]) >= 0) {
      path.push_back(static_cast<char>(hex_value(rest[i + 1]) * 16 + hex_value(rest[i + 2])));
      i += 2;
    } else {
      path.push_back(rest[i]);
    }
  }
  return path;
}

std::string path_to_uri(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string uri = "file://";
  for (unsigned char c : path) {
    if (std::isalnum(c) || (c != 0 && std::strchr("/-._~", c))) {
      uri.push_back(static_cast<char>(c));
    } else {
      uri.push_back('%');
      uri.push_back(kHex[c >> 4]);
      uri.push_back(kHex[c & 15]);
    }
  }
  return uri;
}

}  // namespace berth::lsp
