// libFuzzer target over whole scenarios: the bytes decode (byte_choices.h)
// to actions and intrinsic outcomes, which run against the runtime and the
// model; any broken invariant is a finding.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "absl/strings/string_view.h"
#include "fuzz/byte_choices.h"
#include "fuzz/failure_report.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const fc::fuzz::DecodedRun run =
      fc::fuzz::RunBytes(absl::string_view(reinterpret_cast<const char*>(data), size));
  if (!run.result.ok()) {
    const std::string report = fc::fuzz::FailureReport(run.result);
    std::fwrite(report.data(), 1, report.size(), stderr);
    std::fflush(stderr);
    std::abort();
  }
  return 0;
}
