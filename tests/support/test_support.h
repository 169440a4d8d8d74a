// Helpers shared by the test binaries: where the repository and ../shared are, file reading.
#pragma once

#include <optional>
#include <string>

namespace berth::test {

std::string source_dir();    // the repository checkout
std::string berth_binary();  // build/berth

// ../shared (or $BERTH_SHARED_DIR). When absent, returns nullopt after printing a notice;
// with BERTH_REQUIRE_SHARED=1 in the environment, absence fails the calling test instead.
std::optional<std::string> shared_dir();

std::string read_file(const std::string& path);

}  // namespace berth::test
