// Fix application: edits are applied back to front so earlier offsets stay valid.
#include "analyzer/engine/fixes.h"

#include <algorithm>

namespace berth {

std::string apply_edits(std::string_view text, std::vector<TextEdit> edits, size_t* skipped) {
  std::stable_sort(edits.begin(), edits.end(), [](const TextEdit& a, const TextEdit& b) {
    return a.span.begin < b.span.begin;
  });
  std::string out;
  out.reserve(text.size());
  uint32_t position = 0;
  size_t skipped_count = 0;
  for (const TextEdit& edit : edits) {
    if (edit.span.begin < position || edit.span.end > text.size() ||
        edit.span.end < edit.span.begin) {
      ++skipped_count;
      continue;
    }
    out.append(text.substr(position, edit.span.begin - position));
    out.append(edit.replacement);
    position = edit.span.end;
  }
  out.append(text.substr(std::min<size_t>(position, text.size())));
  if (skipped) *skipped = skipped_count;
  return out;
}

std::vector<TextEdit> collect_fix_edits(const std::vector<Finding>& findings, bool include_unsafe) {
  std::vector<TextEdit> edits;
  for (const Finding& finding : findings) {
    if (!finding.fix || (!finding.fix->safe && !include_unsafe)) continue;
    edits.insert(edits.end(), finding.fix->edits.begin(), finding.fix->edits.end());
  }
  return edits;
}

}  // namespace berth
