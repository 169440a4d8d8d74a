// YAML text edits for fixes; see yaml_edit.h for the overlap convention.
#include "rules/support/yaml_edit.h"

#include <algorithm>

namespace berth::rules::yaml_edit {
namespace {

constexpr uint32_t kDefaultIndentStep = 2;

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

uint32_t line_start(std::string_view text, uint32_t offset) {
  while (offset > 0 && text[offset - 1] != '\n') --offset;
  return offset;
}

// The end of the line holding `offset`, before its line break.
uint32_t line_end(std::string_view text, uint32_t offset) {
  while (offset < text.size() && text[offset] != '\n' && text[offset] != '\r') ++offset;
  return offset;
}

uint32_t column_of(std::string_view text, uint32_t offset) {
  return offset - line_start(text, offset);
}

// Bytes of the UTF-8 sequence starting at `offset` (1 for ASCII or a stray byte).
uint32_t code_point_length(std::string_view text, uint32_t offset) {
  const auto lead = static_cast<unsigned char>(text[offset]);
  uint32_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  return std::min<uint32_t>(length, static_cast<uint32_t>(text.size()) - offset);
}

// An insertion at `offset` written as a replacement of the neighbouring character, so that
// insertions at the same point overlap (yaml_edit.h).
TextEdit insertion(std::string_view text, uint32_t offset, std::string inserted) {
  if (offset < text.size()) {
    const uint32_t length = code_point_length(text, offset);
    inserted.append(text.substr(offset, length));
    return TextEdit{{offset, offset + length}, std::move(inserted), {}, {}};
  }
  if (offset > 0) {
    uint32_t begin = offset - 1;
    while (begin > 0 && (static_cast<unsigned char>(text[begin]) & 0xC0) == 0x80) --begin;
    return TextEdit{
        {begin, offset}, std::string(text.substr(begin, offset - begin)) + inserted, {}, {}};
  }
  return TextEdit{{offset, offset}, std::move(inserted), {}, {}};
}

// Where an entry's text ends in this mapping: an alias ends at the `*name` written here.
uint32_t entry_end(const yaml::Entry& entry) {
  if (!entry.alias_span.empty()) return entry.alias_span.end;
  if (entry.value->span.begin >= entry.key->span.end) {
    return std::max(entry.key->span.end, entry.value->span.end);
  }
  return entry.key->span.end;
}

// The entries written in this mapping's text (not merged from an anchor elsewhere).
std::vector<const yaml::Entry*> written_entries(const yaml::Node& mapping) {
  std::vector<const yaml::Entry*> out;
  for (const yaml::Entry& entry : mapping.entries) {
    if (!entry.merged && mapping.span.contains(entry.key->span)) out.push_back(&entry);
  }
  return out;
}

// How far nested block mappings are indented in this mapping (2 when it has none to copy).
uint32_t indent_step(std::string_view text, const yaml::Node& mapping, uint32_t indent) {
  for (const yaml::Entry* entry : written_entries(mapping)) {
    const yaml::Node& value = *entry->value;
    if (!entry->alias_span.empty() || !value.is_mapping() || value.flow) continue;
    for (const yaml::Entry* child : written_entries(value)) {
      const uint32_t child_indent = column_of(text, child->key->span.begin);
      if (child_indent > indent) return child_indent - indent;
      break;
    }
  }
  return kDefaultIndentStep;
}

std::string render_flow(const Value& value) {
  if (!value.is_mapping()) return value.text;
  std::string out = "{";
  for (size_t i = 0; i < value.fields.size(); ++i) {
    if (i > 0) out += ", ";
    out += value.fields[i].key + ": " + render_flow(value.fields[i].value);
  }
  return out + "}";
}

// The fields of a mapping value, one per line at `indent`, each line starting with a break.
std::string render_block_fields(const Value& value, uint32_t indent, uint32_t step,
                                std::string_view line_break) {
  std::string out;
  for (const auto& [key, field] : value.fields) {
    out += line_break;
    out += std::string(indent, ' ') + key + ":";
    if (field.is_mapping()) {
      out += render_block_fields(field, indent + step, step, line_break);
    } else {
      out += " " + field.text;
    }
  }
  return out;
}

// The offset after the `:` that follows `key`, or nullopt when it is not where expected.
std::optional<uint32_t> after_colon(std::string_view text, const yaml::Node& key) {
  uint32_t at = key.span.end;
  while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
  if (at >= text.size() || text[at] != ':') return std::nullopt;
  return at + 1;
}

// The offset just inside the closing bracket of a flow collection, after its last item (and
// after a trailing comma), with whether anything precedes it inside the brackets.
struct FlowEnd {
  uint32_t offset = 0;
  bool empty = false;
  bool trailing_comma = false;
};
std::optional<FlowEnd> flow_end(std::string_view text, const yaml::Node& node, char close) {
  if (node.span.size() < 2 || node.span.end > text.size() || text[node.span.end - 1] != close) {
    return std::nullopt;
  }
  uint32_t at = node.span.end - 1;
  while (at > node.span.begin + 1 && is_blank(text[at - 1])) --at;
  FlowEnd end;
  end.offset = at;
  end.empty = at == node.span.begin + 1;
  end.trailing_comma = !end.empty && text[at - 1] == ',';
  return end;
}

// Where a new line after the block content ending at `end` goes: past trailing blank lines
// (block scalars keep them in their span) to the end of the last content line (its comment
// included).
uint32_t after_block_content(std::string_view text, uint32_t floor, uint32_t end) {
  while (end > floor && is_blank(text[end - 1])) --end;
  return line_end(text, end);
}

Value nested_value(const std::vector<std::string_view>& path, size_t from, const Value& value) {
  Value out = value;
  for (size_t i = path.size(); i-- > from;) {
    out = Value::mapping({{std::string(path[i]), out}});
  }
  return out;
}

}  // namespace

std::string_view line_break_at(std::string_view text, uint32_t offset) {
  const uint32_t end = line_end(text, std::min<uint32_t>(offset, text.size()));
  if (end < text.size()) return text[end] == '\r' ? "\r\n" : "\n";
  const size_t first = text.find('\n');
  return first != std::string_view::npos && first > 0 && text[first - 1] == '\r' ? "\r\n" : "\n";
}

std::optional<TextEdit> insert_entry(std::string_view text, const yaml::Node& mapping,
                                     std::string_view key, const Value& value) {
  if (!mapping.is_mapping() || mapping.span.end > text.size()) return std::nullopt;
  const std::string entry = std::string(key) + ": " + render_flow(value);
  if (mapping.flow) {
    const std::optional<FlowEnd> end = flow_end(text, mapping, '}');
    if (!end) return std::nullopt;
    const std::string separator = end->empty ? "" : end->trailing_comma ? " " : ", ";
    return insertion(text, end->offset, separator + entry);
  }
  const std::vector<const yaml::Entry*> entries = written_entries(mapping);
  if (entries.empty()) return std::nullopt;
  const uint32_t indent = column_of(text, entries.front()->key->span.begin);
  uint32_t last = 0;
  for (const yaml::Entry* written : entries) last = std::max(last, entry_end(*written));
  const uint32_t at = after_block_content(text, entries.front()->key->span.end, last);
  const std::string_view line_break = line_break_at(text, at);
  std::string inserted(line_break);
  inserted += std::string(indent, ' ') + std::string(key) + ":";
  if (value.is_mapping()) {
    inserted += render_block_fields(value, indent + indent_step(text, mapping, indent),
                                    indent_step(text, mapping, indent), line_break);
  } else {
    inserted += " " + value.text;
  }
  return insertion(text, at, std::move(inserted));
}

std::optional<TextEdit> replace_value(std::string_view text, const yaml::Node& mapping,
                                      const yaml::Entry& entry, const Value& value) {
  const yaml::Node& old = *entry.value;
  if (!entry.alias_span.empty()) {
    if (value.is_mapping() && !mapping.flow) return std::nullopt;
    return TextEdit{entry.alias_span, render_flow(value), {}, {}};
  }
  if (!old.tag.empty()) return std::nullopt;  // `!!str true`: the tag would stay
  const bool block_value = value.is_mapping() && !mapping.flow;
  if (!block_value) {
    if (!old.span.empty()) return TextEdit{old.span, render_flow(value), {}, {}};
    const std::optional<uint32_t> colon = after_colon(text, *entry.key);
    if (!colon) return std::nullopt;
    return insertion(text, *colon, " " + render_flow(value));
  }
  // A null value (`securityContext:` or `securityContext: ~`) becomes a nested block mapping.
  if (!old.is_null()) return std::nullopt;
  const std::optional<uint32_t> colon = after_colon(text, *entry.key);
  if (!colon) return std::nullopt;
  const uint32_t indent = column_of(text, entry.key->span.begin);
  const uint32_t step = indent_step(text, mapping, indent);
  const std::string_view line_break = line_break_at(text, *colon);
  std::string fields = render_block_fields(value, indent + step, step, line_break);
  if (old.span.empty()) return insertion(text, line_end(text, *colon), std::move(fields));
  return TextEdit{{*colon, old.span.end}, std::move(fields), {}, {}};
}

std::optional<TextEdit> set_path(std::string_view text, const yaml::Node& mapping,
                                 const std::vector<std::string_view>& path, const Value& value) {
  const yaml::Node* node = &mapping;
  for (size_t i = 0; i < path.size(); ++i) {
    if (!node->is_mapping()) return std::nullopt;
    const yaml::Entry* entry = node->entry(path[i]);
    const bool last = i + 1 == path.size();
    if (!entry) return insert_entry(text, *node, path[i], nested_value(path, i + 1, value));
    if (last) {
      // An explicit key overrides a merged one; the anchor may serve other mappings.
      if (entry->merged) return insert_entry(text, *node, path[i], value);
      return replace_value(text, *node, *entry, value);
    }
    if (entry->value->is_null()) {
      const Value rest = nested_value(path, i + 1, value);
      if (entry->merged) return insert_entry(text, *node, path[i], rest);
      return replace_value(text, *node, *entry, rest);
    }
    if (!entry->value->is_mapping()) return std::nullopt;
    node = entry->value;
  }
  return std::nullopt;
}

std::optional<TextEdit> append_item(std::string_view text, const yaml::Node& sequence,
                                    std::string_view item) {
  if (!sequence.is_sequence() || sequence.span.end > text.size()) return std::nullopt;
  if (sequence.flow) {
    const std::optional<FlowEnd> end = flow_end(text, sequence, ']');
    if (!end) return std::nullopt;
    const std::string separator = end->empty ? "" : end->trailing_comma ? " " : ", ";
    return insertion(text, end->offset, separator + std::string(item));
  }
  if (sequence.items.empty()) return std::nullopt;
  // The dash of the first item gives the column; items written as aliases elsewhere do not.
  const yaml::Node& first = *sequence.items.front();
  if (!sequence.span.contains(first.span) || first.span.begin == 0) return std::nullopt;
  uint32_t dash = first.span.begin;
  while (dash > 0 && text[dash - 1] == ' ') --dash;
  if (dash == 0 || text[dash - 1] != '-') return std::nullopt;
  --dash;
  const uint32_t gap = first.span.begin - dash;  // "- " usually
  const uint32_t at = after_block_content(text, sequence.span.begin, sequence.span.end);
  std::string inserted(line_break_at(text, at));
  inserted += std::string(column_of(text, dash), ' ') + "-" + std::string(gap - 1, ' ');
  inserted += item;
  return insertion(text, at, std::move(inserted));
}

}  // namespace berth::rules::yaml_edit
