// Parse-only baseline for the throughput benchmark (bench/run.sh): discovers files exactly as
// `berth check` does, maps each into memory and parses it with tree-sitter (Dockerfiles with
// the Dockerfile grammar, YAML/JSON with tree-sitter-yaml), on the same number of threads and
// with the same work-pulling pool as analyzer/engine/scan.cpp. No rules, no models, no output.
// Like berth, it parses the shell of every shell-form command (and RUN heredoc bodies) with
// tree-sitter-bash, after dropping line continuations and comment lines as berth does (the
// raw text costs tree-sitter-bash about a quarter more).
//
//   berth_parse_only [-j N] PATH...
#include <llvm/Support/Threading.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "analyzer/discovery/discovery.h"
#include "analyzer/engine/parallel.h"
#include "analyzer/source/source_file.h"
#include "analyzer/syntax/tree_sitter.h"

namespace {

// The node's text without its line_continuation and comment children (a simpler version of
// the model's shell_from_command: the same amount of text to parse).
std::string joined_text(TSNode node, std::string_view text) {
  std::string out;
  uint32_t position = ts_node_start_byte(node);
  const uint32_t count = ts_node_child_count(node);
  for (uint32_t i = 0; i < count; ++i) {
    const TSNode child = ts_node_child(node, i);
    const std::string_view type = ts_node_type(child);
    if (type != "line_continuation" && type != "comment") continue;
    const uint32_t begin = ts_node_start_byte(child);
    if (begin > position) out.append(text.substr(position, begin - position));
    position = std::max(position, ts_node_end_byte(child));
  }
  const uint32_t end = ts_node_end_byte(node);
  if (end > position) out.append(text.substr(position, end - position));
  return out;
}

// Parses each shell_command, and each heredoc_body of a RUN, with tree-sitter-bash; returns
// the number of top-level nodes seen.
uint64_t parse_shell(const TSTree* tree, std::string_view text) {
  uint64_t seen = 0;
  TSTreeCursor cursor = ts_tree_cursor_new(ts_tree_root_node(tree));
  for (bool done = false; !done;) {
    const TSNode node = ts_tree_cursor_current_node(&cursor);
    const std::string_view type = ts_node_type(node);
    const bool shell =
        type == "shell_command" ||
        (type == "heredoc_body" &&
         std::string_view(ts_node_type(ts_node_parent(ts_node_parent(node)))) == "run_instruction");
    if (shell) {
      const std::string script_text = joined_text(node, text);
      berth::syntax::TreePtr script =
          berth::syntax::parse(berth::syntax::Grammar::Bash, script_text);
      if (script) seen += ts_node_child_count(ts_tree_root_node(script.get()));
    }
    if (!shell && ts_tree_cursor_goto_first_child(&cursor)) continue;
    while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
      if (!ts_tree_cursor_goto_parent(&cursor)) {
        done = true;
        break;
      }
    }
  }
  ts_tree_cursor_delete(&cursor);
  return seen;
}

}  // namespace

int main(int argc, char** argv) {
  unsigned jobs = 0;
  std::vector<std::string> roots;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "-j" && i + 1 < argc) {
      jobs = static_cast<unsigned>(std::atoi(argv[++i]));
    } else if (arg.rfind("-j", 0) == 0 && arg.size() > 2) {
      jobs = static_cast<unsigned>(std::atoi(arg.c_str() + 2));
    } else {
      roots.push_back(arg);
    }
  }
  if (roots.empty()) {
    std::fprintf(stderr, "usage: berth_parse_only [-j N] PATH...\n");
    return 2;
  }
  const auto started = std::chrono::steady_clock::now();
  const berth::Discovery discovery = berth::discover_files(roots, {});
  const auto& files = discovery.files;

  std::atomic<uint64_t> bytes{0}, nodes{0}, failed{0};
  auto parse_one = [&](size_t i) {
    berth::LoadResult loaded =
        berth::load_source_file(files[i].path, std::string(files[i].display()), 1u << 30);
    if (loaded.error) {
      ++failed;
      return;
    }
    const std::string_view text = loaded.file->text();
    const auto grammar = files[i].kind == berth::FileKind::Dockerfile
                             ? berth::syntax::Grammar::Dockerfile
                             : berth::syntax::Grammar::Yaml;
    berth::syntax::TreePtr tree = berth::syntax::parse(grammar, text);
    bytes += text.size();
    // Touch the tree so the parse cannot be optimised away.
    if (tree) nodes += ts_node_child_count(ts_tree_root_node(tree.get()));
    if (tree && grammar == berth::syntax::Grammar::Dockerfile)
      nodes += parse_shell(tree.get(), text);
  };

  if (jobs == 0) jobs = llvm::hardware_concurrency().compute_thread_count();
  berth::for_each_index(jobs, files.size(), parse_one);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::fprintf(
      stderr,
      "parsed %zu files, %.1f MB, %llu top-level nodes, %llu unreadable, %.3f s, %u threads\n",
      files.size(), static_cast<double>(bytes.load()) / 1e6,
      static_cast<unsigned long long>(nodes.load()), static_cast<unsigned long long>(failed.load()),
      seconds, jobs);
  return 0;
}
