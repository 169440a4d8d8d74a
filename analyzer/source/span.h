// Byte ranges into a source text: the canonical position of everything berth reports.
#pragma once

#include <cstdint>

namespace berth {

// Half-open byte range [begin, end) into one source text.
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;

  uint32_t size() const { return end - begin; }
  bool empty() const { return begin == end; }
  bool contains(uint32_t offset) const { return offset >= begin && offset < end; }
  bool contains(Span other) const { return other.begin >= begin && other.end <= end; }
  friend bool operator==(Span a, Span b) = default;
};

}  // namespace berth
