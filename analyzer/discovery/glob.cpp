// Iterative glob matcher with single-star and double-star backtracking points, so matching
// is linear-ish and never recursive (no stack blow-up on hostile patterns).
#include "analyzer/discovery/glob.h"

namespace berth {

namespace {

// Matches a `[...]` class at pattern[p] against c; returns the index after the class, or
// npos when the class is malformed (then '[' is literal).
size_t match_class(std::string_view pattern, size_t p, char c, bool* matched) {
  size_t i = p + 1;
  bool negate = false;
  if (i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^')) {
    negate = true;
    ++i;
  }
  bool found = false;
  bool first = true;
  while (i < pattern.size() && (pattern[i] != ']' || first)) {
    first = false;
    char low = pattern[i];
    if (low == '\\' && i + 1 < pattern.size()) low = pattern[++i];
    char high = low;
    if (i + 2 < pattern.size() && pattern[i + 1] == '-' && pattern[i + 2] != ']') {
      high = pattern[i + 2];
      i += 2;
    }
    if (c >= low && c <= high) found = true;
    ++i;
  }
  if (i >= pattern.size()) return std::string_view::npos;
  *matched = (found != negate) && c != '/';
  return i + 1;
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
  size_t p = 0, s = 0;
  size_t star_p = std::string_view::npos, star_s = 0;    // last `*`
  size_t dstar_p = std::string_view::npos, dstar_s = 0;  // last `**`
  while (s < path.size()) {
    if (p < pattern.size()) {
      const char pc = pattern[p];
      if (pc == '*') {
        if (p + 1 < pattern.size() && pattern[p + 1] == '*') {
          // `**/` also matches zero segments.
          size_t next = p + 2;
          if (next < pattern.size() && pattern[next] == '/') ++next;
          dstar_p = next;
          dstar_s = s;
          star_p = std::string_view::npos;
          p = next;
          continue;
        }
        star_p = ++p;
        star_s = s;
        continue;
      }
      if (pc == '?' && path[s] != '/') {
        ++p;
        ++s;
        continue;
      }
      if (pc == '[') {
        bool matched = false;
        const size_t after = match_class(pattern, p, path[s], &matched);
        if (after != std::string_view::npos) {
          if (matched) {
            p = after;
            ++s;
            continue;
          }
        } else if (path[s] == '[') {
          ++p;
          ++s;
          continue;
        }
      } else {
        char literal = pc;
        size_t width = 1;
        if (pc == '\\' && p + 1 < pattern.size()) {
          literal = pattern[p + 1];
          width = 2;
        }
        if (literal == path[s] && pc != '?') {
          p += width;
          ++s;
          continue;
        }
      }
    }
    // Mismatch: backtrack to the last `*` (within the segment), then to the last `**`.
    if (star_p != std::string_view::npos && path[star_s] != '/') {
      p = star_p;
      s = ++star_s;
      continue;
    }
    if (dstar_p != std::string_view::npos) {
      p = dstar_p;
      s = ++dstar_s;
      star_p = std::string_view::npos;
      continue;
    }
    return false;
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  // A trailing `/**` matches everything below, including nothing more.
  if (pattern.substr(p) == "/**") return true;
  return p == pattern.size();
}

}  // namespace berth
