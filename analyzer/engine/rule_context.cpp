// Reporting: findings carry everything the writers need, so sources can be freed early.
#include "analyzer/engine/rule_context.h"

namespace berth {

Location location_of(const SourceFile& source, uint32_t offset) {
  const LineIndex& lines = source.lines();
  const LineColumn cp = lines.position(offset, ColumnUnit::CodePoints);
  const LineColumn u16 = lines.position(offset, ColumnUnit::Utf16CodeUnits);
  return {cp.line, cp.column, u16.column, offset};
}

void resolve_positions(Finding& finding, const SourceFile& source) {
  const uint32_t size = static_cast<uint32_t>(source.text().size());
  finding.span.begin = std::min(finding.span.begin, size);
  finding.span.end = std::min(std::max(finding.span.end, finding.span.begin), size);
  finding.start = location_of(source, finding.span.begin);
  finding.end = location_of(source, finding.span.end);
  finding.source_line = std::string(source.lines().line_text(finding.start.line));
  if (finding.fix) {
    for (TextEdit& edit : finding.fix->edits) {
      edit.start = location_of(source, edit.span.begin);
      edit.end = location_of(source, edit.span.end);
    }
  }
}

void mask_secrets(std::vector<Finding>& findings, const SourceFile& source,
                  const std::vector<Span>& secrets) {
  if (secrets.empty()) return;
  for (Finding& finding : findings) {
    const Span line = source.lines().line_span(finding.start.line);
    std::string masked(source.slice(line));
    bool changed = false;
    for (const Span& secret : secrets) {
      const uint32_t begin = std::max(secret.begin, line.begin);
      const uint32_t end = std::min(secret.end, line.end);
      for (uint32_t i = begin; i < end; ++i) {
        // Keep quotes and separators so the line still reads as code.
        const char c = masked[i - line.begin];
        if (c != '"' && c != '\'' && c != ' ') masked[i - line.begin] = '*';
        changed = true;
      }
    }
    if (changed) finding.source_line = std::move(masked);
  }
}

Finding& RuleContext::report(Span span, std::string message, std::optional<Fix> fix) {
  Finding& finding = out_.emplace_back();
  finding.rule = &rule_.rule->info();
  finding.severity = rule_.severity;
  finding.path = source_.path();
  finding.span = span;
  finding.message = std::move(message);
  finding.fix = std::move(fix);
  return finding;
}

const OptionValue* RuleContext::option(std::string_view name) const {
  if (!rule_.setting) return nullptr;
  const auto it = rule_.setting->options.find(std::string(name));
  return it == rule_.setting->options.end() ? nullptr : &it->second;
}

int64_t RuleContext::int_option(std::string_view name, int64_t fallback) const {
  const OptionValue* value = option(name);
  return value && std::holds_alternative<int64_t>(*value) ? std::get<int64_t>(*value) : fallback;
}

bool RuleContext::bool_option(std::string_view name, bool fallback) const {
  const OptionValue* value = option(name);
  return value && std::holds_alternative<bool>(*value) ? std::get<bool>(*value) : fallback;
}

std::vector<std::string> RuleContext::strings_option(std::string_view name,
                                                     std::vector<std::string> fallback) const {
  const OptionValue* value = option(name);
  if (value && std::holds_alternative<std::vector<std::string>>(*value)) {
    return std::get<std::vector<std::string>>(*value);
  }
  return fallback;
}

Finding& CrossResourceContext::report(std::string path, Span span, Location start, Location end,
                                      std::string source_line, std::string message) {
  // A rule may report tens of thousands of findings on a large repository (one per
  // container): they leave in batches rather than all at once.
  constexpr size_t kBatch = 512;
  if (flush_ && out_.size() >= kBatch) {
    flush_(out_);
    out_.clear();
  }
  Finding& finding = out_.emplace_back();
  finding.rule = &rule_.rule->info();
  finding.severity = rule_.severity;
  finding.path = std::move(path);
  finding.span = span;
  finding.start = start;
  finding.end = end;
  finding.source_line = std::move(source_line);
  finding.message = std::move(message);
  return finding;
}

}  // namespace berth
