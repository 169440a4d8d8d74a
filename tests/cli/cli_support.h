// Helpers for the end-to-end tests: run build/berth as a subprocess, temporary copies of
// fixtures, golden-file comparison.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace berth::test {

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `berth ARGS...` in `cwd`, feeding `input` on stdin; `env` entries are added to (or,
// with an empty value, removed from) the environment.
RunResult run_berth(const std::vector<std::string>& args, const std::filesystem::path& cwd,
                    const std::string& input = "",
                    const std::map<std::string, std::string>& env = {});

// Runs any program (looked up on PATH).
RunResult run_program(const std::vector<std::string>& argv, const std::filesystem::path& cwd,
                      const std::string& input = "");

// A fresh directory under the system temp dir, removed by the destructor. It holds an empty
// `.git` directory so berth treats it as a repository root wherever the temp dir lives
// (SARIF %SRCROOT%, GitHub and GitLab paths are relative to it).
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// tests/cli/fixtures/<name> copied into `dir`.
void copy_fixture(const std::string& name, const std::filesystem::path& dir);

// Compares `actual` with tests/cli/golden/<name>; with BERTH_UPDATE_GOLDEN=1 rewrites it.
void check_golden(const std::string& name, const std::string& actual);

// Saves a SARIF log the tests produced, for the schema validation test (tests/sarif).
void save_sarif(const std::string& name, const std::string& text);

void write_text_file(const std::filesystem::path& path, const std::string& text);

}  // namespace berth::test
