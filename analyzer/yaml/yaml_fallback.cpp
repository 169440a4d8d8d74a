// The yaml-cpp fallback: builds value-tree documents from yaml-cpp's parse events, for the
// documents tree-sitter-yaml rejects, and reports yaml-cpp's error when it rejects them too.
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <optional>
#include <sstream>
#include <unordered_map>

#include "analyzer/yaml/yaml_internal.h"

namespace berth::yaml::detail {
namespace {

// yaml-cpp recurses once per nesting level; stopping it here keeps deep input from
// exhausting the stack (tree-sitter already rejected such a document, so it is an error).
constexpr size_t kMaxDepth = 500;

struct TooDeep {
  YAML::Mark mark;
};
// yaml-cpp 0.7 can loop forever producing empty nodes (e.g. on "--- ,"); every real node
// consumes input, so more events than this means it is stuck.
struct Stuck {
  YAML::Mark mark;
};

class EventBuilder : public YAML::EventHandler {
 public:
  EventBuilder(Stream& stream, std::string_view text, uint32_t base)
      : stream_(stream), text_(text), base_(base) {}

  std::vector<const Node*> roots;
  std::vector<uint32_t> starts;          // each document's start, relative to the text
  std::optional<uint32_t> unterminated;  // a quoted scalar without its closing quote
  // Other input yaml-cpp accepts but YAML forbids: the first one seen.
  std::optional<std::pair<uint32_t, std::string>> invalid;

  void OnDocumentStart(const YAML::Mark& mark) override {
    progress(mark);
    starts.push_back(offset(mark));
    roots.push_back(nullptr);
    anchors_.clear();
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    progress(mark);
    Node* n = stream_.new_node();
    uint32_t at = content_start(offset(mark), n->tag);
    n->span = {base_ + at, base_ + at};
    size_t len = 0;
    while (at + len < text_.size() && !is_white(text_[at + len]) && !is_break(text_[at + len]) &&
           text_[at + len] != ',' && text_[at + len] != ']' && text_[at + len] != '}') {
      ++len;
    }
    if (is_null_text(text_.substr(at, len))) {
      n->value = std::string(text_.substr(at, len));
      n->span.end += static_cast<uint32_t>(len);
    } else if (!n->tag.empty()) {
      n->span = {base_ + offset(mark), base_ + offset(mark)};
    }
    add(n, anchor, {});
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    progress(mark);
    const auto found = anchors_.find(anchor);
    const uint32_t at = offset(mark);
    uint32_t end = at + 1;
    while (end < text_.size() && !is_white(text_[end]) && !is_break(text_[end]) &&
           text_[end] != ',' && text_[end] != ']' && text_[end] != '}') {
      ++end;
    }
    if (found == anchors_.end()) {
      Node* n = stream_.new_node();  // cannot happen: yaml-cpp rejects undefined aliases
      add(n, 0, {});
      return;
    }
    add(found->second, 0, {base_ + at, base_ + end});
  }

  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                const std::string& value) override {
    progress(mark);
    Node* n = stream_.new_node();
    n->kind = NodeKind::Scalar;
    n->value = value;
    const uint32_t at = content_start(offset(mark), n->tag);
    n->span = {base_ + at, base_ + scalar_end(at, *n)};
    add(n, anchor, {});
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    open(mark, anchor, style, NodeKind::Sequence);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    open(mark, anchor, style, NodeKind::Mapping);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    Node* node;
    YAML::anchor_t anchor;
    const Node* key = nullptr;
    Span key_alias;
    bool has_key = false;
  };

  void flag(uint32_t at, std::string message) {
    if (!invalid) invalid.emplace(at, std::move(message));
  }

  void progress(const YAML::Mark& mark) {
    if (++events_ > 4 * text_.size() + 16) throw Stuck{mark};
  }

  uint32_t offset(const YAML::Mark& mark) const {
    if (mark.pos < 0) return 0;
    return std::min(static_cast<uint32_t>(mark.pos), static_cast<uint32_t>(text_.size()));
  }

  // yaml-cpp marks a node at its properties (`&a !tag`); the value starts after them.
  uint32_t content_start(uint32_t at, std::string& tag) const {
    while (at < text_.size() && (text_[at] == '&' || text_[at] == '!')) {
      const uint32_t token = at;
      while (at < text_.size() && !is_white(text_[at]) && !is_break(text_[at])) ++at;
      if (text_[token] == '!') tag = std::string(text_.substr(token, at - token));
      while (at < text_.size() && (is_white(text_[at]) || is_break(text_[at]))) ++at;
      if (at < text_.size() && text_[at] == '#') {
        while (at < text_.size() && !is_break(text_[at])) ++at;
        while (at < text_.size() && (is_white(text_[at]) || is_break(text_[at]))) ++at;
      }
    }
    return at;
  }

  int parent_indent() const {
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
      if (!it->node->flow) return static_cast<int>(column(it->node->span.begin - base_));
    }
    return -1;
  }

  uint32_t column(uint32_t at) const {
    uint32_t line_start = at;
    while (line_start > 0 && !is_break(text_[line_start - 1])) --line_start;
    return at - line_start;
  }

  uint32_t scalar_end(uint32_t at, Node& n) {
    if (at >= text_.size()) return at;
    const char c = text_[at];
    if (c == '"' || c == '\'') {
      n.style = c == '"' ? ScalarStyle::DoubleQuoted : ScalarStyle::SingleQuoted;
      uint32_t i = at + 1;
      while (i < text_.size()) {
        if (c == '"' && text_[i] == '\\') {
          static constexpr std::string_view kEscapes = "0abt\tnvfre \"/\\N_LPxuU\r\n";
          if (i + 1 < text_.size() && kEscapes.find(text_[i + 1]) == std::string_view::npos) {
            flag(i, "invalid escape in double-quoted scalar");
          }
          i += 2;
        } else if (text_[i] == c) {
          if (c == '\'' && i + 1 < text_.size() && text_[i + 1] == '\'') {
            i += 2;
          } else {
            return std::min(i + 1, static_cast<uint32_t>(text_.size()));
          }
        } else {
          ++i;
        }
      }
      if (!unterminated) unterminated = at;
      return static_cast<uint32_t>(text_.size());
    }
    if (c == '|' || c == '>') {
      const BlockScalar block = decode_block_scalar(text_, at, parent_indent());
      n.style = block.style;
      return block.end;
    }
    // Plain: no escapes, so the value's non-blank characters appear in the source in order.
    size_t wanted = 0;
    for (char v : n.value) wanted += (is_white(v) || is_break(v)) ? 0 : 1;
    uint32_t i = at;
    uint32_t end = at;
    while (wanted > 0 && i < text_.size()) {
      if (!is_white(text_[i]) && !is_break(text_[i])) {
        --wanted;
        end = i + 1;
      }
      ++i;
    }
    return end;
  }

  void add(const Node* n, YAML::anchor_t anchor, Span alias_span) {
    if (anchor != 0) anchors_[anchor] = n;
    if (stack_.empty()) {
      if (!roots.empty() && !roots.back()) roots.back() = n;
      return;
    }
    Frame& top = stack_.back();
    Node& parent = *top.node;
    parent.span.end = std::max(parent.span.end, n->span.end);
    if (parent.kind == NodeKind::Sequence) {
      // yaml-cpp turns `[ , a]` and `[a, , b]` into null items.
      const uint32_t at = n->span.begin - base_;
      if (parent.flow && n->kind == NodeKind::Null && n->value.empty() && at < text_.size() &&
          text_[at] == ',') {
        flag(at, "unexpected ',' in flow sequence");
      }
      parent.items.push_back(n);
    } else if (!top.has_key) {
      // yaml-cpp takes a lone line in a block mapping as a key without value; YAML wants
      // the `:` (explicit `? key` entries excepted).
      if (!parent.flow && n->kind == NodeKind::Scalar) {
        uint32_t after = n->span.end - base_;
        while (after < text_.size() && is_white(text_[after])) ++after;
        uint32_t before = n->span.begin - base_;
        while (before > 0 && is_white(text_[before - 1])) --before;
        const bool explicit_key = before > 0 && text_[before - 1] == '?';
        if (!explicit_key && (after >= text_.size() || text_[after] != ':')) {
          flag(n->span.begin - base_, "could not find expected ':'");
        }
      }
      top.key = n;
      top.key_alias = alias_span;
      top.has_key = true;
    } else {
      Entry entry;
      entry.key = top.key;
      entry.value = n;
      entry.alias_span = alias_span;
      parent.entries.push_back(entry);
      top.has_key = false;
    }
  }

  void open(const YAML::Mark& mark, YAML::anchor_t anchor, YAML::EmitterStyle::value style,
            NodeKind kind) {
    progress(mark);
    if (stack_.size() >= kMaxDepth) throw TooDeep{mark};
    Node* n = stream_.new_node();
    n->kind = kind;
    const uint32_t at = content_start(offset(mark), n->tag);
    n->flow = style == YAML::EmitterStyle::Flow ||
              (at < text_.size() && (text_[at] == '[' || text_[at] == '{'));
    n->span = {base_ + at, base_ + at + (n->flow ? 1 : 0)};
    // Registered now so that the anchor is known while the children are built.
    if (anchor != 0) anchors_[anchor] = n;
    stack_.push_back({n, anchor});
  }

  void close() {
    Frame frame = stack_.back();
    stack_.pop_back();
    Node& n = *frame.node;
    if (n.flow) {
      const char closer = n.kind == NodeKind::Mapping ? '}' : ']';
      uint32_t i = n.span.end - base_;
      while (i < text_.size() && text_[i] != closer) ++i;
      n.span.end = base_ + std::min(i + 1, static_cast<uint32_t>(text_.size()));
    }
    if (n.kind == NodeKind::Mapping) merge_keys(n);
    add(&n, 0, {});
  }

  Stream& stream_;
  std::string_view text_;
  uint32_t base_;
  std::vector<Frame> stack_;
  size_t events_ = 0;
  std::unordered_map<YAML::anchor_t, const Node*> anchors_;
};

SyntaxError error_at(std::string_view text, uint32_t base, int pos, std::string message) {
  uint32_t at =
      pos < 0 ? 0 : std::min(static_cast<uint32_t>(pos), static_cast<uint32_t>(text.size()));
  uint32_t end = at;
  while (end < text.size() && !is_break(text[end])) ++end;
  return {{base + at, base + end}, std::move(message)};
}

bool is_document_marker(std::string_view text, size_t at, char c) {
  if (at > 0 && !is_break(text[at - 1])) return false;
  if (at + 3 > text.size() || text[at] != c || text[at + 1] != c || text[at + 2] != c) {
    return false;
  }
  return at + 3 == text.size() || is_white(text[at + 3]) || is_break(text[at + 3]);
}

size_t skip_line(std::string_view text, size_t at) {
  while (at < text.size() && !is_break(text[at])) ++at;
  return at;
}

// yaml-cpp 0.7 accepts much that YAML forbids: an unclosed quote runs to the end of input,
// text after a complete node starts another document, a directive may stand alone. Only
// reached for text tree-sitter rejected, so these checks turn such leniency back into errors.
std::optional<SyntaxError> lenient_accept(std::string_view text, uint32_t base,
                                          const EventBuilder& builder) {
  if (builder.unterminated) {
    return error_at(text, base, static_cast<int>(*builder.unterminated), "missing closing quote");
  }
  if (builder.invalid) {
    return error_at(text, base, static_cast<int>(builder.invalid->first), builder.invalid->second);
  }
  if (builder.roots.size() > 1) {
    return error_at(text, base, static_cast<int>(builder.starts[1]),
                    "unexpected content after the document");
  }
  bool has_start = false;
  std::optional<size_t> directive;
  for (size_t at = 0; at < text.size(); at = skip_line(text, at) + 1) {
    if (is_document_marker(text, at, '-')) {
      has_start = true;
      break;
    }
    if (text[at] == '%' && !directive) directive = at;
  }
  if (directive && !has_start) {
    return error_at(text, base, static_cast<int>(*directive), "directive without a document");
  }
  if (builder.roots.empty() || !builder.roots[0] || builder.roots[0]->span.end < base) {
    return std::nullopt;
  }
  for (size_t at = builder.roots[0]->span.end - base; at < text.size();) {
    const char c = text[at];
    if (is_white(c) || is_break(c)) {
      ++at;
    } else if (c == '#' && (at == 0 || is_white(text[at - 1]) || is_break(text[at - 1]))) {
      at = skip_line(text, at);
    } else if (is_document_marker(text, at, '.')) {
      at += 3;
      while (at < text.size() && is_white(text[at])) ++at;
      if (at < text.size() && text[at] == '#') at = skip_line(text, at);
      if (at < text.size() && !is_break(text[at])) {
        return error_at(text, base, static_cast<int>(at), "unexpected content after '...'");
      }
    } else {
      return error_at(text, base, static_cast<int>(at), "unexpected content after the document");
    }
  }
  return std::nullopt;
}

}  // namespace

void parse_with_yaml_cpp(Stream& stream, std::string_view stream_text, Span part,
                         std::vector<Document>& out) {
  const std::string_view text = stream_text.substr(part.begin, part.size());
  EventBuilder builder(stream, text, part.begin);
  std::optional<SyntaxError> error;
  try {
    std::istringstream input{std::string(text)};
    YAML::Parser parser(input);
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const TooDeep& deep) {
    error = error_at(text, part.begin, deep.mark.pos, "nesting too deep");
  } catch (const Stuck& stuck) {
    error = error_at(text, part.begin, stuck.mark.pos, "invalid YAML");
    builder.roots.clear();
  } catch (const YAML::Exception& e) {
    error = error_at(text, part.begin, e.mark.pos, e.msg);
  } catch (...) {
    error = error_at(text, part.begin, 0, "invalid YAML");
  }
  if (!error) error = lenient_accept(text, part.begin, builder);
  const size_t first = out.size();
  for (size_t d = 0; d < builder.roots.size(); ++d) {
    Document& doc = out.emplace_back();
    doc.span = {d == 0 ? part.begin : part.begin + builder.starts[d],
                d + 1 < builder.roots.size() ? part.begin + builder.starts[d + 1] : part.end};
    doc.root = builder.roots[d];
  }
  if (error) {
    if (out.size() == first) {
      Document& doc = out.emplace_back();
      doc.span = part;
    }
    out.back().root = nullptr;
    out.back().errors.push_back(*error);
  }
}

}  // namespace berth::yaml::detail
