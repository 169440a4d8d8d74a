// EXPOSE arguments read once for DF401-DF403: `80`, `80/tcp`, `8000-8010/udp`, `$PORT`,
// and the invalid forms (`8080:80`, `70000`, `80/http`).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "analyzer/dockerfile/model.h"

namespace berth::rules::expose {

struct PortSpec {
  const dockerfile::Word* word = nullptr;
  std::string text;         // after variable substitution
  bool unresolved = false;  // a variable without a value: nothing is known
  // Parsed parts; meaningful when `unresolved` is false.
  bool host_mapping = false;  // `8080:80`, `127.0.0.1:80`
  bool numeric = false;       // the port part is `N` or `N-M` with digits only
  uint32_t low = 0, high = 0;
  std::string protocol;  // as written, empty when absent (tcp)
  uint32_t count() const { return high >= low ? high - low + 1 : 0; }
};

// Every port argument of every EXPOSE of the file (also ONBUILD EXPOSE), with `$VAR`
// resolved from the ARG/ENV values in scope.
void for_each_port(
    const dockerfile::Dockerfile& file,
    const std::function<void(const dockerfile::Instruction&, const PortSpec&)>& visit);

PortSpec parse_port(std::string_view text);

}  // namespace berth::rules::expose
