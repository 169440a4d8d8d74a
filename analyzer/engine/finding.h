// What a rule reports: a finding at a byte span, with an optional fix (data, applied later by
// --fix, SARIF `fixes` and LSP quick fixes).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/source/span.h"

namespace berth {

enum class Severity { Info = 0, Warning = 1, Error = 2 };

std::string_view to_string(Severity severity);
std::optional<Severity> parse_severity(std::string_view text);

// A resolved position: 1-based line, and 1-based columns in code points (text, JSON) and
// UTF-16 code units (SARIF). Computed once, while the source is still in memory.
struct Location {
  uint32_t line = 1;
  uint32_t column = 1;
  uint32_t utf16_column = 1;
  uint32_t offset = 0;  // byte offset
};

struct TextEdit {
  Span span;  // replaced bytes (empty span = insertion)
  std::string replacement;
  Location start, end;  // filled by the engine
};

struct Fix {
  std::string title;  // "Add --no-install-recommends"
  bool safe = true;   // safe fixes are applied by --fix; unsafe ones only offered
  std::vector<TextEdit> edits;
};

// Where a Kubernetes finding sits in the object graph (SARIF logicalLocations).
struct LogicalLocation {
  std::string kind;
  std::string namespace_;
  std::string name;
  std::string container;
  bool empty() const { return kind.empty() && name.empty(); }
};

struct RelatedLocation {
  std::string path;  // empty: same file
  Span span;
  std::string message;
};

struct RuleInfo;

struct Finding {
  const RuleInfo* rule = nullptr;
  Severity severity = Severity::Warning;  // after config overrides
  std::string path;                       // display path of the file
  Span span;
  Location start, end;      // filled by the engine from `span`
  std::string source_line;  // the text of the start line, for compiler-style output
  std::string message;
  std::optional<Fix> fix;
  LogicalLocation logical;
  std::vector<RelatedLocation> related;
};

}  // namespace berth
