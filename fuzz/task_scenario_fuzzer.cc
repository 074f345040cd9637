// libFuzzer target over scenarios with coroutine tasks: like
// future_scenario_fuzzer, with task actions on (tasks awaiting reads and
// writes, relays, borrowed operations, busy yields, and cancellation of a
// task at any of its suspension points).
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
  static const fc::fuzz::DecodeOptions options = fc::fuzz::TaskOptions();
  fc::fuzz::FuzzOneScenario(absl::string_view(reinterpret_cast<const char*>(data), size), options);
  return 0;
}
