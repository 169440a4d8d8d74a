// JSON-RPC base protocol framing: `Content-Length: N\r\n\r\n` then N bytes of UTF-8 JSON.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace berth::lsp {

// Splits a byte stream into message bodies. Bytes arrive in arbitrary pieces (a header may be
// split anywhere); a malformed header block is reported once and skipped, after which the
// reader resynchronises on the next `Content-Length` it sees, so one bad message never ends
// the session.
class FrameReader {
 public:
  enum class Status { Message, NeedMore, BadHeader };

  // Largest body accepted; a bigger Content-Length is a bad header (no unbounded buffering).
  static constexpr size_t kMaxBody = 256u << 20;

  void feed(std::string_view bytes) { buffer_.append(bytes); }
  // Message: `*out` is the next body. BadHeader: `*out` says what was wrong.
  Status next(std::string* out);
  size_t buffered() const { return buffer_.size() - consumed_; }

 private:
  void compact();

  std::string buffer_;
  size_t consumed_ = 0;  // bytes of buffer_ already returned or skipped
};

// A message framed for the wire. Content-Length counts bytes, not characters.
std::string frame(std::string_view body);

}  // namespace berth::lsp
