// libFuzzer target over scenarios with futures and streams: like
// future_scenario_fuzzer, with stream actions on (partial transfers,
// DROPPED(n), zero-length copies, write-all loops, the copy limit).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "absl/strings/string_view.h"
#include "fuzz/byte_choices.h"
#include "fuzz/failure_report.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const fc::fuzz::DecodeOptions options = fc::fuzz::StreamOptions();
  const fc::fuzz::DecodedRun run =
      fc::fuzz::RunBytes(absl::string_view(reinterpret_cast<const char*>(data), size), options);
  if (!run.result.ok()) {
    const std::string report = fc::fuzz::FailureReport(run.result);
    std::fwrite(report.data(), 1, report.size(), stderr);
    std::fflush(stderr);
    std::abort();
  }
  return 0;
}
