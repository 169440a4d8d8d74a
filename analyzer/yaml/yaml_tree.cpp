// Builds the YAML value tree from tree-sitter-yaml, falling back to yaml-cpp per document.
#include "analyzer/yaml/yaml_tree.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <limits>
#include <unordered_map>
#include <unordered_set>

#include "analyzer/syntax/tree_sitter.h"
#include "analyzer/yaml/yaml_internal.h"

namespace berth::yaml {

using syntax::for_each_child;
using syntax::type_of;

const Entry* Node::entry(std::string_view key) const {
  if (kind != NodeKind::Mapping) return nullptr;
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    if (it->key && it->key->kind == NodeKind::Scalar && it->key->value == key) return &*it;
  }
  return nullptr;
}

const Node* Node::get(std::string_view key) const {
  const Entry* found = entry(key);
  return found ? found->value : nullptr;
}

std::optional<bool> Node::as_bool() const {
  if (kind != NodeKind::Scalar || style != ScalarStyle::Plain) return std::nullopt;
  const std::string_view v = value;
  if (v == "true" || v == "True" || v == "TRUE" || v == "yes" || v == "Yes" || v == "YES" ||
      v == "on" || v == "On" || v == "ON") {
    return true;
  }
  if (v == "false" || v == "False" || v == "FALSE" || v == "no" || v == "No" || v == "NO" ||
      v == "off" || v == "Off" || v == "OFF") {
    return false;
  }
  return std::nullopt;
}

std::optional<int64_t> Node::as_int() const {
  if (kind != NodeKind::Scalar || style != ScalarStyle::Plain) return std::nullopt;
  std::string_view v = value;
  bool negative = false;
  if (!v.empty() && (v[0] == '-' || v[0] == '+')) {
    negative = v[0] == '-';
    v.remove_prefix(1);
  }
  int base = 10;
  if (v.starts_with("0x")) {
    base = 16;
    v.remove_prefix(2);
  } else if (v.starts_with("0o")) {
    base = 8;
    v.remove_prefix(2);
  }
  if (v.empty() || (base != 10 && value[0] != '0')) return std::nullopt;
  uint64_t magnitude = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), magnitude, base);
  if (ec != std::errc() || end != v.data() + v.size()) return std::nullopt;
  const uint64_t limit = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
  if (negative) {
    if (magnitude > limit + 1) return std::nullopt;
    return magnitude == limit + 1 ? std::numeric_limits<int64_t>::min()
                                  : -static_cast<int64_t>(magnitude);
  }
  if (magnitude > limit) return std::nullopt;
  return static_cast<int64_t>(magnitude);
}

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool field_is(const char* field, std::string_view name) { return field && name == field; }

// Builds one document's nodes from a tree-sitter subtree. Iterative: a 10,000-deep flow
// sequence must not exhaust the call stack.
class TsBuilder {
 public:
  TsBuilder(Stream& stream, std::string_view text, uint32_t base,
            const std::unordered_set<std::string>& tag_handles)
      : stream_(stream), text_(text), base_(base), tag_handles_(tag_handles) {}

  // Returns false (with `error_`) when the tree is well formed but the document is not
  // valid YAML in a way tree-sitter does not check, e.g. an undefined alias.
  bool build(TSNode content, const Node*& root) {
    std::vector<Task> stack;
    stack.push_back({content, &root, nullptr, nullptr, -1});
    while (!stack.empty()) {
      Task task = stack.back();
      stack.pop_back();
      if (task.finish) {
        resolve_merges(*task.finish);
        continue;
      }
      if (!node(task, stack)) return false;
    }
    return true;
  }

  SyntaxError error_;

 private:
  struct Task {
    TSNode ts;
    const Node** slot;
    Span* alias_slot;
    Node* finish;  // set: resolve this mapping's merge keys (all its children are built)
    int parent_indent;
  };

  Span span(TSNode n) const { return {base_ + ts_node_start_byte(n), base_ + ts_node_end_byte(n)}; }
  std::string_view text(TSNode n) const { return syntax::text_of(n, text_); }

  Node* null_node(uint32_t at) {
    Node* n = stream_.new_node();
    n->span = {base_ + at, base_ + at};
    return n;
  }

  bool node(const Task& task, std::vector<Task>& stack) {
    TSNode content{};
    bool has_content = false;
    std::string anchor;
    std::string tag;
    Span tag_span;
    for_each_child(task.ts, [&](TSNode child) {
      const std::string_view type = type_of(child);
      if (type == "anchor") {
        anchor = std::string(text(child).substr(1));
      } else if (type == "tag") {
        tag = std::string(text(child));
        tag_span = span(child);
      } else if (type != "comment" && ts_node_is_named(child)) {
        content = child;
        has_content = true;
      }
    });
    if (has_content && type_of(content) == "alias") {
      const std::string name(text(content).substr(1));
      const auto found = anchors_.find(name);
      if (found == anchors_.end()) {
        error_ = {span(content), "found undefined alias '" + name + "'"};
        return false;
      }
      *task.slot = found->second;
      if (task.alias_slot) *task.alias_slot = span(content);
      return true;
    }
    // A named handle (`!e!foo`) means nothing without its %TAG directive in this document.
    if (const size_t bang = tag.find('!', 1); !tag.starts_with("!<") && tag.size() > 2 &&
                                              bang != std::string::npos && bang > 1 &&
                                              !tag_handles_.contains(tag.substr(0, bang + 1))) {
      error_ = {tag_span, "undefined tag handle " + tag.substr(0, bang + 1)};
      return false;
    }
    Node* out = stream_.new_node();
    *task.slot = out;
    out->tag = std::move(tag);
    if (!anchor.empty()) anchors_[anchor] = out;
    if (!has_content) {
      out->span = {span(task.ts).end, span(task.ts).end};
      if (!out->tag.empty() && out->tag != "!!null") out->kind = NodeKind::Scalar;
      return true;
    }
    out->span = span(content);
    // Block collections end after their last line's break; a value's span stops at its text.
    while (out->span.end > out->span.begin &&
           (detail::is_break(text_[out->span.end - base_ - 1]) ||
            detail::is_white(text_[out->span.end - base_ - 1]))) {
      --out->span.end;
    }
    const std::string_view type = type_of(content);
    if (type == "plain_scalar") {
      out->kind = NodeKind::Scalar;
      out->value = detail::fold_flow_scalar(text(content), ScalarStyle::Plain);
      if (out->tag.empty() && detail::is_null_text(out->value)) out->kind = NodeKind::Null;
    } else if (type == "single_quote_scalar" || type == "double_quote_scalar") {
      out->kind = NodeKind::Scalar;
      out->style = type[0] == 's' ? ScalarStyle::SingleQuoted : ScalarStyle::DoubleQuoted;
      std::string_view body = text(content);
      body = body.size() >= 2 ? body.substr(1, body.size() - 2) : std::string_view();
      out->value = detail::fold_flow_scalar(body, out->style);
    } else if (type == "block_scalar") {
      out->kind = NodeKind::Scalar;
      detail::BlockScalar block =
          detail::decode_block_scalar(text_, ts_node_start_byte(content), task.parent_indent);
      out->style = block.style;
      out->value = std::move(block.value);
    } else if (type == "block_mapping" || type == "flow_mapping") {
      mapping(content, *out, stack);
    } else if (type == "block_sequence" || type == "flow_sequence") {
      sequence(content, *out, stack);
    } else {
      error_ = {span(content), "unexpected " + std::string(type)};  // not in the grammar
      return false;
    }
    return true;
  }

  int column(TSNode n) const { return static_cast<int>(ts_node_start_point(n).column); }

  // A key/value pair (block_mapping_pair or flow_pair) into entry `e` of `out`.
  void pair(TSNode pair, Node& out, size_t e, int indent, std::vector<Task>& children) {
    TSNode key{};
    TSNode value{};
    bool has_key = false;
    bool has_value = false;
    for_each_child(pair, [&](TSNode child, const char* field) {
      if (field_is(field, "key")) {
        key = child;
        has_key = true;
      } else if (field_is(field, "value")) {
        value = child;
        has_value = true;
      }
    });
    Entry& entry = out.entries[e];
    if (has_key) {
      children.push_back({key, &entry.key, nullptr, nullptr, indent});
    } else {
      entry.key = null_node(ts_node_start_byte(pair));
    }
    if (has_value) {
      children.push_back({value, &entry.value, &entry.alias_span, nullptr, indent});
    } else {
      entry.value = null_node(ts_node_end_byte(pair));
    }
  }

  void mapping(TSNode content, Node& out, std::vector<Task>& stack) {
    out.kind = NodeKind::Mapping;
    out.flow = type_of(content) == "flow_mapping";
    const int indent = out.flow ? -1 : column(content);
    std::vector<TSNode>& members = members_;
    members.clear();
    for_each_child(content, [&](TSNode child) {
      const std::string_view type = type_of(child);
      if (type == "block_mapping_pair" || type == "flow_pair" || type == "flow_node") {
        members.push_back(child);
      }
    });
    // Sized once, before any child task holds a pointer into it.
    out.entries.resize(members.size());
    std::vector<Task>& children = children_;
    children.clear();
    for (size_t e = 0; e < members.size(); ++e) {
      if (type_of(members[e]) == "flow_node") {
        children.push_back({members[e], &out.entries[e].key, nullptr, nullptr, indent});
        out.entries[e].value = null_node(ts_node_end_byte(members[e]));
      } else {
        pair(members[e], out, e, indent, children);
      }
    }
    stack.push_back({content, nullptr, nullptr, &out, indent});
    for (auto it = children.rbegin(); it != children.rend(); ++it) stack.push_back(*it);
  }

  void sequence(TSNode content, Node& out, std::vector<Task>& stack) {
    out.kind = NodeKind::Sequence;
    out.flow = type_of(content) == "flow_sequence";
    const int indent = out.flow ? -1 : column(content);
    std::vector<TSNode>& members = members_;
    members.clear();
    for_each_child(content, [&](TSNode child) {
      const std::string_view type = type_of(child);
      if (type == "block_sequence_item" || type == "flow_pair" || type == "flow_node") {
        members.push_back(child);
      }
    });
    out.items.resize(members.size());
    std::vector<Task>& children = children_;
    children.clear();
    for (size_t i = 0; i < members.size(); ++i) {
      const TSNode member = members[i];
      const std::string_view type = type_of(member);
      if (type == "flow_node") {
        children.push_back({member, &out.items[i], nullptr, nullptr, indent});
      } else if (type == "flow_pair") {
        // `[a: b]` is a sequence holding a single-pair mapping.
        Node* single = stream_.new_node();
        single->kind = NodeKind::Mapping;
        single->flow = true;
        single->span = span(member);
        single->entries.resize(1);
        out.items[i] = single;
        pair(member, *single, 0, indent, children);
      } else {
        TSNode item{};
        bool has_item = false;
        for_each_child(member, [&](TSNode child) {
          const std::string_view t = type_of(child);
          if (t == "block_node" || t == "flow_node") {
            item = child;
            has_item = true;
          }
        });
        if (has_item) {
          children.push_back({item, &out.items[i], nullptr, nullptr, indent});
        } else {
          out.items[i] = null_node(ts_node_end_byte(member));
        }
      }
    }
    for (auto it = children.rbegin(); it != children.rend(); ++it) stack.push_back(*it);
  }

  void resolve_merges(Node& map) { merge_entries(map); }

  static bool is_merge_key(const Node* key) {
    return key && key->kind == NodeKind::Scalar && key->style == ScalarStyle::Plain &&
           key->tag.empty() && key->value == "<<";
  }

 public:
  // Replaces `<<` entries by the entries of the mappings they reference, for keys the
  // mapping does not already have. Pointers only: nothing is copied.
  static void merge_entries(Node& map) {
    bool any = false;
    for (const Entry& e : map.entries) any = any || is_merge_key(e.key);
    if (!any) return;
    std::vector<const Node*> sources;
    std::vector<Entry> kept;
    for (const Entry& e : map.entries) {
      if (!is_merge_key(e.key)) {
        kept.push_back(e);
      } else if (e.value->kind == NodeKind::Mapping) {
        sources.push_back(e.value);
      } else if (e.value->kind == NodeKind::Sequence) {
        for (const Node* item : e.value->items) {
          if (item->kind == NodeKind::Mapping) sources.push_back(item);
        }
      } else {
        kept.push_back(e);  // not mergeable: keep it as an ordinary entry
      }
    }
    std::unordered_set<std::string_view> present;
    for (const Entry& e : kept) {
      if (e.key->kind == NodeKind::Scalar) present.insert(e.key->value);
    }
    std::vector<Entry> merged;
    for (const Node* source : sources) {
      if (source == &map) continue;
      for (const Entry& e : source->entries) {
        if (e.key->kind != NodeKind::Scalar) continue;
        if (!present.insert(e.key->value).second) continue;
        Entry copy = e;
        copy.merged = true;
        merged.push_back(copy);
      }
    }
    kept.insert(kept.end(), merged.begin(), merged.end());
    map.entries = std::move(kept);
  }

 private:
  Stream& stream_;
  std::string_view text_;
  uint32_t base_;
  const std::unordered_set<std::string>& tag_handles_;
  std::unordered_map<std::string, const Node*> anchors_;
  // Scratch for mapping() and sequence(), which return before the next one runs: the members
  // of the collection and their tasks (kept to spare two allocations per collection).
  std::vector<TSNode> members_;
  std::vector<Task> children_;
};

// Every comment of the tree rooted at `root` (whose text is `text`, at `base` in the file), in
// order. A walk over the whole tree; only nodes whose text holds a comment's '#' are entered,
// since a comment starts with one (most subtrees hold none, and are skipped). Linear in the nodes
// entered, even under a node with tens of thousands of children.
void collect_comments(TSNode root, std::string_view text, uint32_t base,
                      std::vector<Span>& comments) {
  // Only a '#' at a line's start or after white space starts a comment (`a#b`, a URL's
  // fragment, is text): the others need no walk down to them.
  std::vector<uint32_t> hashes;
  for (size_t at = text.find('#'); at != std::string_view::npos; at = text.find('#', at + 1)) {
    if (at == 0 || detail::is_white(text[at - 1]) || detail::is_break(text[at - 1])) {
      hashes.push_back(static_cast<uint32_t>(at));
    }
  }
  if (hashes.empty()) return;
  auto holds_hash = [&](TSNode n) {
    const auto it = std::lower_bound(hashes.begin(), hashes.end(), ts_node_start_byte(n));
    return it != hashes.end() && *it < ts_node_end_byte(n);
  };
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  for (bool done = false; !done;) {
    const TSNode n = ts_tree_cursor_current_node(&cursor);
    bool enter = false;
    if (holds_hash(n)) {
      if (type_of(n) == "comment") {
        comments.push_back({base + ts_node_start_byte(n), base + ts_node_end_byte(n)});
      } else {
        enter = true;
      }
    }
    if (enter && ts_tree_cursor_goto_first_child(&cursor)) continue;
    while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
      if (!ts_tree_cursor_goto_parent(&cursor)) {
        done = true;
        break;
      }
    }
  }
  ts_tree_cursor_delete(&cursor);
}

enum class Built { Ok, NotADocument, Broken, Invalid };

// One document from tree-sitter's `document` node. Broken ones need the fallback; a lone
// `...` or comment is no document at all.
Built build_document(Stream& stream, std::string_view text, uint32_t base, TSNode doc_node,
                     Document& doc) {
  doc.span = {base + ts_node_start_byte(doc_node), base + ts_node_end_byte(doc_node)};
  if (ts_node_has_error(doc_node)) return Built::Broken;
  TSNode content{};
  bool has_content = false;
  bool explicit_start = false;
  int yaml_directives = 0;
  std::unordered_set<std::string> tag_handles;
  for_each_child(doc_node, [&](TSNode child) {
    const std::string_view type = type_of(child);
    if (type == "---") explicit_start = true;
    if (type == "yaml_directive") ++yaml_directives;
    if (type == "tag_directive") {
      for_each_child(child, [&](TSNode part) {
        if (type_of(part) == "tag_handle")
          tag_handles.insert(std::string(syntax::text_of(part, text)));
      });
    }
    if (!has_content && (type == "block_node" || type == "flow_node")) {
      content = child;
      has_content = true;
    }
  });
  if (!has_content && !explicit_start) return Built::NotADocument;
  if (yaml_directives > 1) {
    doc.errors.push_back({doc.span, "duplicate %YAML directive"});
    return Built::Invalid;
  }
  if (!has_content) return Built::Ok;
  TsBuilder builder(stream, text, base, tag_handles);
  const Node* root = nullptr;
  if (!builder.build(content, root)) {
    // Well-formed syntax that YAML still forbids (an undefined alias or tag handle): no
    // parser would do better, so report it rather than ask yaml-cpp.
    doc.errors.push_back(builder.error_);
    return Built::Invalid;
  }
  doc.root = root;
  return Built::Ok;
}

bool is_marker(std::string_view line, std::string_view marker) {
  return line.starts_with(marker) && (line.size() == 3 || detail::is_white(line[3]));
}

void assign_comments(Stream& stream, const std::vector<Span>& comments) {
  if (stream.documents.empty()) return;
  size_t d = 0;
  for (const Span& c : comments) {
    while (d + 1 < stream.documents.size() && stream.documents[d + 1].span.begin <= c.begin) ++d;
    stream.documents[d].comments.push_back(c);
  }
}

}  // namespace

namespace detail {
void merge_keys(Node& map) { TsBuilder::merge_entries(map); }
}  // namespace detail

std::vector<Span> split_documents(std::string_view text, uint32_t base) {
  std::vector<Span> docs;
  size_t start = 0;
  bool has_content = false;  // content or an explicit `---` since `start`
  size_t i = 0;
  while (i < text.size()) {
    if (has_content && text[i] != '-' && text[i] != '.') {
      // Only a marker line can end a document with content: skip the line unread (the
      // language server splits a large manifest on every keystroke).
      const void* newline = std::memchr(text.data() + i, '\n', text.size() - i);
      if (!newline) break;
      i = static_cast<size_t>(static_cast<const char*>(newline) - text.data()) + 1;
      continue;
    }
    const size_t end = std::min(text.find('\n', i), text.size());
    std::string_view line = text.substr(i, end - i);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const size_t next = end < text.size() ? end + 1 : end;
    if (is_marker(line, "---")) {
      if (has_content)
        docs.push_back({base + static_cast<uint32_t>(start), base + static_cast<uint32_t>(i)});
      if (has_content) start = i;
      has_content = true;
    } else if (is_marker(line, "...")) {
      docs.push_back({base + static_cast<uint32_t>(start), base + static_cast<uint32_t>(next)});
      start = next;
      has_content = false;
    } else {
      const size_t first = line.find_first_not_of(" \t");
      if (first != std::string_view::npos && line[first] != '#' &&
          !(first == 0 && line[0] == '%')) {
        has_content = true;
      }
    }
    i = next;
  }
  if (start < text.size())
    docs.push_back(
        {base + static_cast<uint32_t>(start), base + static_cast<uint32_t>(text.size())});
  return docs;
}

Stream parse_stream(std::string_view text) { return parse_stream(text, nullptr); }

Stream parse_stream(std::string_view text, const TSTree* given_tree) {
  Stream stream;
  try {
    uint32_t base = 0;
    if (text.starts_with(kBom)) base = static_cast<uint32_t>(kBom.size());
    const std::string_view body = text.substr(base);
    std::vector<Span> comments;
    syntax::TreePtr own_tree;
    if (!given_tree) {
      own_tree = syntax::parse(syntax::Grammar::Yaml, body);
      given_tree = own_tree.get();
    }
    if (!given_tree) return stream;
    const TSNode root = ts_tree_root_node(given_tree);
    collect_comments(root, body, base, comments);
    bool fallback = ts_node_has_error(root);
    if (!fallback) {
      for_each_child(root, [&](TSNode child) {
        if (fallback || type_of(child) != "document") return;
        Document& doc = stream.documents.emplace_back();
        const Built built = build_document(stream, body, base, child, doc);
        if (built == Built::NotADocument) stream.documents.pop_back();
        if (built == Built::Broken) fallback = true;
      });
    }
    if (fallback) {
      // Some document is broken: take the stream apart and parse each document on its own,
      // so the good ones keep tree-sitter's result and only the broken one meets yaml-cpp.
      stream.documents.clear();
      comments.clear();
      for (const Span& part : split_documents(body, base)) {
        const std::string_view part_text = text.substr(part.begin, part.size());
        syntax::TreePtr part_tree = syntax::parse(syntax::Grammar::Yaml, part_text);
        const TSNode part_root = ts_tree_root_node(part_tree.get());
        collect_comments(part_root, part_text, part.begin, comments);
        if (!ts_node_has_error(part_root)) {
          bool ok = true;
          const size_t first = stream.documents.size();
          for_each_child(part_root, [&](TSNode child) {
            if (!ok || type_of(child) != "document") return;
            Document& doc = stream.documents.emplace_back();
            const Built built = build_document(stream, part_text, part.begin, child, doc);
            if (built == Built::NotADocument) stream.documents.pop_back();
            ok = built != Built::Broken;
          });
          if (ok) continue;
          stream.documents.resize(first);
        }
        detail::parse_with_yaml_cpp(stream, text, part, stream.documents);
      }
    }
    assign_comments(stream, comments);
  } catch (...) {
    // Out of memory or a bug: report the whole text as unparsable rather than throw.
    stream.documents.clear();
    Document& doc = stream.documents.emplace_back();
    doc.span = {0, static_cast<uint32_t>(text.size())};
    doc.errors.push_back({{0, 0}, "internal error while parsing YAML"});
  }
  return stream;
}

}  // namespace berth::yaml
