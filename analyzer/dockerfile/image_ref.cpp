// Image reference parsing and ARG substitution, shared by FROM, COPY --from and mounts.
#include <cctype>

#include "analyzer/dockerfile/model.h"

namespace berth::dockerfile {

ImageRef parse_image_ref(std::string_view text) {
  ImageRef ref;
  ref.text = std::string(text);
  std::string_view rest = text;
  const size_t at = rest.find('@');
  if (at != std::string_view::npos) {
    ref.digest = std::string(rest.substr(at + 1));
    rest = rest.substr(0, at);
  }
  // A colon after the last slash starts the tag; one before it is a registry port.
  const size_t slash = rest.rfind('/');
  const size_t colon = rest.rfind(':');
  if (colon != std::string_view::npos && (slash == std::string_view::npos || colon > slash)) {
    ref.tag = std::string(rest.substr(colon + 1));
    rest = rest.substr(0, colon);
  }
  const size_t first_slash = rest.find('/');
  if (first_slash != std::string_view::npos) {
    const std::string_view first = rest.substr(0, first_slash);
    if (first.find('.') != std::string_view::npos || first.find(':') != std::string_view::npos ||
        first == "localhost") {
      ref.registry = std::string(first);
      rest = rest.substr(first_slash + 1);
    }
  }
  if (ref.registry.empty()) {
    ref.registry = "docker.io";
    ref.repository = rest.find('/') == std::string_view::npos ? "library/" + std::string(rest)
                                                              : std::string(rest);
  } else {
    ref.repository = std::string(rest);
  }
  if (ref.registry == "index.docker.io" || ref.registry == "registry-1.docker.io") {
    ref.registry = "docker.io";
  }
  return ref;
}

namespace {

bool is_name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

}  // namespace

std::string substitute(std::string_view text, const std::map<std::string, std::string>& scope,
                       bool* unresolved) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '\\' && i + 1 < text.size() && text[i + 1] == '$') {
      out.push_back('$');
      i += 2;
      continue;
    }
    if (c != '$' || i + 1 >= text.size()) {
      out.push_back(c);
      ++i;
      continue;
    }
    if (is_name_start(text[i + 1])) {
      size_t end = i + 1;
      while (end < text.size() && is_name_char(text[end])) ++end;
      const std::string name(text.substr(i + 1, end - i - 1));
      const auto it = scope.find(name);
      if (it != scope.end()) {
        out += it->second;
      } else if (unresolved) {
        *unresolved = true;
      }
      i = end;
      continue;
    }
    if (text[i + 1] == '{') {
      const size_t close = text.find('}', i + 2);
      if (close == std::string_view::npos) {
        out.append(text.substr(i));
        break;
      }
      const std::string_view body = text.substr(i + 2, close - i - 2);
      size_t name_end = 0;
      while (name_end < body.size() && is_name_char(body[name_end])) ++name_end;
      const std::string name(body.substr(0, name_end));
      std::string_view op = body.substr(name_end);
      const auto it = scope.find(name);
      const bool set = it != scope.end();
      const bool non_empty = set && !it->second.empty();
      bool need_value = false;
      std::string_view word;
      if (op.starts_with(":-") || op.starts_with(":+")) {
        word = op.substr(2);
      } else if (op.starts_with("-") || op.starts_with("+")) {
        word = op.substr(1);
      }
      // Nested variables inside the default word are substituted too.
      std::string word_value = substitute(word, scope, &need_value);
      if (op.starts_with(":-")) {
        out += non_empty ? it->second : word_value;
      } else if (op.starts_with("-")) {
        out += set ? it->second : word_value;
      } else if (op.starts_with(":+")) {
        out += non_empty ? word_value : "";
      } else if (op.starts_with("+")) {
        out += set ? word_value : "";
      } else {
        if (set) {
          out += it->second;
        } else if (unresolved) {
          *unresolved = true;
        }
      }
      if (!op.empty() && !set && unresolved && need_value) *unresolved = true;
      i = close + 1;
      continue;
    }
    out.push_back(c);
    ++i;
  }
  return out;
}

}  // namespace berth::dockerfile
