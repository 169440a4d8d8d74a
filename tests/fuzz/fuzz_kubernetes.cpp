// libFuzzer target: bytes as a YAML file (Kubernetes manifests, or a Helm template when the
// text has template actions) through the per-file pipeline and the cross-resource pass to
// SARIF.
#include "tests/fuzz/fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  berth::fuzz::check_one_file(data, size, "manifest.yaml", berth::FileKind::Yaml);
  return 0;
}
