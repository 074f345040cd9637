// libFuzzer target over whole scenarios: the bytes decode (byte_choices.h)
// to actions and intrinsic outcomes, which run against the runtime and the
// model; any broken invariant is a finding.
#include <cstddef>
#include <cstdint>

#include "absl/strings/string_view.h"
#include "fuzz/byte_choices.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const fc::fuzz::DecodeOptions options = fc::fuzz::DecodeOptions{};
  fc::fuzz::FuzzOneScenario(absl::string_view(reinterpret_cast<const char*>(data), size), options);
  return 0;
}
