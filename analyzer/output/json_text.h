// Compact JSON text appended straight to a string. Report writers that emit thousands of
// small objects (SARIF results) use it instead of building an nlohmann tree per object and
// dumping it: on a large scan that tree building was most of the time spent in the writer.
// The bytes are exactly those of nlohmann's dump(-1, ' ', false, error_handler_t::replace).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace berth::output {

// `text` as a JSON string literal with its quotes. Invalid UTF-8 becomes U+FFFD exactly as
// nlohmann's `replace` handler does it (the rare slow path delegates to nlohmann).
void append_json_string(std::string& out, std::string_view text);

void append_json_number(std::string& out, uint64_t value);

}  // namespace berth::output
