// RAII ownership of tree-sitter objects, the grammars berth links, and node helpers.
#pragma once

#include <tree_sitter/api.h>

#include <cstddef>
#include <deque>
#include <memory>
#include <string_view>
#include <type_traits>
#include <vector>

#include "analyzer/source/span.h"

extern "C" {
const TSLanguage* tree_sitter_dockerfile(void);
const TSLanguage* tree_sitter_yaml(void);
const TSLanguage* tree_sitter_bash(void);
}

namespace berth::syntax {

struct ParserDeleter {
  void operator()(TSParser* parser) const { ts_parser_delete(parser); }
};
struct TreeDeleter {
  void operator()(TSTree* tree) const { ts_tree_delete(tree); }
};
using ParserPtr = std::unique_ptr<TSParser, ParserDeleter>;
using TreePtr = std::unique_ptr<TSTree, TreeDeleter>;

enum class Grammar { Dockerfile, Yaml, Bash };

const TSLanguage* language(Grammar grammar);

// This thread's parser for `grammar`. Parsers are not thread-safe, so each worker thread
// keeps its own, created on first use and reused for every file it parses.
TSParser* thread_parser(Grammar grammar);

// Parses `text` from scratch with this thread's parser. The text must outlive the tree.
TreePtr parse(Grammar grammar, std::string_view text);

inline Span span_of(TSNode node) {
  if (ts_node_is_null(node)) return {};
  return {ts_node_start_byte(node), ts_node_end_byte(node)};
}

// Null nodes (an absent field) give empty text: the runtime crashes on them otherwise.
inline std::string_view text_of(TSNode node, std::string_view source) {
  if (ts_node_is_null(node)) return {};
  const uint32_t begin = ts_node_start_byte(node);
  const uint32_t end = ts_node_end_byte(node);
  if (begin >= source.size() || end <= begin) return {};
  return source.substr(begin, end - begin);
}

inline std::string_view type_of(TSNode node) { return ts_node_type(node); }

// Cursors kept by a thread, one per nesting level of for_each_child: creating a cursor
// allocates its stack, and the model builders visit the children of nearly every node.
class CursorPool {
 public:
  CursorPool() = default;
  CursorPool(const CursorPool&) = delete;
  CursorPool& operator=(const CursorPool&) = delete;
  ~CursorPool();
  // A cursor on `node` for the next nesting level; release() when done with it.
  TSTreeCursor& acquire(TSNode node);
  void release() { --depth_; }

  static CursorPool& of_this_thread();

 private:
  std::deque<TSTreeCursor> cursors_;  // a deque: a level's cursor stays put as levels are added
  size_t depth_ = 0;
};

// Calls `f(child)` for each child of `node` in order, or `f(child, field name)` when `f` takes
// one (looking the field up costs as much as a step of the walk, so only when asked for).
// ts_node_child(node, i) walks from the first child every time, so an index loop over a wide
// node is quadratic; this walks with a cursor. `f` may call for_each_child itself.
template <typename F>
void for_each_child(TSNode node, F&& f) {
  if constexpr (!std::is_invocable_v<F, TSNode, const char*>) {
    // Most nodes of a YAML tree hold one child: taken without setting up a walk.
    if (ts_node_child_count(node) == 1) {
      f(ts_node_child(node, 0));
      return;
    }
  }
  CursorPool& pool = CursorPool::of_this_thread();
  struct Level {
    CursorPool& pool;
    TSTreeCursor& cursor;
    ~Level() { pool.release(); }  // also when `f` throws
  } level{pool, pool.acquire(node)};
  TSTreeCursor* cursor = &level.cursor;
  if (!ts_tree_cursor_goto_first_child(cursor)) return;
  do {
    if constexpr (std::is_invocable_v<F, TSNode, const char*>) {
      f(ts_tree_cursor_current_node(cursor), ts_tree_cursor_current_field_name(cursor));
    } else {
      f(ts_tree_cursor_current_node(cursor));
    }
  } while (ts_tree_cursor_goto_next_sibling(cursor));
}

// The children (or named children) of `node`, in order.
std::vector<TSNode> children(TSNode node);
std::vector<TSNode> named_children(TSNode node);

// The child in `field`, or a null node.
inline TSNode field(TSNode node, std::string_view name) {
  return ts_node_child_by_field_name(node, name.data(), static_cast<uint32_t>(name.size()));
}

}  // namespace berth::syntax
