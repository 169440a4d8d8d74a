// Work spread over threads the way the scan does it: each thread takes the next index left,
// so one slow item (a large file, a costly rule) never leaves the others idle behind a
// static partition.
#pragma once

#include <llvm/Support/ThreadPool.h>
#include <llvm/Support/Threading.h>

#include <atomic>
#include <cstddef>

namespace berth {

// Calls work(i) for each i in [0, count) on `jobs` threads, or on the calling thread when
// jobs <= 1 or there is at most one item; returns when all are done.
template <typename Work>
void for_each_index(unsigned jobs, size_t count, Work&& work) {
  if (jobs <= 1 || count <= 1) {
    for (size_t i = 0; i < count; ++i) work(i);
    return;
  }
  llvm::ThreadPool pool(llvm::hardware_concurrency(jobs));
  std::atomic<size_t> next{0};
  for (unsigned worker = 0; worker < jobs; ++worker) {
    pool.async([&] {
      for (size_t i = next++; i < count; i = next++) work(i);
    });
  }
  pool.wait();
}

}  // namespace berth
