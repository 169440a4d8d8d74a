// Builds the catalogue from rules.def: each entry names a factory defined in its rule.cpp.
#include "rules/registry.h"

#define BERTH_RULE(code, dir) const berth::Rule& rule_##code();
namespace berth::rules {
#include "rules/rules.def"
}
#undef BERTH_RULE

namespace berth::rules {

const std::vector<const Rule*>& catalogue() {
#define BERTH_RULE(code, dir) &rule_##code(),
  static const std::vector<const Rule*> rules = {
#include "rules/rules.def"
  };
#undef BERTH_RULE
  return rules;
}

std::string_view directory_of(std::string_view code) {
  struct Entry {
    std::string_view code, dir;
  };
#define BERTH_RULE(code, dir) {#code, dir},
  static constexpr Entry kEntries[] = {
#include "rules/rules.def"
  };
#undef BERTH_RULE
  for (const Entry& entry : kEntries) {
    if (entry.code == code) return entry.dir;
  }
  return {};
}

}  // namespace berth::rules
