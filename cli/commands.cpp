// `berth check`, `berth rules` and `berth explain`.
#include "cli/commands.h"

#include <unistd.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>

#include "analyzer/config/config.h"
#include "analyzer/engine/analyze.h"
#include "analyzer/output/fix_files.h"
#include "analyzer/output/report.h"
#include "analyzer/output/rule_docs.h"
#include "cli/report_file.h"
#include "rules/registry.h"

namespace po = boost::program_options;

namespace berth::cli {

namespace {

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::vector<const RuleInfo*> catalogue_infos() { return infos_of(rules::catalogue()); }

std::pair<std::string, std::string> split_assignment(const std::string& text, const char* flag) {
  const size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0) {
    throw UsageError(std::string(flag) + " expects NAME=VALUE, got '" + text + "'");
  }
  return {text.substr(0, eq), text.substr(eq + 1)};
}

}  // namespace

int run_check(const std::vector<std::string>& args) {
  po::options_description options("berth check [PATH...] options");
  // clang-format off
  options.add_options()
    ("help,h", "show this help")
    ("format,f", po::value<std::string>()->default_value("text"),
     "text | json | sarif | github | checkstyle | junit | gitlab")
    ("output,o", po::value<std::string>(), "write the report to FILE instead of stdout")
    ("config,c", po::value<std::string>(), "use this config file instead of discovering .berth.yaml")
    ("fail-on", po::value<std::string>(), "error | warning | info | none (default: warning)")
    ("enable", po::value<std::vector<std::string>>()->composing(), "enable a rule (code or name)")
    ("disable", po::value<std::vector<std::string>>()->composing(), "disable a rule")
    ("only", po::value<std::vector<std::string>>()->composing(), "run only these rules")
    ("severity", po::value<std::vector<std::string>>()->composing(), "RULE=LEVEL severity override")
    ("target", po::value<std::string>(), "the shipped Dockerfile stage (default: last)")
    ("build-arg", po::value<std::vector<std::string>>()->composing(), "K=V build arg for FROM resolution")
    ("fix", "apply safe fixes in place, then report what remains")
    ("diff", "print the safe fixes as a unified diff instead of a report; write nothing")
    ("jobs,j", po::value<unsigned>()->default_value(0), "worker threads (default: all cores)")
    ("sarif-category", po::value<std::string>(), "SARIF automationDetails.id")
    ("color", po::value<std::string>()->default_value("auto"), "auto | always | never")
    ("quiet,q", "no summary line")
    ("stdin-filename", po::value<std::string>(), "the name to report for stdin input")
    ("paths", po::value<std::vector<std::string>>()->composing(), "files and directories");
  // clang-format on
  po::positional_options_description positional;
  positional.add("paths", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(options).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "berth check: " << e.what() << "\n";
    return 2;
  }
  if (vm.count("help")) {
    std::cout << options << "\n";
    return 0;
  }
  try {
    std::vector<std::string> paths =
        vm.count("paths") ? vm["paths"].as<std::vector<std::string>>() : std::vector<std::string>{};
    ScanInput input;
    input.jobs = vm["jobs"].as<unsigned>();
    bool read_stdin = false;
    for (const std::string& path : paths) {
      if (path == "-") {
        read_stdin = true;
      } else {
        input.paths.push_back(path);
      }
    }
    if (paths.empty()) input.paths.push_back(".");
    if (read_stdin) {
      input.stdin_text = std::string(std::istreambuf_iterator<char>(std::cin), {});
      if (vm.count("stdin-filename")) input.stdin_filename = vm["stdin-filename"].as<std::string>();
    }

    // Config: --config, else the nearest .berth.yaml above the first path.
    Config config;
    std::optional<std::string> config_path;
    if (vm.count("config")) {
      config_path = vm["config"].as<std::string>();
    } else {
      std::string start = input.paths.empty() ? "." : input.paths.front();
      std::error_code ec;
      if (!std::filesystem::is_directory(start, ec)) {
        start = std::filesystem::path(start).parent_path().string();
        if (start.empty()) start = ".";
      }
      config_path = discover_config(start);
    }
    if (config_path) {
      auto loaded = load_config(*config_path, catalogue_infos());
      if (auto* error = std::get_if<ConfigError>(&loaded)) {
        std::cerr << "berth: " << error->to_string() << "\n";
        return 2;
      }
      config = std::move(std::get<Config>(loaded));
    }
    if (vm.count("target")) config.target = vm["target"].as<std::string>();
    if (vm.count("build-arg")) {
      for (const std::string& arg : vm["build-arg"].as<std::vector<std::string>>()) {
        auto [name, value] = split_assignment(arg, "--build-arg");
        config.build_args[name] = value;
      }
    }
    if (vm.count("fail-on")) {
      const std::string level = vm["fail-on"].as<std::string>();
      if (level == "none") {
        config.fail_on.level.reset();
      } else if (auto severity = parse_severity(level)) {
        config.fail_on.level = severity;
      } else {
        throw UsageError("--fail-on expects error, warning, info or none, got '" + level + "'");
      }
    }

    RuleSelection selection;
    // Repeatable, and each value may also be a comma-separated list: --only DF301,K8S201.
    auto list = [&](const char* name) {
      std::vector<std::string> out;
      if (!vm.count(name)) return out;
      for (const std::string& value : vm[name].as<std::vector<std::string>>()) {
        size_t start = 0;
        while (start <= value.size()) {
          const size_t comma = std::min(value.find(',', start), value.size());
          if (comma > start) out.push_back(value.substr(start, comma - start));
          start = comma + 1;
        }
      }
      return out;
    };
    selection.only = list("only");
    selection.enable = list("enable");
    selection.disable = list("disable");
    for (const std::string& item : list("severity")) {
      auto [name, level] = split_assignment(item, "--severity");
      auto severity = parse_severity(level);
      if (!severity)
        throw UsageError("--severity " + item + ": level must be error, warning or info");
      selection.severity.emplace_back(name, *severity);
    }
    auto resolved = RuleSet::resolve(rules::catalogue(), config, selection);
    if (auto* error = std::get_if<std::string>(&resolved)) throw UsageError(*error);
    const RuleSet& rule_set = std::get<RuleSet>(resolved);

    const std::string format = vm["format"].as<std::string>();
    static const std::vector<std::string> kFormats = {"text",       "json",  "sarif", "github",
                                                      "checkstyle", "junit", "gitlab"};
    if (std::find(kFormats.begin(), kFormats.end(), format) == kFormats.end()) {
      throw UsageError("unknown --format '" + format +
                       "' (text, json, sarif, github, checkstyle, junit, gitlab)");
    }
    const bool fix = vm.count("fix") > 0;
    const bool diff = vm.count("diff") > 0;
    if (fix && diff) throw UsageError("--fix and --diff exclude each other");
    if (fix && read_stdin) throw UsageError("--fix cannot rewrite stdin; use --diff");

    ScanResult result = scan(input, rule_set);

    ReportFile file;
    std::ostream* out = &std::cout;
    if (vm.count("output")) {
      if (!file.open(vm["output"].as<std::string>())) {
        throw UsageError("cannot write " + vm["output"].as<std::string>());
      }
      out = &file.stream();
    }
    // Flushes the report (and finishes the output file); false when it could not be written.
    auto flush_report = [&] {
      out->flush();
      const bool written = static_cast<bool>(*out);
      return vm.count("output") ? file.finish() && written : written;
    };
    auto report_errors = [&] {
      for (const FileError& error : result.errors) {
        std::cerr << "berth: " << error.path << ": " << error.message << "\n";
      }
    };
    auto exit_code = [&](bool failed) {
      if (failed || !result.errors.empty()) return 2;
      if (config.fail_on.level) {
        const std::optional<Severity> most_severe = result.findings.most_severe();
        if (most_severe && *most_severe >= *config.fail_on.level) return 1;
      }
      return 0;
    };

    bool fix_failed = false;
    if (fix || diff) {
      const std::vector<FixedFile> planned = plan_fixes(result, rule_set, input);
      size_t fixes = 0, files = 0, deferred = 0;
      for (const FixedFile& fixed : planned) {
        std::string error = fixed.error.value_or("");
        if (error.empty() && fix && fixed.after != fixed.before &&
            !write_fixed_file(fixed, &error)) {
          error = "not fixed: " + error;
        }
        if (!error.empty()) {
          std::cerr << "berth: " << fixed.path << ": " << error << "\n";
          fix_failed = true;
          continue;
        }
        fixes += fixed.fixes;
        deferred += fixed.deferred;
        if (fixed.after != fixed.before) ++files;
      }
      if (diff) {
        const size_t masked = write_unified_diff(planned, *out);
        if (!flush_report()) {
          std::cerr << "berth: cannot write the diff\n";
          return 2;
        }
        if (masked > 0) {
          std::cerr << "berth: --diff masked " << masked
                    << (masked == 1 ? " line that holds" : " lines that hold")
                    << " a secret; the hunks with them will not apply (use --fix instead)\n";
        }
        report_errors();
        return exit_code(fix_failed);
      }
      if (!vm.count("quiet")) {
        std::cerr << "berth: applied " << fixes << (fixes == 1 ? " fix" : " fixes") << " in "
                  << files << (files == 1 ? " file" : " files");
        if (deferred > 0) {
          std::cerr << "; " << deferred << " overlapping " << (deferred == 1 ? "fix" : "fixes")
                    << " left for the next run";
        }
        std::cerr << "\n";
      }
      // Report what is left, as a plain check of the fixed files would.
      if (files > 0) result = scan(input, rule_set);
    }

    ReportOptions report;
    report.quiet = vm.count("quiet") > 0;
    report.jobs = vm["jobs"].as<unsigned>();
    report.rewindable_output = vm.count("output") && file.rewindable();
    if (vm.count("sarif-category")) report.sarif_category = vm["sarif-category"].as<std::string>();
    const std::string color = vm["color"].as<std::string>();
    if (color != "auto" && color != "always" && color != "never") {
      throw UsageError("--color expects auto, always or never, got '" + color + "'");
    }
    // NO_COLOR (no-color.org) turns colour off unless it is asked for explicitly.
    const bool no_color = std::getenv("NO_COLOR") && *std::getenv("NO_COLOR");
    report.color =
        color == "always" || (color == "auto" && !vm.count("output") && !no_color && isatty(1));

    if (format == "json") {
      write_json(result, rule_set, report, *out);
    } else if (format == "sarif") {
      for (const std::string& notice : write_sarif(result, rule_set, report, *out)) {
        std::cerr << "berth: " << notice << "\n";
      }
    } else if (format == "github") {
      write_github(result, rule_set, report, *out);
    } else if (format == "checkstyle") {
      write_checkstyle(result, rule_set, report, *out);
    } else if (format == "junit") {
      write_junit(result, rule_set, report, *out);
    } else if (format == "gitlab") {
      write_gitlab(result, rule_set, report, *out);
    } else {
      write_text(result, rule_set, report, *out);
    }
    if (!flush_report()) {
      std::cerr << "berth: cannot write the report\n";
      return 2;
    }
    // The text report lists input errors itself; the others keep stdout machine-readable.
    if (format != "text") report_errors();
    return exit_code(fix_failed);
  } catch (const UsageError& e) {
    std::cerr << "berth check: " << e.what() << "\n";
    return 2;
  }
}

int run_rules(const std::vector<std::string>& args) {
  std::string format = "text";
  for (size_t i = 0; i < args.size(); ++i) {
    if ((args[i] == "--format" || args[i] == "-f") && i + 1 < args.size()) {
      format = args[++i];
    } else if (args[i].starts_with("--format=")) {
      format = args[i].substr(9);
    } else {
      std::cerr << "berth rules: unexpected argument '" << args[i] << "'\n";
      return 2;
    }
  }
  const auto& catalogue = rules::catalogue();
  if (format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const Rule* rule : catalogue) {
      const RuleInfo& info = rule->info();
      nlohmann::json aliases = nlohmann::json::array();
      for (const PeerAlias& alias : info.aliases) {
        aliases.push_back({{"tool", alias.tool}, {"id", alias.id}});
      }
      out.push_back({{"code", info.code},
                     {"name", info.name},
                     {"severity", to_string(info.severity)},
                     {"enabled_by_default", info.enabled_by_default},
                     {"summary", info.summary},
                     {"tags", info.tags},
                     {"security_severity", info.security_severity},
                     {"aliases", aliases},
                     {"fix", info.has_fix}});
    }
    std::cout << out.dump(2) << "\n";
  } else if (format == "markdown") {
    std::cout << rule_index_markdown(catalogue);
  } else if (format == "text") {
    for (const Rule* rule : catalogue) {
      const RuleInfo& info = rule->info();
      std::string code(info.code), name(info.name);
      code.resize(7, ' ');
      name.resize(36, ' ');
      std::string severity(to_string(info.severity));
      severity.resize(8, ' ');
      std::cout << code << " " << name << " " << severity << " "
                << (info.enabled_by_default ? "   " : "off") << " " << info.summary << "\n";
    }
  } else {
    std::cerr << "berth rules: unknown --format '" << format << "' (text, markdown, json)\n";
    return 2;
  }
  return 0;
}

int run_explain(const std::vector<std::string>& args) {
  if (args.size() != 1) {
    std::cerr << "usage: berth explain RULE\n";
    return 2;
  }
  const RuleInfo* info = find_rule(catalogue_infos(), args[0]);
  if (!info) {
    std::cerr << "berth explain: unknown rule '" << args[0] << "' (see `berth rules`)\n";
    return 2;
  }
  std::cout << rule_page_markdown(*info);
  return 0;
}

}  // namespace berth::cli
