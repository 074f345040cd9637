// Counters the property suite keeps while RapidCheck runs it, for the bug
// zoo's table (cases to first failure, shrunk length) and the benchmark
// (cases/s, commands/s). Single-threaded, like RapidCheck itself.
#ifndef FUTURECHECK_PROPS_PROPERTY_STATS_H_
#define FUTURECHECK_PROPS_PROPERTY_STATS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "scenario/run_result.h"

namespace fc::props {

struct PropertyStats {
  uint64_t cases = 0;     // property runs, shrinking included
  uint64_t steps = 0;     // commands executed against the runtime
  uint64_t failures = 0;  // failing runs, shrinking included
  // The last failing run: after shrinking, the minimal counterexample.
  uint64_t last_failure_length = 0;
  std::string last_failure_invariant;
  std::optional<scenario::RunResult> last_failure;  // saved to the findings folder

  static PropertyStats& Get() {
    static PropertyStats stats;
    return stats;
  }
  void Reset() { *this = PropertyStats(); }
};

}  // namespace fc::props

#endif  // FUTURECHECK_PROPS_PROPERTY_STATS_H_
