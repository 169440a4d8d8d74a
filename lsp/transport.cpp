// Content-Length framing, tolerant of split reads, extra headers and garbage.
#include "lsp/transport.h"

#include <cctype>
#include <charconv>
#include <optional>

namespace berth::lsp {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Position of the next "content-length" (any case) at or after `from`, or npos.
size_t find_content_length(std::string_view text, size_t from) {
  static constexpr std::string_view kName = "content-length";
  for (size_t i = from; i + kName.size() <= text.size(); ++i) {
    if (iequals(text.substr(i, kName.size()), kName)) return i;
  }
  return std::string_view::npos;
}

}  // namespace

void FrameReader::compact() {
  // Erasing the consumed prefix on every message would be quadratic for a burst of small
  // messages; do it once it dominates the buffer.
  if (consumed_ > 0 && consumed_ * 2 >= buffer_.size()) {
    buffer_.erase(0, consumed_);
    consumed_ = 0;
  }
}

FrameReader::Status FrameReader::next(std::string* out) {
  compact();
  const std::string_view data = std::string_view(buffer_).substr(consumed_);
  const size_t header_end = data.find("\r\n\r\n");
  if (header_end == std::string_view::npos) {
    // Headers are small; a huge blob with no blank line is garbage, not a slow header.
    if (data.size() > 64 * 1024) {
      const size_t resync = find_content_length(data, 1);
      consumed_ += resync == std::string_view::npos ? data.size() - 3 : resync;
      *out = "header block too long or missing its blank line";
      return Status::BadHeader;
    }
    return Status::NeedMore;
  }
  const std::string_view headers = data.substr(0, header_end);
  std::optional<size_t> length;
  std::string problem;
  size_t pos = 0;
  while (pos <= headers.size() && problem.empty()) {
    size_t eol = headers.find("\r\n", pos);
    if (eol == std::string_view::npos) eol = headers.size();
    const std::string_view line = headers.substr(pos, eol - pos);
    pos = eol + 2;
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      problem = "malformed header line";
      break;
    }
    const std::string_view name = trim(line.substr(0, colon));
    const std::string_view value = trim(line.substr(colon + 1));
    if (iequals(name, "content-length")) {
      size_t parsed = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
      if (ec != std::errc() || end != value.data() + value.size() || value.empty()) {
        problem = "invalid Content-Length";
      } else if (parsed > kMaxBody) {
        problem = "Content-Length too large";
      } else {
        length = parsed;
      }
    }
    // Other headers (Content-Type) are accepted and ignored: the body is always UTF-8 JSON.
  }
  if (problem.empty() && !length) problem = "missing Content-Length header";
  if (!problem.empty()) {
    // Skip to the next plausible header rather than past the blank line: after a wrong
    // length the next real message often starts in the middle of this "header".
    const size_t resync = find_content_length(data, 1);
    consumed_ +=
        (resync != std::string_view::npos && resync < header_end + 4) ? resync : header_end + 4;
    *out = problem;
    return Status::BadHeader;
  }
  const size_t body_begin = header_end + 4;
  if (data.size() - body_begin < *length) return Status::NeedMore;
  out->assign(data.substr(body_begin, *length));
  consumed_ += body_begin + *length;
  return Status::Message;
}

std::string frame(std::string_view body) {
  std::string out = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  out.append(body);
  return out;
}

}  // namespace berth::lsp
