#include "model/violation.h"

#include <utility>

#include "absl/strings/str_format.h"

namespace fc::model {

const char* InvariantName(Invariant invariant) {
  switch (invariant) {
    case Invariant::kHostTrap:
      return "no-host-trap";
    case Invariant::kMemorySafety:
      return "buffer-safety";
    case Invariant::kMemoryLeak:
      return "no-memory-leak";
    case Invariant::kHandleLeak:
      return "no-handle-leak";
    case Invariant::kValueLifetime:
      return "no-double-drop";
    case Invariant::kValueLeak:
      return "no-value-leak";
    case Invariant::kResourceOwnership:
      return "resource-ownership";
    case Invariant::kOutcome:
      return "outcome-matches-peer";
    case Invariant::kPanic:
      return "panics-as-documented";
    case Invariant::kQuiescence:
      return "quiescence";
    case Invariant::kTaskMemory:
      return "task-use-after-free";
    case Invariant::kTaskLeak:
      return "no-task-leak";
    case Invariant::kLostWakeup:
      return "no-lost-wakeup";
    case Invariant::kStarvation:
      return "no-starvation";
    case Invariant::kHeldEnd:
      return "held-ends-live";
    case Invariant::kLivelock:
      return "no-livelock";
    case Invariant::kCrash:
      return "no-crash";
    case Invariant::kScript:
      return "scenario-script";
  }
  return "?";
}

void ViolationLog::Add(Invariant invariant, std::string message) {
  violations_.push_back(Violation{invariant, std::move(message)});
}

std::string ViolationLog::ToString() const {
  std::string out;
  for (const Violation& v : violations_) {
    absl::StrAppendFormat(&out, "  [%s] %s\n", InvariantName(v.invariant), v.message);
  }
  return out;
}

}  // namespace fc::model
