// libFuzzer target over whole scenarios: the bytes decode (byte_choices.h)
// to actions and intrinsic outcomes, which run against the runtime and the
// model; any broken invariant is a finding.
#include <cstddef>
#include <cstdint>

#include "absl/strings/string_view.h"
#include "fuzz/byte_choices.h"
#include "fuzz/fuzzer_spec.h"

// `--spec=REVISION` or FUTURECHECK_SPEC (fuzz/fuzzer_spec.h).
extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  return fc::fuzz::InitFuzzerSpec(*argc, *argv);
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const fc::fuzz::DecodeOptions options = fc::fuzz::DecodeOptions{};
  fc::fuzz::FuzzOneScenario(absl::string_view(reinterpret_cast<const char*>(data), size), options);
  return 0;
}
