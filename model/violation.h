// Invariant violations found while running a scenario. The harness never
// crashes on a runtime bug: it records what broke and stops the scenario.
#ifndef FUTURECHECK_MODEL_VIOLATION_H_
#define FUTURECHECK_MODEL_VIOLATION_H_

#include <cstddef>
#include <iterator>
#include <string>
#include <vector>

namespace fc::model {

enum class Invariant {
  kHostTrap,           // the runtime made the host trap (broke the spec's contract)
  kMemorySafety,       // double free, bad free, buffer freed/changed while the host may use it
  kMemoryLeak,         // guest allocation never freed
  kHandleLeak,         // future end or resource handle still in the guest's table at the end
  kValueLifetime,      // payload object destroyed twice
  kValueLeak,          // payload object never destroyed
  kResourceOwnership,  // a resource lost, or owned twice
  kOutcome,            // a write/read/cancel result disagrees with what the other end did
  kPanic,              // a panic that is not documented, or a documented one that did not happen
  kQuiescence,         // work or events left pending when everything was dropped
  kTaskMemory,         // task storage used or freed after it was freed, or while a frame/waker lives
  kTaskLeak,           // task storage never freed, or a frame never dropped
  kLostWakeup,         // a task that could make progress is not queued: nobody will poll it
  kStarvation,         // one turn of the task loop never ends (events cannot reach the guest)
  kHeldEnd,            // an end the guest program holds is not a live handle of its kind
  kLivelock,           // one step made the host do more work than any step may (a runaway loop)
  kCrash,              // the runtime crashed the process (a fault signal or an abort)
  kScript,             // the scenario asked for something impossible (a harness-user error)
};

const char* InvariantName(Invariant invariant);

// Every invariant a run checks: all but kScript, which flags a bad scenario
// rather than a runtime bug. Kept next to the enum so a new one is listed.
inline constexpr Invariant kCheckedInvariants[] = {
    Invariant::kHostTrap,    Invariant::kMemorySafety,      Invariant::kMemoryLeak,
    Invariant::kHandleLeak,  Invariant::kValueLifetime,     Invariant::kValueLeak,
    Invariant::kResourceOwnership, Invariant::kOutcome,     Invariant::kPanic,
    Invariant::kQuiescence,  Invariant::kTaskMemory,        Invariant::kTaskLeak,
    Invariant::kLostWakeup,  Invariant::kStarvation,        Invariant::kHeldEnd,
    Invariant::kLivelock,    Invariant::kCrash,
};
static_assert(std::size(kCheckedInvariants) == static_cast<size_t>(Invariant::kScript),
              "kCheckedInvariants must list every invariant declared before kScript");

struct Violation {
  Invariant invariant;
  std::string message;
};

class ViolationLog {
 public:
  void Add(Invariant invariant, std::string message);
  bool empty() const { return violations_.empty(); }
  const std::vector<Violation>& all() const { return violations_; }
  const Violation& first() const { return violations_.front(); }
  std::string ToString() const;

 private:
  std::vector<Violation> violations_;
};

}  // namespace fc::model

#endif  // FUTURECHECK_MODEL_VIOLATION_H_
