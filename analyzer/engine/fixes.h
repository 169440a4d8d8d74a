// Applying fixes to text: shared by --fix, --diff, the fixture runner and the LSP.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analyzer/engine/finding.h"

namespace berth {

// Applies non-overlapping edits (sorted by position; an edit overlapping an earlier one is
// skipped, as the next run will offer it again). Returns the new text.
std::string apply_edits(std::string_view text, std::vector<TextEdit> edits,
                        size_t* skipped = nullptr);

// The edits of every fix in `findings` (safe ones only unless `include_unsafe`).
std::vector<TextEdit> collect_fix_edits(const std::vector<Finding>& findings, bool include_unsafe);

}  // namespace berth
