// Test helpers: locating inputs, and the skip-or-fail policy for ../shared.
#include "tests/support/test_support.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace berth::test {

std::string source_dir() { return BERTH_SOURCE_DIR; }
std::string berth_binary() { return BERTH_BINARY; }

std::optional<std::string> shared_dir() {
  const char* env = std::getenv("BERTH_SHARED_DIR");
  std::string dir = env && *env ? env : BERTH_DEFAULT_SHARED_DIR;
  if (std::filesystem::is_directory(dir + "/corpus")) return dir;
  const char* require = std::getenv("BERTH_REQUIRE_SHARED");
  if (require && std::string(require) == "1") {
    FAIL("shared/ not found at " << dir << " and BERTH_REQUIRE_SHARED=1");
  } else {
    MESSAGE("SKIPPED: shared/ not found at " << dir << " (set BERTH_SHARED_DIR)");
  }
  return std::nullopt;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace berth::test
