// EXPOSE argument parsing shared by the DF4xx rules.
#include "rules/support/expose_ports.h"

#include <cctype>
#include <map>

#include "rules/support/shell_commands.h"

namespace berth::rules::expose {
namespace {

bool parse_number(std::string_view text, uint32_t* value) {
  if (text.empty() || text.size() > 9) return false;
  uint32_t result = 0;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    result = result * 10 + static_cast<uint32_t>(c - '0');
  }
  *value = result;
  return true;
}

// `$PORT`/`${PORT:-80}` with the values ARG/ENV give them before `at`, plus global ARG
// defaults; unresolved when a variable has no value.
std::string resolve(const dockerfile::Dockerfile& file, const dockerfile::Instruction& at,
                    std::string_view text, bool* unresolved) {
  std::map<std::string, std::string> scope;
  for (const dockerfile::Instruction* arg : file.global_args) {
    for (const dockerfile::KeyValue& pair : arg->pairs) {
      if (pair.value) scope[pair.key.text] = pair.value->text;
    }
  }
  for (size_t dollar = text.find('$'); dollar != std::string_view::npos;
       dollar = text.find('$', dollar + 1)) {
    size_t begin = dollar + 1;
    if (begin < text.size() && text[begin] == '{') ++begin;
    size_t end = begin;
    while (end < text.size() &&
           (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_')) {
      ++end;
    }
    const std::string name(text.substr(begin, end - begin));
    if (name.empty()) continue;
    if (auto value = shell::stage_variable(file, at, name)) scope[name] = *value;
  }
  return dockerfile::substitute(text, scope, unresolved);
}

}  // namespace

PortSpec parse_port(std::string_view text) {
  PortSpec spec;
  spec.text = std::string(text);
  std::string_view port = text;
  if (const size_t slash = text.find('/'); slash != std::string_view::npos) {
    spec.protocol = std::string(text.substr(slash + 1));
    port = text.substr(0, slash);
    if (spec.protocol.empty()) spec.protocol = "/";  // `80/`: an empty protocol is invalid
  }
  if (port.find(':') != std::string_view::npos) {
    spec.host_mapping = true;
    port = port.substr(port.rfind(':') + 1);
  }
  const size_t dash = port.find('-');
  if (dash == std::string_view::npos) {
    spec.numeric = parse_number(port, &spec.low);
    spec.high = spec.low;
  } else {
    spec.numeric = parse_number(port.substr(0, dash), &spec.low) &&
                   parse_number(port.substr(dash + 1), &spec.high);
  }
  return spec;
}

void for_each_port(
    const dockerfile::Dockerfile& file,
    const std::function<void(const dockerfile::Instruction&, const PortSpec&)>& visit) {
  for (const auto& top : file.instructions) {
    const dockerfile::Instruction* instruction = top.get();
    if (instruction->onbuild) instruction = instruction->onbuild.get();
    if (instruction->kind != dockerfile::InstructionKind::Expose) continue;
    for (const dockerfile::Word& word : instruction->args) {
      PortSpec spec;
      if (word.text.find('$') != std::string::npos) {
        // `ENV PORT=${CUSTOM_PORT}`: a value may name more variables; a few rounds resolve
        // chains, and whatever still holds a `$` is unknown.
        bool unresolved = false;
        std::string text = word.text;
        for (int round = 0; round < 4 && !unresolved && text.find('$') != std::string::npos;
             ++round) {
          text = resolve(file, *instruction, text, &unresolved);
        }
        spec = parse_port(text);
        spec.unresolved = unresolved || text.find('$') != std::string::npos;
      } else {
        spec = parse_port(word.text);
      }
      spec.word = &word;
      visit(*instruction, spec);
    }
  }
}

}  // namespace berth::rules::expose
