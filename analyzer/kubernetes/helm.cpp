// Helm template detection (BR002) and `# Source:` attribution of `helm template` output.
#include <array>

#include "analyzer/kubernetes/model.h"

namespace berth::k8s {

namespace {

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool has_word(std::string_view text, std::string_view word) {
  for (size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
    const bool starts = at == 0 || (!is_word_char(text[at - 1]) && text[at - 1] != '.');
    const size_t after = at + word.size();
    const bool ends = after >= text.size() || !is_word_char(text[after]);
    if (starts && ends) return true;
  }
  return false;
}

// `action` runs from `{{` through `}}`.
bool names_helm_marker(std::string_view action) {
  static constexpr std::array<std::string_view, 6> kBuiltins{
      ".Values", ".Release", ".Chart", ".Capabilities", ".Files", ".Template"};
  static constexpr std::array<std::string_view, 7> kFunctions{
      "include", "template", "define", "toYaml", "nindent", "indent", "tpl"};
  for (std::string_view builtin : kBuiltins) {
    if (action.find(builtin) != std::string_view::npos) return true;
  }
  for (std::string_view function : kFunctions) {
    if (has_word(action, function)) return true;
  }
  // Go's trim markers need the space: `{{-3}}` is the number -3.
  const bool trim_left = action.size() > 3 && action[2] == '-' &&
                         (action[3] == ' ' || action[3] == '\n' || action[3] == '\t');
  const bool trim_right = action.size() > 4 && action[action.size() - 3] == '-' &&
                          (action[action.size() - 4] == ' ' || action[action.size() - 4] == '\n');
  return trim_left || trim_right;
}

// True when `{{` at `column` of `line` (outside quotes) stands where YAML structure is: first
// on the line, or the start of a plain value (`key: {{`, `- {{`, `[{{`, `, {{`).
bool at_structural_position(std::string_view line, size_t column) {
  std::string_view before = line.substr(0, column);
  const size_t last = before.find_last_not_of(" \t");
  if (last == std::string_view::npos) return true;
  const char indicator = before[last];
  if (indicator == '[' || indicator == '{' || indicator == ',') return true;
  const bool spaced = last + 1 < before.size();
  return spaced && (indicator == ':' || indicator == '-' || indicator == '?');
}

bool opens_scalar_after(char previous) {
  return previous == ' ' || previous == '\t' || previous == ':' || previous == '-' ||
         previous == '[' || previous == '{' || previous == ',' || previous == '?';
}

bool names_helm_builtin(std::string_view action) {
  return action.find(".Values") != std::string_view::npos ||
         action.find(".Release") != std::string_view::npos ||
         action.find(".Chart") != std::string_view::npos;
}

size_t indentation(std::string_view line) {
  size_t n = 0;
  while (n < line.size() && line[n] == ' ') ++n;
  return n;
}

// When `line` ends with a block scalar header (`key: |`, `- >-`, `|2`), the column its
// content must be indented beyond; npos otherwise.
size_t block_scalar_parent(std::string_view line) {
  std::string_view content = line;
  if (const size_t comment = content.find(" #"); comment != std::string_view::npos) {
    content = content.substr(0, comment);
  }
  const size_t end = content.find_last_not_of(" \t");
  if (end == std::string_view::npos) return std::string_view::npos;
  content = content.substr(0, end + 1);
  const size_t token_start = content.find_last_of(" \t") + 1;  // npos + 1 == 0
  const std::string_view token = content.substr(token_start);
  if (token.empty() || (token[0] != '|' && token[0] != '>') || token.size() > 3) {
    return std::string_view::npos;
  }
  for (char c : token.substr(1)) {
    if (c != '+' && c != '-' && !(c >= '1' && c <= '9')) return std::string_view::npos;
  }
  std::string_view before = content.substr(0, token_start);
  const size_t last = before.find_last_not_of(" \t");
  if (last == std::string_view::npos) return std::string_view::npos;  // `|` alone: text
  if (before[last] == ':') {
    // The key owning the scalar starts after any `- ` sequence indicators.
    size_t column = indentation(line);
    while (column + 1 < line.size() && line[column] == '-' && line[column + 1] == ' ') {
      column += 2;
      while (column < line.size() && line[column] == ' ') ++column;
    }
    return column;
  }
  if (before[last] == '-' && (last == 0 || before[last - 1] == ' ')) return last;
  return std::string_view::npos;  // `run: a |`: a plain scalar ending in `|`
}

}  // namespace

std::optional<Span> find_template_action(std::string_view text) {
  if (text.find("{{") == std::string_view::npos) return std::nullopt;
  auto action_at = [&](size_t offset) -> std::optional<Span> {
    const size_t close = text.find("}}", offset);
    if (close == std::string_view::npos) return std::nullopt;
    return Span{static_cast<uint32_t>(offset), static_cast<uint32_t>(close + 2)};
  };
  auto slice = [&](Span span) { return text.substr(span.begin, span.size()); };
  size_t block_parent = std::string_view::npos;  // set while inside a block scalar
  char quote = 0;                                // the open quoted scalar, which may span lines
  size_t line_start = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;  // a BOM is not text
  while (line_start < text.size()) {
    size_t line_end = text.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = text.size();
    std::string_view line = text.substr(line_start, line_end - line_start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const size_t first = line.find_first_not_of(" \t");
    if ((line.starts_with("---") || line.starts_with("...")) &&
        (line.size() == 3 || line[3] == ' ' || line[3] == '\t')) {
      // A document marker ends whatever scalar was open (YAML forbids one inside a scalar),
      // so that each document is judged as it would be alone (the language server analyses a
      // manifest a document at a time).
      quote = 0;
      block_parent = std::string_view::npos;
    }
    if (quote == 0 && block_parent != std::string_view::npos && first != std::string_view::npos &&
        indentation(line) <= block_parent) {
      block_parent = std::string_view::npos;
    }
    if (block_parent != std::string_view::npos) {
      // Block scalar text: alerting and notification templates use `{{ }}` too, so only
      // Helm's own objects count here.
      for (size_t at = line.find("{{"); at != std::string_view::npos;
           at = line.find("{{", at + 2)) {
        const std::optional<Span> action = action_at(line_start + at);
        if (action && names_helm_builtin(slice(*action))) return action;
      }
      line_start = line_end + 1;
      continue;
    }
    for (size_t i = 0; i < line.size(); ++i) {
      const char c = line[i];
      const char previous = i == 0 ? ' ' : line[i - 1];
      if (quote == '"' && c == '\\') {
        ++i;
        continue;
      }
      if (quote != 0 && c == quote) {
        if (quote == '\'' && i + 1 < line.size() && line[i + 1] == '\'') {
          ++i;  // '' is an escaped quote
        } else {
          quote = 0;
        }
        continue;
      }
      if (quote == 0 && c == '#' && (previous == ' ' || previous == '\t' || i == 0)) break;
      if (quote == 0 && (c == '"' || c == '\'') && opens_scalar_after(previous)) {
        quote = c;
        continue;
      }
      if (c == '{' && i + 1 < line.size() && line[i + 1] == '{') {
        const std::optional<Span> action = action_at(line_start + i);
        if (!action) return std::nullopt;
        // Inside quotes `{{ }}` is string content unless it is plainly Helm's.
        if (names_helm_marker(slice(*action)) || (quote == 0 && at_structural_position(line, i))) {
          return action;
        }
        ++i;
      }
    }
    if (quote == 0 && first != std::string_view::npos && line[first] != '#') {
      block_parent = block_scalar_parent(line);
    }
    line_start = line_end + 1;
  }
  return std::nullopt;
}

bool is_helm_template(std::string_view text) { return find_template_action(text).has_value(); }

std::vector<SourceAttribution> helm_sources(const yaml::Stream& stream, std::string_view text) {
  std::vector<SourceAttribution> sources(stream.documents.size());
  for (size_t i = 0; i < stream.documents.size(); ++i) {
    const yaml::Document& document = stream.documents[i];
    const uint32_t begin = std::min<uint32_t>(document.span.begin, text.size());
    uint32_t end = std::min<uint32_t>(document.span.end, text.size());
    if (document.root && document.root->span.begin >= begin && document.root->span.begin < end) {
      end = document.root->span.begin;
    }
    size_t line_start = begin;
    while (line_start < end) {
      size_t line_end = text.find('\n', line_start);
      if (line_end == std::string_view::npos || line_end > end) line_end = end;
      std::string_view line = text.substr(line_start, line_end - line_start);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      const size_t first = line.find_first_not_of(" \t");
      constexpr std::string_view kMarker = "# Source:";
      if (first != std::string_view::npos && line.substr(first).starts_with(kMarker)) {
        std::string_view path = line.substr(first + kMarker.size());
        const size_t path_begin = path.find_first_not_of(" \t");
        const size_t path_end = path.find_last_not_of(" \t");
        if (path_begin != std::string_view::npos) {
          sources[i].template_path =
              std::string(path.substr(path_begin, path_end - path_begin + 1));
          sources[i].comment = {static_cast<uint32_t>(line_start + first),
                                static_cast<uint32_t>(line_start + line.size())};
          break;
        }
      }
      line_start = line_end + 1;
    }
  }
  return sources;
}

}  // namespace berth::k8s
