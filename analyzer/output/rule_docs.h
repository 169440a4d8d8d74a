// Rule documentation rendered from metadata: `berth explain`, `berth rules --format markdown`
// and the committed docs/rules/ pages all come from here.
#pragma once

#include <string>
#include <vector>

#include "analyzer/engine/rule.h"

namespace berth {

std::string rule_page_markdown(const RuleInfo& rule);
std::string rule_index_markdown(const std::vector<const Rule*>& rules);

}  // namespace berth
