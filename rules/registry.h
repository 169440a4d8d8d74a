// The catalogue: every rule berth ships, in rules.def order.
#pragma once

#include <string_view>
#include <vector>

#include "analyzer/engine/rule.h"

namespace berth::rules {

const std::vector<const Rule*>& catalogue();

// The rule's directory relative to rules/ (where its fixtures are); empty if unknown.
std::string_view directory_of(std::string_view code);

}  // namespace berth::rules
