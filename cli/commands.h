// The subcommands of `berth`; each returns the process exit code.
#pragma once

#include <string>
#include <vector>

namespace berth::cli {

int run_check(const std::vector<std::string>& args);
int run_rules(const std::vector<std::string>& args);
int run_explain(const std::vector<std::string>& args);
int run_dump(const std::vector<std::string>& args);

}  // namespace berth::cli
