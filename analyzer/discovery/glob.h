// Path globs as in .gitignore and config `exclude`: `*` and `?` stay within one path
// segment, `**` crosses segments, `[...]` classes, `\` escapes.
#pragma once

#include <string_view>

namespace berth {

bool glob_match(std::string_view pattern, std::string_view path);

}  // namespace berth
