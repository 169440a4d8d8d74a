// `berth lsp`: the language server over stdio (LSP 3.17, JSON-RPC with Content-Length
// framing). The reader thread parses messages and answers requests from the latest analysis
// snapshots; one worker thread reparses (incrementally) and analyses changed documents.
#pragma once

namespace berth::lsp {

struct ServerOptions {
  // Leading-edge throttle per document: the first change after a quiet period is analysed at
  // once, later ones at most once per window (the newest text wins). initializationOptions
  // and settings can change it (`debounceMs`).
  int debounce_ms = 50;
};

// Serves until `exit` (or end of input) and returns the process exit code: 0 after
// `shutdown` then `exit`, 1 otherwise.
int run_server(int in_fd, int out_fd, const ServerOptions& options = {});

}  // namespace berth::lsp
