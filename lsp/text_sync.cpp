// Position conversion and incremental text changes.
#include "lsp/text_sync.h"

#include <algorithm>
#include <cctype>
#include <cstring>

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
  uint32_t begin = offset_in(text, range->start, encoding);
  uint32_t end = offset_in(text, range->end, encoding);
  if (end < begin) std::swap(begin, end);  // a reversed range from a confused client
  TSInputEdit edit{};
  edit.start_byte = begin;
  edit.old_end_byte = end;
  edit.new_end_byte = begin + static_cast<uint32_t>(new_text.size());
  edit.start_point = ts_point_of(text, begin);
  edit.old_end_point = ts_point_of(text, end);
  text.replace(begin, end - begin, new_text);
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
