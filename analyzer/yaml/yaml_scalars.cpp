// Scalar decoding per YAML 1.2: line folding, escapes, block scalar indentation and chomping.
#include <algorithm>
#include <vector>

#include "analyzer/yaml/yaml_internal.h"

namespace berth::yaml::detail {
namespace {

size_t skip_break(std::string_view s, size_t i) {
  if (i < s.size() && s[i] == '\r') ++i;
  if (i < s.size() && s[i] == '\n') ++i;
  return i;
}

// After a line break in a flow scalar: skips the following empty lines (counting them)
// and the next line's leading white space.
size_t skip_empty_lines(std::string_view s, size_t i, int& empty_lines) {
  empty_lines = 0;
  while (true) {
    size_t j = i;
    while (j < s.size() && is_white(s[j])) ++j;
    if (j < s.size() && is_break(s[j])) {
      ++empty_lines;
      i = skip_break(s, j);
      continue;
    }
    return j;
  }
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes the escape at s[i] == '\\' (not an escaped line break); returns the next index.
size_t decode_escape(std::string_view s, size_t i, std::string& out) {
  const char c = s[i + 1];
  size_t digits = 0;
  switch (c) {
    case '0':
      out += '\0';
      return i + 2;
    case 'a':
      out += '\a';
      return i + 2;
    case 'b':
      out += '\b';
      return i + 2;
    case 't':
    case '\t':
      out += '\t';
      return i + 2;
    case 'n':
      out += '\n';
      return i + 2;
    case 'v':
      out += '\v';
      return i + 2;
    case 'f':
      out += '\f';
      return i + 2;
    case 'r':
      out += '\r';
      return i + 2;
    case 'e':
      out += '\x1b';
      return i + 2;
    case ' ':
      out += ' ';
      return i + 2;
    case '"':
      out += '"';
      return i + 2;
    case '/':
      out += '/';
      return i + 2;
    case '\\':
      out += '\\';
      return i + 2;
    case 'N':
      append_utf8(out, 0x85);
      return i + 2;
    case '_':
      append_utf8(out, 0xA0);
      return i + 2;
    case 'L':
      append_utf8(out, 0x2028);
      return i + 2;
    case 'P':
      append_utf8(out, 0x2029);
      return i + 2;
    case 'x':
      digits = 2;
      break;
    case 'u':
      digits = 4;
      break;
    case 'U':
      digits = 8;
      break;
    default:
      // Not a YAML escape: the parsers flag it; keep the text rather than guess.
      out += '\\';
      return i + 1;
  }
  uint32_t code = 0;
  size_t j = i + 2;
  for (size_t k = 0; k < digits; ++k, ++j) {
    const int v = j < s.size() ? hex_value(s[j]) : -1;
    if (v < 0) {
      out += '\\';
      return i + 1;
    }
    code = code * 16 + static_cast<uint32_t>(v);
  }
  append_utf8(out, code);
  return j;
}

}  // namespace

void append_utf8(std::string& out, uint32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool is_null_text(std::string_view t) {
  return t == "~" || t == "null" || t == "Null" || t == "NULL";
}

std::string fold_flow_scalar(std::string_view s, ScalarStyle style) {
  // Most scalars are one line with nothing to decode: the text itself (a plain one trimmed).
  const char escape = style == ScalarStyle::SingleQuoted   ? '\''
                      : style == ScalarStyle::DoubleQuoted ? '\\'
                                                           : '\n';
  if (std::none_of(s.begin(), s.end(), [&](char c) { return is_break(c) || c == escape; })) {
    size_t begin = 0;
    size_t end = s.size();
    if (style == ScalarStyle::Plain) {
      while (begin < end && is_white(s[begin])) ++begin;
      while (end > begin && is_white(s[end - 1])) --end;
    }
    return std::string(s.substr(begin, end - begin));
  }
  std::string out;
  out.reserve(s.size());
  // Where the current run of literal white space began in `out`: white space before a line
  // break is dropped, but escaped white space is content and must survive.
  size_t white_from = std::string::npos;
  size_t i = 0;
  if (style == ScalarStyle::Plain) {
    while (i < s.size() && is_white(s[i])) ++i;
  }
  while (i < s.size()) {
    const char c = s[i];
    if (is_break(c)) {
      if (white_from != std::string::npos) out.resize(white_from);
      white_from = std::string::npos;
      int empty_lines = 0;
      i = skip_empty_lines(s, skip_break(s, i), empty_lines);
      if (empty_lines == 0) {
        out += ' ';
      } else {
        out.append(static_cast<size_t>(empty_lines), '\n');
      }
      continue;
    }
    if (style == ScalarStyle::SingleQuoted && c == '\'' && i + 1 < s.size() && s[i + 1] == '\'') {
      out += '\'';
      i += 2;
      white_from = std::string::npos;
      continue;
    }
    if (style == ScalarStyle::DoubleQuoted && c == '\\' && i + 1 < s.size()) {
      white_from = std::string::npos;
      if (is_break(s[i + 1])) {
        // An escaped line break joins the lines without a space; empty lines still count.
        int empty_lines = 0;
        i = skip_empty_lines(s, skip_break(s, i + 1), empty_lines);
        out.append(static_cast<size_t>(empty_lines), '\n');
        continue;
      }
      i = decode_escape(s, i, out);
      continue;
    }
    if (is_white(c)) {
      if (white_from == std::string::npos) white_from = out.size();
      out += c;
      ++i;
      continue;
    }
    // A run of ordinary characters, appended at once.
    size_t end = i + 1;
    while (end < s.size() && !is_break(s[end]) && !is_white(s[end]) && s[end] != escape) ++end;
    out.append(s.substr(i, end - i));
    white_from = std::string::npos;
    i = end;
  }
  if (style == ScalarStyle::Plain && white_from != std::string::npos) out.resize(white_from);
  return out;
}

BlockScalar decode_block_scalar(std::string_view s, uint32_t header, int parent_indent) {
  BlockScalar result;
  result.style = s[header] == '>' ? ScalarStyle::Folded : ScalarStyle::Literal;
  size_t i = header + 1;
  int explicit_indent = 0;
  char chomp = 0;
  for (int k = 0; k < 2 && i < s.size(); ++k) {
    if (s[i] >= '1' && s[i] <= '9' && explicit_indent == 0) {
      explicit_indent = s[i] - '0';
      ++i;
    } else if ((s[i] == '+' || s[i] == '-') && chomp == 0) {
      chomp = s[i];
      ++i;
    }
  }
  while (i < s.size() && !is_break(s[i])) ++i;  // white space and a comment
  result.end = static_cast<uint32_t>(i);
  i = skip_break(s, i);

  int indent = -1;
  if (explicit_indent > 0) {
    indent = parent_indent >= 0 ? parent_indent + explicit_indent : explicit_indent;
  }
  struct Line {
    std::string_view text;  // after the indentation; empty for an empty line
    bool empty = false;
    bool has_break = false;
  };
  std::vector<Line> lines;
  while (i < s.size()) {
    const size_t line_start = i;
    size_t line_end = i;
    while (line_end < s.size() && !is_break(s[line_end])) ++line_end;
    const std::string_view line = s.substr(line_start, line_end - line_start);
    if ((line.starts_with("---") || line.starts_with("...")) &&
        (line.size() == 3 || is_white(line[3]))) {
      break;  // a document marker ends every scalar
    }
    size_t spaces = 0;
    while (spaces < line.size() && line[spaces] == ' ') ++spaces;
    const int sp = static_cast<int>(spaces);
    // Only spaces indent, so a tab after them is content (" \t" is a line holding a tab);
    // but a tab-holding line left of the indentation cannot be content.
    const bool all_spaces = spaces == line.size();
    const bool blank = line.find_first_not_of(" \t") == std::string_view::npos;
    Line entry;
    // A last line of white space counts as ended even without a break, as the reference
    // parsers do; a last line of text does not.
    entry.has_break = line_end < s.size() || (!line.empty() && blank);
    if ((all_spaces && (indent < 0 || sp <= indent)) || (blank && indent >= 0 && sp < indent)) {
      entry.empty = true;
    } else {
      if (indent < 0) indent = std::max(sp, parent_indent + 1);
      if (sp < indent) break;
      entry.text = line.substr(static_cast<size_t>(indent));
      result.end = static_cast<uint32_t>(line_end);
    }
    lines.push_back(entry);
    i = skip_break(s, line_end);
  }
  // Lines after the last content line are trailing empty lines (only `keep` retains them).
  size_t last_text = lines.size();
  for (size_t k = lines.size(); k-- > 0;) {
    if (!lines[k].empty) {
      last_text = k;
      break;
    }
  }
  std::string& out = result.value;
  if (last_text == lines.size()) {
    if (chomp == '+') {
      for (const Line& line : lines) {
        if (line.has_break) out += '\n';
      }
    }
    return result;
  }
  int pending_empty = 0;
  bool first = true;
  bool prev_more_indented = false;
  for (size_t k = 0; k <= last_text; ++k) {
    const Line& line = lines[k];
    if (line.empty) {
      ++pending_empty;
      continue;
    }
    const bool more_indented = !line.text.empty() && is_white(line.text[0]);
    if (first) {
      out.append(static_cast<size_t>(pending_empty), '\n');
    } else if (result.style == ScalarStyle::Folded && !prev_more_indented && !more_indented) {
      if (pending_empty == 0) {
        out += ' ';
      } else {
        out.append(static_cast<size_t>(pending_empty), '\n');
      }
    } else {
      out.append(static_cast<size_t>(pending_empty) + 1, '\n');
    }
    out += line.text;
    first = false;
    prev_more_indented = more_indented;
    pending_empty = 0;
  }
  if (chomp != '-' && lines[last_text].has_break) out += '\n';
  if (chomp == '+') {
    for (size_t k = last_text + 1; k < lines.size(); ++k) {
      if (lines[k].has_break) out += '\n';
    }
  }
  return result;
}

}  // namespace berth::yaml::detail
