// How fast the property suite runs: cases/s and commands/s of the property
// over futures on the correct runtime, for one future and for several at once.
// Prints figures; asserts nothing about speed (see README for measured ones).
//
//   bazel run -c opt //props:property_benchmark -- [CASES]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/strings/numbers.h"
#include "props/property.h"
#include "props/property_stats.h"

int main(int argc, char** argv) {
  int cases = 2000;
  if (argc > 2 || (argc == 2 && (!absl::SimpleAtoi(argv[1], &cases) || cases <= 0))) {
    std::fprintf(stderr, "usage: property_benchmark [CASES]   (a positive number, default 2000)\n");
    return 2;
  }
  if (const char* env = std::getenv("RC_PARAMS"); env != nullptr && *env != '\0') {
    std::fprintf(stderr, "property_benchmark: unset RC_PARAMS; the case count is the argument\n");
    return 2;
  }
  std::printf("%-24s %8s %10s %12s %14s\n", "property", "cases", "seconds", "cases/s", "commands/s");
  for (uint32_t futures : {1u, 4u}) {
    fc::props::PropertyStats& stats = fc::props::PropertyStats::Get();
    stats.Reset();
    const auto start = std::chrono::steady_clock::now();
    rc::detail::TestResult result =
        fc::props::RunProperty("Benchmark", {.max_channels = futures}, cases);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!result.template is<rc::detail::SuccessResult>()) {
      std::fprintf(stderr, "property_benchmark: the property failed on the correct runtime\n");
      return 1;
    }
    const std::string name = "max_channels=" + std::to_string(futures);
    std::printf("%-24s %8llu %10.2f %12.0f %14.0f\n", name.c_str(),
                static_cast<unsigned long long>(stats.cases), seconds, stats.cases / seconds,
                stats.steps / seconds);
  }
  return 0;
}
