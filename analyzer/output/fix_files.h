// `--fix` and `--diff`: safe fixes applied to the files they came from. Fixes are byte edits
// into the text that was analysed, so each file is read again, re-analysed, and only fixed
// when that analysis agrees with the scan's (the file did not change in between); the write
// is atomic and refused if the file changed after it was read.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "analyzer/engine/analyze.h"

namespace berth {

struct FixedFile {
  std::string path;     // display path (as reported)
  std::string before;   // the text that was read and analysed
  std::string after;    // with every applicable safe fix applied
  size_t fixes = 0;     // findings whose fix was applied
  size_t deferred = 0;  // safe fixes overlapping an applied one: the next run applies them
  std::optional<std::string> error;  // why the file is not fixed (then `after` == `before`)
  std::vector<Span> secrets;         // secret values in `before`, which a diff must not show
};

// Plans the safe fixes of `result`, one entry per file that has any, in report order.
// `input` supplies the stdin text for findings reported under its stdin name.
std::vector<FixedFile> plan_fixes(const ScanResult& result, const RuleSet& rules,
                                  const ScanInput& input);

// Replaces the file with `fixed.after`: a temporary file in the same directory, fsync,
// rename over the original (so a reader never sees half a file), original mode kept.
// Refuses when the file on disk no longer has the size and hash of `fixed.before`.
bool write_fixed_file(const FixedFile& fixed, std::string* error);

// A unified diff (`--- a/PATH` / `+++ b/PATH`, up to 3 lines of context) of every changed
// file, as `git apply` and `patch -p1` accept it. Lines holding a secret value are never
// printed: context stops short of them (hunks split around them), and a changed line or the
// only trailing context line that holds one is printed masked, which makes that hunk fail to
// apply. Returns the number of masked lines.
size_t write_unified_diff(const std::vector<FixedFile>& files, std::ostream& out);

}  // namespace berth
