// Text edits that change a YAML document in place for fixes: set a field (creating the
// mappings on the way), replace a value, append a sequence item. They keep the file's style:
// block or flow collections, the mapping's indentation, LF or CRLF line breaks, comments.
//
// Every insertion is written as a replacement of the one character right after the insertion
// point (a line break, `}` or `]`; the character before it at the end of the text) by the new
// text plus that character. So two fixes that insert at the same point overlap: apply_edits
// keeps the first and skips the others, which the next fix pass applies to the updated text.
// Without this, two rules that each create `securityContext:` in the same container (or two
// containers sharing one anchored mapping) would write the key twice.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyzer/engine/finding.h"
#include "analyzer/yaml/yaml_tree.h"

namespace berth::rules::yaml_edit {

// What to write: a scalar as YAML text (`false`, `"8080"`, `[ALL]`), or a mapping of fields
// (rendered in block or flow style to match where it goes).
struct Field;
struct Value {
  std::string text;
  // A struct, not std::pair<std::string, Value>: with libstdc++, clang instantiates that pair
  // while Value is still incomplete and rejects it.
  std::vector<Field> fields;

  static Value scalar(std::string text);
  static Value mapping(std::vector<Field> fields);
  bool is_mapping() const { return !fields.empty(); }
};
struct Field {
  std::string key;
  Value value;
};

inline Value Value::scalar(std::string text) { return Value{std::move(text), {}}; }
inline Value Value::mapping(std::vector<Field> fields) { return Value{{}, std::move(fields)}; }

// Sets `path` (keys, from `mapping` down) to `value`. Existing mappings on the way are
// descended into, also aliased or merged ones: those are shared, so the edit lands in the
// anchored text and changes every user of the anchor. Missing or null levels are created. An
// existing final value is replaced (an alias `*x` written there is replaced, not its anchor);
// a final key that only comes from a `<<` merge gets an overriding key in `mapping`.
// nullopt when the text cannot be edited safely: a scalar or list where a mapping should be,
// a tagged value, a mapping whose position in the text is unknown.
std::optional<TextEdit> set_path(std::string_view text, const yaml::Node& mapping,
                                 const std::vector<std::string_view>& path, const Value& value);

// Adds `key: value` to `mapping` (no check for an existing key).
std::optional<TextEdit> insert_entry(std::string_view text, const yaml::Node& mapping,
                                     std::string_view key, const Value& value);

// Replaces the value of `entry`, one of `mapping`'s entries (a null value becomes `value`
// rendered in the mapping's style).
std::optional<TextEdit> replace_value(std::string_view text, const yaml::Node& mapping,
                                      const yaml::Entry& entry, const Value& value);

// Appends a scalar item (YAML text) to a block or flow sequence.
std::optional<TextEdit> append_item(std::string_view text, const yaml::Node& sequence,
                                    std::string_view item);

// The line break the text uses around `offset` ("\r\n" or "\n").
std::string_view line_break_at(std::string_view text, uint32_t offset);

}  // namespace berth::rules::yaml_edit
