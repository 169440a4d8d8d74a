// berth: entry point. Dispatches to a subcommand; exit codes 0 clean, 1 findings, 2 usage,
// config or input error.
#include <cstring>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"
#ifdef BERTH_HAVE_LSP
#include "lsp/server.h"
#endif

static void print_usage(std::ostream& out) {
  out << "berth " BERTH_VERSION
         " - static analyzer for Dockerfiles and Kubernetes manifests\n\n"
         "usage:\n"
         "  berth check [PATH...] [options]   analyse files and directories (- reads stdin)\n"
         "  berth rules [--format text|markdown|json]   list the rule catalogue\n"
         "  berth explain RULE                 show one rule's documentation\n"
         "  berth dump FILE                    print the parsed model of a file\n"
         "  berth lsp                          run the language server on stdio\n"
         "  berth --version | --help\n\n"
         "Run `berth check --help` for the options of check.\n";
}

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    print_usage(std::cerr);
    return 2;
  }
  const std::string command = args.front();
  std::vector<std::string> rest(args.begin() + 1, args.end());
  try {
    if (command == "--version" || command == "-V" || command == "version") {
      std::cout << "berth " BERTH_VERSION "\n";
      return 0;
    }
    if (command == "--help" || command == "-h" || command == "help") {
      print_usage(std::cout);
      return 0;
    }
    if (command == "check") return berth::cli::run_check(rest);
    if (command == "rules") return berth::cli::run_rules(rest);
    if (command == "explain") return berth::cli::run_explain(rest);
    if (command == "dump") return berth::cli::run_dump(rest);
    if (command == "lsp") {
#ifdef BERTH_HAVE_LSP
      // `--stdio` is what editors pass by convention; stdio is the only transport anyway.
      for (const std::string& arg : rest) {
        if (arg != "--stdio" && !arg.starts_with("--clientProcessId")) {
          std::cerr << "berth lsp: unknown option '" << arg << "'\n";
          return 2;
        }
      }
      return berth::lsp::run_server(0, 1);
#else
      std::cerr << "berth: the language server is not built into this binary\n";
      return 2;
#endif
    }
    std::cerr << "berth: unknown command '" << command << "'\n\n";
    print_usage(std::cerr);
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "berth: " << e.what() << "\n";
    return 2;
  }
}
