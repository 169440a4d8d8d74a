// libFuzzer target: bytes as a Dockerfile through the CLI's per-file pipeline to SARIF.
#include "tests/fuzz/fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  berth::fuzz::check_one_file(data, size, "Dockerfile", berth::FileKind::Dockerfile);
  return 0;
}
