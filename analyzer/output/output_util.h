// Helpers shared by the report writers: repository-relative paths for the formats that
// code-hosting services resolve against the repository root (SARIF, GitHub, GitLab), and
// escaping for the XML formats.
#pragma once

#include <llvm/Support/ThreadPool.h>
#include <llvm/Support/Threading.h>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

namespace berth::output {

// The directory that SARIF's %SRCROOT%, GitHub annotations and GitLab Code Quality paths are
// relative to: the root of the git work tree holding the current directory (GitHub and GitLab
// resolve paths against the repository root, even when berth runs in a subdirectory), else the
// current directory. Absolute, '/'-separated, ending with '/'.
std::string source_root();

// `display` (a path relative to the current directory, or absolute) made relative to `root`
// (as returned by source_root()); nullopt when it lies outside `root`.
std::optional<std::string> root_relative(const std::string& display, const std::string& root);

// `display` relative to `root` (from source_root()) when below it, else unchanged.
std::string repository_path(const std::string& display, const std::string& root);

// Replaces invalid UTF-8 sequences with U+FFFD so strict consumers (XML parsers, JSON
// tooling) accept the text.
std::string valid_utf8(std::string_view text);

// Escapes text for an XML attribute value or element content. Characters XML 1.0 cannot
// represent at all (C0 controls other than tab/newline/CR) become U+FFFD.
std::string xml_escape(std::string_view text);

// Calls `work(begin, end)` on consecutive slices of [0, count) from up to `jobs` threads
// (0: all cores), returning when all are done. Slices are several per thread so that uneven
// ones balance out.
template <typename Work>
void parallel_slices(unsigned jobs, size_t count, Work&& work) {
  if (jobs == 0) jobs = llvm::hardware_concurrency().compute_thread_count();
  if (jobs <= 1 || count < 2) {
    work(size_t{0}, count);
    return;
  }
  const size_t slices = std::min<size_t>(count, size_t{jobs} * 4);
  llvm::ThreadPool pool(llvm::hardware_concurrency(jobs));
  for (size_t slice = 0; slice < slices; ++slice) {
    const size_t begin = count * slice / slices;
    const size_t end = count * (slice + 1) / slices;
    pool.async([&work, begin, end] { work(begin, end); });
  }
  pool.wait();
}

}  // namespace berth::output
