// Parse-only baseline for the throughput benchmark (bench/run.sh): discovers files exactly as
// `berth check` does, maps each into memory and parses it with tree-sitter (Dockerfiles with
// the Dockerfile grammar, YAML/JSON with tree-sitter-yaml), on the same number of threads and
// with the same work-pulling pool as analyzer/engine/scan.cpp. No rules, no models, no output.
// RUN lines are not re-parsed with tree-sitter-bash here, so the baseline is slightly cheaper
// than the parsing berth itself does.
//
//   berth_parse_only [-j N] PATH...
#include <llvm/Support/ThreadPool.h>
#include <llvm/Support/Threading.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "analyzer/discovery/discovery.h"
#include "analyzer/source/source_file.h"
#include "analyzer/syntax/tree_sitter.h"

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
    berth::LoadResult loaded = berth::load_source_file(files[i].path, files[i].display, 1u << 30);
    if (loaded.error) {
      ++failed;
      return;
    }
    const std::string_view text = loaded.file->text();
    const auto grammar = files[i].kind == berth::FileKind::Dockerfile ? berth::syntax::Grammar::Dockerfile
                                                                      : berth::syntax::Grammar::Yaml;
    berth::syntax::TreePtr tree = berth::syntax::parse(grammar, text);
    bytes += text.size();
    // Touch the tree so the parse cannot be optimised away.
    if (tree) nodes += ts_node_child_count(ts_tree_root_node(tree.get()));
  };

  if (jobs == 0) jobs = llvm::hardware_concurrency().compute_thread_count();
  if (jobs <= 1 || files.size() <= 1) {
    for (size_t i = 0; i < files.size(); ++i) parse_one(i);
  } else {
    llvm::ThreadPool pool(llvm::hardware_concurrency(jobs));
    std::atomic<size_t> next{0};
    for (unsigned worker = 0; worker < jobs; ++worker) {
      pool.async([&] {
        for (size_t i = next++; i < files.size(); i = next++) parse_one(i);
      });
    }
    pool.wait();
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::fprintf(stderr, "parsed %zu files, %.1f MB, %llu top-level nodes, %llu unreadable, %.3f s, %u threads\n",
               files.size(), static_cast<double>(bytes.load()) / 1e6,
               static_cast<unsigned long long>(nodes.load()),
               static_cast<unsigned long long>(failed.load()), seconds, jobs);
  return 0;
}
