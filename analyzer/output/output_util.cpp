// Path and escaping helpers for the report writers.
#include "analyzer/output/output_util.h"

#include <filesystem>

#include "analyzer/source/line_index.h"

namespace berth::output {

namespace fs = std::filesystem;

std::string source_root() {
  std::error_code ec;
  const fs::path cwd = fs::current_path(ec);
  if (ec) return "/";
  std::string root = cwd.string();
  // A `.git` directory (or the `.git` file of a worktree or submodule) marks the root.
  for (fs::path dir = cwd; !dir.empty(); dir = dir.parent_path()) {
    if (fs::exists(dir / ".git", ec)) {
      root = dir.string();
      break;
    }
    if (dir == dir.root_path()) break;
  }
  if (root.empty() || root.back() != '/') root += '/';
  return root;
}

std::optional<std::string> root_relative(const std::string& display, const std::string& root) {
  std::error_code ec;
  const fs::path absolute = fs::absolute(display, ec).lexically_normal();
  if (ec) return std::nullopt;
  const fs::path relative = absolute.lexically_relative(fs::path(root));
  if (relative.empty() || *relative.begin() == "..") return std::nullopt;
  std::string out = relative.generic_string();
  if (out == ".") return std::nullopt;
  return out;
}

std::string repository_path(const std::string& display, const std::string& root) {
  return root_relative(display, root).value_or(display);
}

std::string valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    char32_t code_point = 0;
    const uint32_t length = decode_utf8(text, i, &code_point);
    if (length == 1 && static_cast<unsigned char>(text[i]) >= 0x80) {
      out += "\xEF\xBF\xBD";
    } else {
      out.append(text.substr(i, length));
    }
    i += length;
  }
  return out;
}

std::string xml_escape(std::string_view raw) {
  const std::string text = valid_utf8(raw);
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      // Character references keep newlines and tabs in attribute values (a literal one is
      // normalised to a space by XML parsers).
      case '\n':
        out += "&#10;";
        break;
      case '\r':
        out += "&#13;";
        break;
      case '\t':
        out += "&#9;";
        break;
      default:
        if (static_cast<unsigned char>(ch) < 0x20) {
          out += "\xEF\xBF\xBD";
        } else {
          out.push_back(ch);
        }
    }
  }
  return out;
}

}  // namespace berth::output
