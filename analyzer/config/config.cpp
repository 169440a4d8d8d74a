// Reading `.berth.yaml` with yaml-cpp. Every key is checked: a typo must not silently turn
// a setting off, so unknown keys and wrong types are errors with the line they are on.
#include "analyzer/config/config.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "analyzer/engine/rule.h"

namespace berth {

std::string ConfigError::to_string() const {
  std::string out = path.empty() ? std::string("config") : path;
  if (line > 0) out += ":" + std::to_string(line);
  return out + ": " + message;
}

static std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

const RuleInfo* find_rule(const std::vector<const RuleInfo*>& rules,
                          std::string_view code_or_name) {
  const std::string wanted = lower(code_or_name);
  for (const RuleInfo* rule : rules) {
    if (lower(rule->code) == wanted || rule->name == wanted) return rule;
  }
  return nullptr;
}

std::optional<uint64_t> parse_size(std::string_view text) {
  size_t i = 0;
  uint64_t value = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
    if (value > (UINT64_MAX / 10)) return std::nullopt;
    value = value * 10 + static_cast<uint64_t>(text[i] - '0');
    ++i;
  }
  if (i == 0) return std::nullopt;
  std::string unit = lower(text.substr(i));
  unit.erase(std::remove(unit.begin(), unit.end(), ' '), unit.end());
  static const std::pair<const char*, uint64_t> kUnits[] = {{"", 1},
                                                            {"b", 1},
                                                            {"k", 1000},
                                                            {"kb", 1000},
                                                            {"kib", 1ull << 10},
                                                            {"m", 1000000},
                                                            {"mb", 1000000},
                                                            {"mib", 1ull << 20},
                                                            {"g", 1000000000},
                                                            {"gb", 1000000000},
                                                            {"gib", 1ull << 30}};
  for (const auto& [name, factor] : kUnits) {
    if (unit == name) return value * factor;
  }
  return std::nullopt;
}

namespace {

struct Reader {
  const std::string& path;
  const std::vector<const RuleInfo*>& rules;

  ConfigError error(const YAML::Node& node, std::string message) const {
    const YAML::Mark mark = node.Mark();
    return {path, mark.line >= 0 ? static_cast<uint32_t>(mark.line + 1) : 0, std::move(message)};
  }

  static std::string kind_name(const YAML::Node& node) {
    switch (node.Type()) {
      case YAML::NodeType::Map:
        return "a mapping";
      case YAML::NodeType::Sequence:
        return "a list";
      case YAML::NodeType::Scalar:
        return "a scalar";
      default:
        return "empty";
    }
  }

  std::optional<ConfigError> expect_scalar(const YAML::Node& node, const std::string& key) const {
    if (!node.IsScalar()) {
      return error(node, "'" + key + "' must be a scalar, not " + kind_name(node));
    }
    return std::nullopt;
  }

  std::optional<ConfigError> read_bool(const YAML::Node& node, const std::string& key,
                                       bool* out) const {
    if (auto e = expect_scalar(node, key)) return e;
    const std::string text = lower(node.Scalar());
    if (text == "true") {
      *out = true;
    } else if (text == "false") {
      *out = false;
    } else {
      return error(node, "'" + key + "' must be true or false, not '" + node.Scalar() + "'");
    }
    return std::nullopt;
  }

  std::optional<ConfigError> read_strings(const YAML::Node& node, const std::string& key,
                                          std::vector<std::string>* out) const {
    if (node.IsScalar()) {  // a single string is a one-element list
      out->push_back(node.Scalar());
      return std::nullopt;
    }
    if (!node.IsSequence()) {
      return error(node, "'" + key + "' must be a list of strings, not " + kind_name(node));
    }
    for (const auto& item : node) {
      if (!item.IsScalar()) {
        return error(item,
                     "'" + key + "' must be a list of strings; this item is " + kind_name(item));
      }
      out->push_back(item.Scalar());
    }
    return std::nullopt;
  }

  std::optional<ConfigError> read_level(const YAML::Node& node, const std::string& key,
                                        RuleSetting* setting) const {
    if (auto e = expect_scalar(node, key)) return e;
    const std::string text = lower(node.Scalar());
    if (text == "off" || text == "false") {
      setting->enabled = false;
      return std::nullopt;
    }
    if (text == "on" || text == "true") {
      setting->enabled = true;
      return std::nullopt;
    }
    if (auto severity = parse_severity(text)) {
      setting->enabled = true;
      setting->severity = severity;
      return std::nullopt;
    }
    return error(node, "rule '" + key + "': expected off, info, warning or error, not '" +
                           node.Scalar() + "'");
  }

  std::optional<ConfigError> read_option(const YAML::Node& node, const RuleInfo& rule,
                                         const std::string& option_name,
                                         RuleSetting* setting) const {
    const auto it = std::find_if(rule.options.begin(), rule.options.end(),
                                 [&](const RuleOption& o) { return o.name == option_name; });
    if (it == rule.options.end()) {
      std::string known;
      for (const RuleOption& o : rule.options)
        known += (known.empty() ? "" : ", ") + std::string(o.name);
      return error(node, "rule " + std::string(rule.code) + " (" + std::string(rule.name) +
                             ") has no option '" + option_name + "'" +
                             (known.empty() ? std::string(" (it has no options)")
                                            : " (options: " + known + ")"));
    }
    const std::string where = std::string(rule.name) + "." + option_name;
    switch (it->type) {
      case OptionType::Int: {
        if (auto e = expect_scalar(node, where)) return e;
        const std::string& text = node.Scalar();
        char* end = nullptr;
        const long long value = std::strtoll(text.c_str(), &end, 10);
        if (text.empty() || *end != '\0' || value < 0) {
          return error(node, "'" + where + "' must be a non-negative integer, not '" + text + "'");
        }
        setting->options[option_name] = static_cast<int64_t>(value);
        break;
      }
      case OptionType::Bool: {
        bool value = false;
        if (auto e = read_bool(node, where, &value)) return e;
        setting->options[option_name] = value;
        break;
      }
      case OptionType::String:
        if (auto e = expect_scalar(node, where)) return e;
        setting->options[option_name] = node.Scalar();
        break;
      case OptionType::StringList: {
        std::vector<std::string> values;
        if (auto e = read_strings(node, where, &values)) return e;
        setting->options[option_name] = std::move(values);
        break;
      }
    }
    return std::nullopt;
  }

  std::optional<ConfigError> read_rules(const YAML::Node& node, Config* config) const {
    if (node.IsNull()) return std::nullopt;
    if (!node.IsMap()) return error(node, "'rules' must be a mapping of rule to setting");
    for (const auto& entry : node) {
      const std::string key = entry.first.Scalar();
      const RuleInfo* rule = find_rule(rules, key);
      if (!rule) return error(entry.first, "unknown rule '" + key + "' in 'rules'");
      RuleSetting& setting = config->rules[std::string(rule->code)];
      const YAML::Node& value = entry.second;
      if (value.IsMap()) {
        setting.enabled = true;
        for (const auto& option : value) {
          const std::string option_name = option.first.Scalar();
          if (option_name == "severity" || option_name == "level") {
            if (auto e = read_level(option.second, key, &setting)) return e;
            continue;
          }
          if (auto e = read_option(option.second, *rule, option_name, &setting)) return e;
        }
      } else if (auto e = read_level(value, key, &setting)) {
        return e;
      }
    }
    return std::nullopt;
  }

  std::optional<ConfigError> read(const YAML::Node& root, Config* config) const {
    if (root.IsNull()) return std::nullopt;  // an empty file is a valid, empty config
    if (!root.IsMap()) return error(root, "the config must be a mapping of settings");
    for (const auto& entry : root) {
      const std::string key = entry.first.Scalar();
      const YAML::Node& value = entry.second;
      if (key == "rules") {
        if (auto e = read_rules(value, config)) return e;
      } else if (key == "trusted-registries") {
        if (auto e = read_strings(value, key, &config->trusted_registries)) return e;
      } else if (key == "target") {
        if (auto e = expect_scalar(value, key)) return e;
        config->target = value.Scalar();
      } else if (key == "build-args") {
        if (!value.IsMap()) return error(value, "'build-args' must be a mapping of NAME: value");
        for (const auto& arg : value) {
          if (auto e = expect_scalar(arg.second, "build-args." + arg.first.Scalar())) return e;
          config->build_args[arg.first.Scalar()] = arg.second.Scalar();
        }
      } else if (key == "exclude") {
        if (auto e = read_strings(value, key, &config->exclude)) return e;
      } else if (key == "fail-on") {
        if (auto e = expect_scalar(value, key)) return e;
        const std::string text = lower(value.Scalar());
        if (text == "none") {
          config->fail_on.level.reset();
        } else if (auto severity = parse_severity(text)) {
          config->fail_on.level = severity;
        } else {
          return error(value, "'fail-on' must be error, warning, info or none, not '" +
                                  value.Scalar() + "'");
        }
      } else if (key == "require-reason") {
        if (auto e = read_bool(value, key, &config->require_reason)) return e;
      } else if (key == "allow-inline-suppressions") {
        if (auto e = read_bool(value, key, &config->allow_inline_suppressions)) return e;
      } else if (key == "max-file-size") {
        if (auto e = expect_scalar(value, key)) return e;
        auto size = parse_size(value.Scalar());
        if (!size) {
          return error(
              value, "'max-file-size' must be a size such as 10MiB, not '" + value.Scalar() + "'");
        }
        config->max_file_size = *size;
      } else {
        return error(entry.first,
                     "unknown key '" + key +
                         "' (known: rules, trusted-registries, target, build-args, exclude, "
                         "fail-on, require-reason, allow-inline-suppressions, max-file-size)");
      }
    }
    return std::nullopt;
  }
};

}  // namespace

std::variant<Config, ConfigError> parse_config(const std::string& path, const std::string& text,
                                               const std::vector<const RuleInfo*>& rules) {
  Config config;
  config.path = path;
  try {
    const YAML::Node root = YAML::Load(text);
    Reader reader{path, rules};
    if (auto e = reader.read(root, &config)) return *e;
  } catch (const YAML::Exception& e) {
    return ConfigError{path, e.mark.line >= 0 ? static_cast<uint32_t>(e.mark.line + 1) : 0, e.msg};
  } catch (const std::exception& e) {
    return ConfigError{path, 0, e.what()};
  }
  return config;
}

std::variant<Config, ConfigError> load_config(const std::string& path,
                                              const std::vector<const RuleInfo*>& rules) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return ConfigError{path, 0, "cannot read config file"};
  std::ostringstream text;
  text << in.rdbuf();
  return parse_config(path, text.str(), rules);
}

std::optional<std::string> discover_config(const std::string& start_dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path dir = fs::absolute(start_dir, ec);
  if (ec) return std::nullopt;
  while (true) {
    for (const char* name : {".berth.yaml", ".berth.yml"}) {
      const fs::path candidate = dir / name;
      if (fs::is_regular_file(candidate, ec)) return candidate.string();
    }
    if (fs::exists(dir / ".git", ec) || !dir.has_parent_path() || dir.parent_path() == dir) {
      return std::nullopt;
    }
    dir = dir.parent_path();
  }
}

}  // namespace berth
