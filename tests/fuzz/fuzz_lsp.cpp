// libFuzzer target: bytes as the client-to-server stream of `berth lsp` (Content-Length
// framed JSON-RPC). The input goes into a memfd that the server reads to its end; what the
// server writes goes to /dev/null. run_server() is the public entry point, so this exercises
// the transport, the protocol handlers, incremental sync and the analysis worker as
// `berth lsp` does.
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "lsp/server.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const int null_fd = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
  const int in_fd = ::memfd_create("berth-fuzz-lsp", MFD_CLOEXEC);
  if (in_fd < 0 || null_fd < 0) {
    std::perror("fuzz_lsp: memfd_create or /dev/null");
    std::abort();
  }
  size_t written = 0;
  while (written < size) {
    const ssize_t n = ::write(in_fd, data + written, size - written);
    if (n <= 0) std::abort();
    written += static_cast<size_t>(n);
  }
  ::lseek(in_fd, 0, SEEK_SET);
  berth::lsp::ServerOptions options;
  // Analyse every change at once: a debounce only adds wall time per input.
  options.debounce_ms = 0;
  berth::lsp::run_server(in_fd, null_fd, options);
  ::close(in_fd);
  return 0;
}
