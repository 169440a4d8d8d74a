// Short reference docs for Dockerfile instructions, shown on hover over a keyword.
#pragma once

#include <string_view>

namespace berth::lsp {

// Markdown for an instruction keyword (any case); empty when it is not one.
std::string_view instruction_docs(std::string_view keyword);

}  // namespace berth::lsp
