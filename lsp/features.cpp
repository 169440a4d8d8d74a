// Diagnostics, code actions and hover from an analysis snapshot.
#include "lsp/features.h"

#include <algorithm>
#include <charconv>
#include <set>

#include "analyzer/engine/fixes.h"
#include "analyzer/output/report.h"
#include "analyzer/output/rule_docs.h"
#include "analyzer/yaml/yaml_tree.h"
#include "lsp/instruction_docs.h"

namespace berth::lsp {

namespace {

int severity_code(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return 1;
    case Severity::Warning:
      return 2;
    case Severity::Info:
      return 3;
  }
  return 2;
}

json position_json(Position position) {
  return {{"line", position.line}, {"character", position.character}};
}

std::optional<Position> parse_position(const json& value) {
  if (!value.is_object() || !value.contains("line") || !value.contains("character")) {
    return std::nullopt;
  }
  const json& line = value["line"];
  const json& character = value["character"];
  if (!line.is_number_integer() || !character.is_number_integer()) return std::nullopt;
  if (line.get<int64_t>() < 0 || character.get<int64_t>() < 0) return std::nullopt;
  return Position{static_cast<uint32_t>(std::min<int64_t>(line.get<int64_t>(), UINT32_MAX)),
                  static_cast<uint32_t>(std::min<int64_t>(character.get<int64_t>(), UINT32_MAX))};
}

std::optional<Range> parse_range(const json& value) {
  if (!value.is_object()) return std::nullopt;
  auto start = parse_position(value.value("start", json()));
  auto end = parse_position(value.value("end", json()));
  if (!start || !end) return std::nullopt;
  return Range{*start, *end};
}

std::string_view eol_of(std::string_view text) {
  const size_t nl = text.find('\n');
  return nl != std::string_view::npos && nl > 0 && text[nl - 1] == '\r' ? "\r\n" : "\n";
}

std::string_view leading_blanks(std::string_view line) {
  size_t n = 0;
  while (n < line.size() && (line[n] == ' ' || line[n] == '\t')) ++n;
  return line.substr(0, n);
}

// Appends `code` to the rule list of a `# berth ignore=` / `ignore-file=` comment on `line`
// (1-based) when there is one; nullopt otherwise.
std::optional<TextEdit> extend_existing(const SourceFile& source, uint32_t line,
                                        std::string_view marker, std::string_view code) {
  if (line < 1 || line > source.lines().line_count()) return std::nullopt;
  const Span span = source.lines().line_span(line);
  const std::string_view text = source.slice(span);
  const size_t hash = text.find('#');
  // Only a line holding nothing but the comment.
  if (hash == std::string_view::npos || leading_blanks(text).size() != hash) return std::nullopt;
  std::string_view rest = text.substr(hash + 1);
  const size_t berth = rest.find_first_not_of(" \t");
  if (berth == std::string_view::npos || rest.substr(berth).rfind("berth", 0) != 0) {
    return std::nullopt;
  }
  const size_t at = text.find(marker);
  if (at == std::string_view::npos) return std::nullopt;
  size_t end = at + marker.size();
  while (end < text.size() && text[end] != ' ' && text[end] != '\t') ++end;
  const std::string_view list = text.substr(at + marker.size(), end - at - marker.size());
  // Already listed: nothing to add (a reason or a typo elsewhere is the user's business).
  size_t pos = 0;
  while (pos <= list.size()) {
    const size_t comma = std::min(list.find(',', pos), list.size());
    if (list.substr(pos, comma - pos) == code) return std::nullopt;
    pos = comma + 1;
  }
  TextEdit edit;
  edit.span = {span.begin + static_cast<uint32_t>(end), span.begin + static_cast<uint32_t>(end)};
  edit.replacement = std::string(list.empty() ? "" : ",") + std::string(code);
  return edit;
}

// The line (1-based) a suppression comment must precede to cover a YAML finding at
// `offset`: the line of the innermost mapping key or sequence item around it. Never a line
// inside a block scalar, where a comment would become part of the value.
uint32_t yaml_target_line(const yaml::Stream& stream, const SourceFile& source, uint32_t offset) {
  const LineIndex& lines = source.lines();
  uint32_t best = lines.line_of(offset);
  uint32_t best_begin = 0;
  bool found = false;
  std::set<const yaml::Node*> seen;
  std::vector<const yaml::Node*> stack;
  for (const yaml::Document& document : stream.documents) {
    if (document.root && document.span.contains(offset)) stack.push_back(document.root);
  }
  auto consider = [&](uint32_t begin) {
    if (!found || begin >= best_begin) {
      best_begin = begin;
      best = lines.line_of(begin);
      found = true;
    }
  };
  while (!stack.empty()) {
    const yaml::Node* node = stack.back();
    stack.pop_back();
    if (!seen.insert(node).second) continue;
    for (const yaml::Entry& entry : node->entries) {
      if (entry.merged || !entry.key) continue;
      const bool alias = !entry.alias_span.empty();
      const uint32_t end =
          alias ? entry.alias_span.end : std::max(entry.key->span.end, entry.value->span.end);
      if (offset < entry.key->span.begin || offset > end) continue;
      consider(entry.key->span.begin);
      if (!alias) stack.push_back(entry.value);
    }
    for (const yaml::Node* item : node->items) {
      if (offset < item->span.begin || offset > item->span.end) continue;
      consider(item->span.begin);
      stack.push_back(item);
    }
  }
  return best;
}

bool is_rule_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
}

std::string rule_docs_markdown(const RuleInfo& rule) { return rule_page_markdown(rule); }

json markup(const std::string& text, const ClientFeatures& client) {
  return {{"kind", client.markdown_hover ? "markdown" : "plaintext"}, {"value", text}};
}

// The snapshot's finding a client's diagnostic stands for: same rule and range, and the same
// message when the client sent one (two containers' findings can share a range).
const Finding* find_finding(const Analysis& analysis, const json& diagnostic, Encoding encoding) {
  const std::string code = diagnostic.value("code", "");
  const json range = diagnostic.value("range", json());
  const json* message = diagnostic.contains("message") ? &diagnostic["message"] : nullptr;
  for (const std::vector<Finding>* list : {&analysis.findings(), &analysis.cross}) {
    for (const Finding& finding : *list) {
      if (!finding.rule || finding.rule->code != code) continue;
      if (message && message->is_string() && *message != finding.message) continue;
      if (range_json(*analysis.source, finding.span, encoding) == range) return &finding;
    }
  }
  return nullptr;
}

json workspace_edit(const Analysis& analysis, int64_t version, const std::vector<json>& edits,
                    const ClientFeatures& client) {
  if (client.document_changes) {
    return {{"documentChanges",
             json::array({{{"textDocument", {{"uri", analysis.uri}, {"version", version}}},
                           {"edits", edits}}})}};
  }
  return {{"changes", {{analysis.uri, edits}}}};
}

json text_edit_json(const SourceFile& source, const TextEdit& edit, Encoding encoding) {
  return {{"range", range_json(source, edit.span, encoding)}, {"newText", edit.replacement}};
}

// Whether `only` asks for source.fixAll.berth: kinds are hierarchical, so `source` and
// `source.fixAll` include it. Never offered unasked: it is not a fix of one diagnostic.
bool want_fix_all(const json& context) {
  if (!context.contains("only") || !context["only"].is_array()) return false;
  for (const json& kind : context["only"]) {
    if (!kind.is_string()) continue;
    const std::string_view wanted = kind.get_ref<const std::string&>();
    const std::string_view ours = "source.fixAll.berth";
    if (ours == wanted || (ours.starts_with(wanted) && ours[wanted.size()] == '.')) return true;
  }
  return false;
}

}  // namespace

// Every safe fix of the snapshot as one edit, as `berth check --fix` applies them: in
// position order, an edit overlapping an earlier one left for the next run.
std::optional<json> fix_all_action(const Analysis& analysis, int64_t version,
                                   const ClientFeatures& client) {
  std::vector<TextEdit> edits = collect_fix_edits(analysis.findings(), false);
  const std::vector<TextEdit> cross = collect_fix_edits(analysis.cross, false);
  edits.insert(edits.end(), cross.begin(), cross.end());
  std::stable_sort(edits.begin(), edits.end(), [](const TextEdit& a, const TextEdit& b) {
    return a.span.begin < b.span.begin;
  });
  const uint32_t size = static_cast<uint32_t>(analysis.source->text().size());
  std::vector<json> chosen;
  uint32_t position = 0;
  for (const TextEdit& edit : edits) {
    if (edit.span.begin < position || edit.span.end > size || edit.span.end < edit.span.begin) {
      continue;
    }
    chosen.push_back(text_edit_json(*analysis.source, edit, client.encoding));
    position = edit.span.end;
  }
  if (chosen.empty()) return std::nullopt;
  return json{{"title", "Fix all safely fixable berth findings"},
              {"kind", "source.fixAll.berth"},
              {"edit", workspace_edit(analysis, version, chosen, client)}};
}

const std::vector<Finding>& Analysis::findings() const {
  std::call_once(findings_->assembled, [&] {
    if (!parts.empty() && source) findings_->findings = placed_findings(parts, *source);
  });
  return findings_->findings;
}

void Analysis::set_findings(std::vector<Finding> findings) {
  findings_ = std::make_shared<LazyFindings>();
  findings_->findings = std::move(findings);
}

json range_json(const SourceFile& source, Span span, Encoding encoding) {
  const uint32_t size = static_cast<uint32_t>(source.text().size());
  const uint32_t begin = std::min(span.begin, size);
  const uint32_t end = std::clamp(span.end, begin, size);
  return {{"start", position_json(position_of(source.lines(), begin, encoding))},
          {"end", position_json(position_of(source.lines(), end, encoding))}};
}

json diagnostic_json(const Analysis& analysis, const Finding& finding, const ClientFeatures& client,
                     const Locator& locate) {
  const SourceFile& source = *analysis.source;
  json diagnostic = {{"range", range_json(source, finding.span, client.encoding)},
                     {"severity", severity_code(finding.severity)},
                     {"source", "berth"},
                     {"message", finding.message}};
  if (finding.rule) {
    diagnostic["code"] = std::string(finding.rule->code);
    if (client.code_description) {
      diagnostic["codeDescription"] = {{"href", rule_help_uri(*finding.rule)}};
    }
    if (client.tag_support) {
      // Faded for what can go (an unused suppression), struck through for what is deprecated.
      json tags = json::array();
      if (finding.rule->code == "BR001") tags.push_back(1);
      if (finding.rule->name.find("deprecated") != std::string_view::npos) tags.push_back(2);
      if (!tags.empty()) diagnostic["tags"] = tags;
    }
  }
  if (client.related_information && !finding.related.empty()) {
    json related = json::array();
    for (const RelatedLocation& location : finding.related) {
      json where;
      if (location.path.empty() || location.path == analysis.path) {
        where = {{"uri", analysis.uri},
                 {"range", range_json(source, location.span, client.encoding)}};
      } else if (auto found = locate ? locate(location.path, location.span) : std::nullopt) {
        where = *found;
      } else {
        continue;  // a file that is not open: no position to give
      }
      related.push_back({{"location", where}, {"message", location.message}});
    }
    if (!related.empty()) diagnostic["relatedInformation"] = related;
  }
  // Which fix there is, not its edits: code actions take those from the snapshot (matching
  // the diagnostic by rule, range and message), and the edits of every diagnostic would make
  // a large manifest's publish, which the client parses on each keystroke, a third bigger.
  if (client.data_support && finding.fix) {
    diagnostic["data"] = {{"fix", {{"title", finding.fix->title}, {"safe", finding.fix->safe}}}};
  }
  return diagnostic;
}

json diagnostics_json(const Analysis& analysis, const ClientFeatures& client,
                      const Locator& locate) {
  json out = json::array();
  for (const std::vector<Finding>* list : {&analysis.findings(), &analysis.cross}) {
    for (const Finding& finding : *list)
      out.push_back(diagnostic_json(analysis, finding, client, locate));
  }
  return out;
}

DiagnosticsText::DiagnosticsText(const SourceFile& part, const std::vector<Finding>& findings,
                                 const std::string& uri, const std::string& path,
                                 const ClientFeatures& client) {
  Analysis analysis;
  analysis.uri = uri;
  analysis.path = path;
  // Not owned: only read during the constructor.
  analysis.source = std::shared_ptr<const SourceFile>(&part, [](const SourceFile*) {});
  // Related locations are in the same document (no locator: nothing in other files).
  for (const Finding& finding : findings) {
    std::string text = diagnostic_json(analysis, finding, client, nullptr)
                           .dump(-1, ' ', false, json::error_handler_t::replace);
    if (!text_.empty()) text_ += ',';
    // Keys are written `"key":` only outside strings (inside one the quotes are escaped),
    // so these are the lines of the range and of related locations.
    for (size_t at = 0; at < text.size();) {
      const size_t key = text.find("\"line\":", at);
      if (key == std::string::npos) {
        text_.append(text, at, std::string::npos);
        break;
      }
      const size_t digits = key + 7;
      size_t end = digits;
      uint32_t value = 0;
      while (end < text.size() && text[end] >= '0' && text[end] <= '9') {
        value = value * 10 + static_cast<uint32_t>(text[end] - '0');
        ++end;
      }
      text_.append(text, at, digits - at);
      holes_.push_back({text_.size(), value});
      at = end;
    }
    ++count_;
  }
}

void DiagnosticsText::render(std::string& out, uint32_t line_shift) const {
  if (count_ == 0) return;
  if (!out.empty() && out.back() == '}') out += ',';
  size_t at = 0;
  char number[16];
  for (const Hole& hole : holes_) {
    out.append(text_, at, hole.at - at);
    out.append(number, std::to_chars(number, number + sizeof number, hole.line + line_shift).ptr);
    at = hole.at;
  }
  out.append(text_, at, std::string::npos);
}

std::optional<TextEdit> line_suppression_edit(const Analysis& analysis, const Finding& finding) {
  if (!finding.rule || !analysis.source) return std::nullopt;
  const SourceFile& source = *analysis.source;
  const std::string_view code = finding.rule->code;
  uint32_t line = source.lines().line_of(finding.span.begin);
  if (analysis.model && analysis.model->dockerfile) {
    // The comment covers the instruction that starts on the next line: aim at the start of
    // the instruction holding the finding (a finding on a continuation line included).
    for (const auto& instruction : analysis.model->dockerfile->instructions) {
      if (instruction->span.contains(finding.span.begin) ||
          instruction->span.begin == finding.span.begin) {
        line = source.lines().line_of(instruction->span.begin);
        break;
      }
    }
  } else if (!analysis.parts.empty()) {
    // The document holding the finding, in its own coordinates.
    const PlacedPart* part = &analysis.parts.front();
    for (const PlacedPart& candidate : analysis.parts) {
      if (candidate.offset <= finding.span.begin) part = &candidate;
    }
    const ParsedModel& model = *part->analysis->model;
    if (model.manifest) {
      line = part->lines + yaml_target_line(model.manifest->stream, *part->analysis->source,
                                            finding.span.begin - part->offset);
    }
  }
  if (auto extended = extend_existing(source, line - 1, "ignore=", code)) return extended;
  const Span line_span = source.lines().line_span(line);
  const std::string_view indent = leading_blanks(source.slice(line_span));
  TextEdit edit;
  edit.span = {line_span.begin, line_span.begin};
  edit.replacement = std::string(indent) + "# berth ignore=" + std::string(code);
  if (analysis.profile && analysis.profile->config.require_reason) edit.replacement += " -- reason";
  edit.replacement += eol_of(source.text());
  return edit;
}

std::optional<TextEdit> file_suppression_edit(const Analysis& analysis, const Finding& finding) {
  if (!finding.rule || !analysis.source) return std::nullopt;
  const SourceFile& source = *analysis.source;
  const std::string_view code = finding.rule->code;
  const LineIndex& lines = source.lines();
  // An existing `ignore-file=` comment in the leading comment block takes the code.
  for (uint32_t line = 1; line <= lines.line_count(); ++line) {
    const std::string_view text = lines.line_text(line);
    const size_t first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) continue;
    if (text[first] != '#') break;
    if (auto extended = extend_existing(source, line, "ignore-file=", code)) return extended;
    if (text.find("ignore-file=") != std::string_view::npos &&
        text.find(code) != std::string_view::npos) {
      return std::nullopt;
    }
  }
  // Dockerfile parser directives (`# syntax=`) only count before any other comment, so the
  // suppression goes after them.
  uint32_t after_line = 0;
  if (analysis.model && analysis.model->dockerfile) {
    for (const dockerfile::Directive& directive : analysis.model->dockerfile->directives) {
      after_line = std::max(after_line, lines.line_of(directive.span.begin));
    }
  }
  const std::string_view eol = eol_of(source.text());
  std::string comment = "# berth ignore-file=" + std::string(code);
  if (analysis.profile && analysis.profile->config.require_reason) comment += " -- reason";
  TextEdit edit;
  if (after_line == 0) {
    edit.span = {0, 0};
    if (source.text().starts_with("\xEF\xBB\xBF")) edit.span = {3, 3};
    edit.replacement = comment + std::string(eol);
  } else if (after_line < lines.line_count()) {
    const uint32_t at = lines.line_span(after_line + 1).begin;
    edit.span = {at, at};
    edit.replacement = comment + std::string(eol);
  } else {
    const uint32_t at = static_cast<uint32_t>(source.text().size());
    edit.span = {at, at};
    edit.replacement = std::string(eol) + comment;
  }
  return edit;
}

json code_actions(const Analysis& analysis, int64_t current_version, const json& params,
                  const ClientFeatures& client) {
  json actions = json::array();
  const json context = params.value("context", json::object());
  bool want_quickfix = true;
  if (context.contains("only") && context["only"].is_array()) {
    want_quickfix = false;
    for (const json& kind : context["only"]) {
      if (kind.is_string() && (kind == "quickfix" ||
                               std::string_view("quickfix").starts_with(kind.get<std::string>()))) {
        want_quickfix = true;
      }
    }
  }
  const bool current = analysis.version == current_version;
  if (want_fix_all(context) && current) {
    if (std::optional<json> action = fix_all_action(analysis, current_version, client)) {
      actions.push_back(std::move(*action));
    }
  }
  if (!want_quickfix) return actions;

  // The diagnostics to act on: those the client sent, or ours overlapping the range when it
  // sent none (some clients do not).
  std::vector<json> diagnostics;
  if (context.contains("diagnostics") && context["diagnostics"].is_array()) {
    for (const json& diagnostic : context["diagnostics"]) {
      if (diagnostic.is_object() && diagnostic.value("source", "") == "berth") {
        diagnostics.push_back(diagnostic);
      }
    }
  }
  if (diagnostics.empty() && current) {
    if (auto range = parse_range(params.value("range", json()))) {
      const uint32_t size = static_cast<uint32_t>(analysis.source->text().size());
      const uint32_t begin =
          offset_of(analysis.source->lines(), size, range->start, client.encoding);
      const uint32_t end = offset_of(analysis.source->lines(), size, range->end, client.encoding);
      for (const std::vector<Finding>* list : {&analysis.findings(), &analysis.cross}) {
        for (const Finding& finding : *list) {
          if (finding.span.begin <= end && begin <= finding.span.end) {
            diagnostics.push_back(diagnostic_json(analysis, finding, client, nullptr));
          }
        }
      }
    }
  }

  std::set<std::string> suppress_offered;
  for (const json& diagnostic : diagnostics) {
    if (!diagnostic.contains("code") || !diagnostic["code"].is_string()) continue;
    const std::string code = diagnostic["code"];
    const Finding* finding =
        current ? find_finding(analysis, diagnostic, client.encoding) : nullptr;

    // The rule's fix, from the snapshot of the document's current version (the diagnostic
    // matched one of its findings).
    json fix_edits;
    std::string fix_title;
    bool fix_safe = true;
    if (finding && finding->fix) {
      fix_edits = json::array();
      for (const TextEdit& edit : finding->fix->edits) {
        fix_edits.push_back(text_edit_json(*analysis.source, edit, client.encoding));
      }
      fix_title = finding->fix->title;
      fix_safe = finding->fix->safe;
    }
    if (fix_edits.is_array() && !fix_edits.empty()) {
      actions.push_back({{"title", fix_title.empty() ? "Fix " + code : fix_title},
                         {"kind", "quickfix"},
                         {"diagnostics", json::array({diagnostic})},
                         {"isPreferred", fix_safe},
                         {"edit", workspace_edit(analysis, current_version,
                                                 fix_edits.get<std::vector<json>>(), client)}});
    }

    // Suppressions need the model of the current text; the unused-suppression finding is
    // not itself worth suppressing.
    if (!finding || code == "BR001") continue;
    const std::string key = code + "@" + std::to_string(finding->span.begin);
    if (!suppress_offered.insert(key).second) continue;
    if (auto edit = line_suppression_edit(analysis, *finding)) {
      actions.push_back(
          {{"title", "Suppress " + code + " on this line"},
           {"kind", "quickfix"},
           {"diagnostics", json::array({diagnostic})},
           {"edit",
            workspace_edit(analysis, current_version,
                           {text_edit_json(*analysis.source, *edit, client.encoding)}, client)}});
    }
    if (!suppress_offered.insert(code + "@file").second) continue;
    if (auto edit = file_suppression_edit(analysis, *finding)) {
      actions.push_back(
          {{"title", "Suppress " + code + " in this file"},
           {"kind", "quickfix"},
           {"diagnostics", json::array({diagnostic})},
           {"edit",
            workspace_edit(analysis, current_version,
                           {text_edit_json(*analysis.source, *edit, client.encoding)}, client)}});
    }
  }
  return actions;
}

json hover(const Analysis& analysis, Position position, const ClientFeatures& client) {
  if (!analysis.source) return nullptr;
  const SourceFile& source = *analysis.source;
  const uint32_t size = static_cast<uint32_t>(source.text().size());
  const uint32_t offset = offset_of(source.lines(), size, position, client.encoding);

  // 1. A rule code inside a suppression comment or a berth.dev/ignore annotation: that
  // rule's docs, even when the comment itself is flagged (as unused, BR001).
  const uint32_t line = source.lines().line_of(offset);
  const Span line_span = source.lines().line_span(line);
  const std::string_view text = source.slice(line_span);
  const uint32_t column = offset - line_span.begin;
  const size_t hash = text.find('#');
  const bool in_comment = hash != std::string_view::npos && column > hash &&
                          text.find("berth", hash) != std::string_view::npos &&
                          text.find("ignore", hash) != std::string_view::npos;
  const bool in_annotation = text.find("berth.dev/ignore") != std::string_view::npos &&
                             column > text.find(':', text.find("berth.dev/ignore"));
  if ((in_comment || in_annotation) && column <= text.size()) {
    size_t begin = column;
    size_t end = column;
    while (begin > 0 && is_rule_char(text[begin - 1])) --begin;
    while (end < text.size() && is_rule_char(text[end])) ++end;
    if (end > begin && analysis.profile) {
      const std::string_view word = text.substr(begin, end - begin);
      if (const RuleInfo* rule = find_rule(infos_of(analysis.profile->rules.catalogue()), word)) {
        const Span word_span{line_span.begin + static_cast<uint32_t>(begin),
                             line_span.begin + static_cast<uint32_t>(end)};
        return {{"contents", markup(rule_docs_markdown(*rule), client)},
                {"range", range_json(source, word_span, client.encoding)}};
      }
    }
  }

  // 2. A Dockerfile instruction keyword (ONBUILD's inner one too): the instruction's docs,
  // followed by those of any rule flagging it (several rules report on `FROM`).
  std::string docs;
  std::optional<Span> range;
  if (analysis.model && analysis.model->dockerfile) {
    for (const auto& instruction : analysis.model->dockerfile->instructions) {
      for (const dockerfile::Instruction* current = instruction.get(); current && docs.empty();
           current = current->onbuild.get()) {
        const Span keyword = current->keyword_span;
        if (keyword.empty() || offset < keyword.begin || offset > keyword.end) continue;
        docs = std::string(instruction_docs(source.slice(keyword)));
        if (!docs.empty()) range = keyword;
      }
    }
  }

  // 3. A flagged span: the docs of every rule flagging it.
  std::vector<const RuleInfo*> rules;
  for (const std::vector<Finding>* list : {&analysis.findings(), &analysis.cross}) {
    for (const Finding& finding : *list) {
      const bool inside = finding.span.contains(offset) ||
                          (finding.span.empty() && finding.span.begin == offset) ||
                          (!finding.span.empty() && finding.span.end == offset);
      if (!inside || !finding.rule) continue;
      if (std::find(rules.begin(), rules.end(), finding.rule) == rules.end()) {
        rules.push_back(finding.rule);
      }
      if (!range) range = finding.span;
    }
  }
  for (const RuleInfo* rule : rules) {
    if (!docs.empty()) docs += "\n\n---\n\n";
    docs += rule_docs_markdown(*rule);
  }
  if (docs.empty()) return nullptr;
  return {{"contents", markup(docs, client)},
          {"range", range_json(source, *range, client.encoding)}};
}

bool same_findings(const std::vector<Finding>& a, const std::vector<Finding>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].rule != b[i].rule || !(a[i].span == b[i].span) || a[i].message != b[i].message ||
        a[i].severity != b[i].severity) {
      return false;
    }
  }
  return true;
}

}  // namespace berth::lsp
