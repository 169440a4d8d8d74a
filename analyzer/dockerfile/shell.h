// RUN shell text parsed with tree-sitter-bash into simple commands with argv and spans.
#pragma once

#include "analyzer/dockerfile/model.h"

namespace berth::dockerfile {

// Parses `script.text` and fills `script.commands` (spans mapped back through
// `script.segments`).
void parse_shell_commands(ShellScript& script);

// The value of a bash word with quotes and escapes removed; expansions are kept as written.
std::string unquote_shell_word(std::string_view text);

}  // namespace berth::dockerfile
