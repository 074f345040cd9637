// The oracle's invariants, in one table: for each, the name every report
// prints (and zoo/bugs.bzl expects), what it means, and where it is checked.
// Everything that lists invariants comes from here: the README's table
// ("## The invariants", kept equal by //model:invariants_test), `futurecheck
// --list-invariants` (the same rows), and so the main job's summary.
//
//   for (const InvariantInfo& inv : CheckedInvariants()) Print(inv.name, inv.means);
//   log.Add(Invariant::kLostWakeup, "...");  // reported as InvariantName(...)
#ifndef FUTURECHECK_MODEL_INVARIANTS_H_
#define FUTURECHECK_MODEL_INVARIANTS_H_

#include <string>

#include "absl/types/span.h"

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
  kTaskMemory,         // task storage used after it was freed, or freed while a frame/waker lives
  kTaskLeak,           // task storage never freed, or a frame never dropped
  kLostWakeup,         // a task that must be polled to go on is not queued: nobody will poll it
  kStarvation,         // one turn of the task loop never ends (events cannot reach the guest)
  kPollAfterYield,     // a turn left tasks queued with an event ready, and the runtime never polled
  kHeldEnd,            // an end the guest program holds is not a live handle of its kind
  kLivelock,           // one step made the host do more work than any step may (a runaway loop)
  kCrash,              // the runtime crashed the process (a fault signal or an abort)
  kScript,             // the scenario asked for something impossible (a harness-user error)
};

struct InvariantInfo {
  Invariant invariant;
  const char* name;   // "no-lost-wakeup"
  const char* means;  // one sentence
  // Where it is checked: "path Function" items separated by "; ", each
  // naming one or more functions of that file ("path Class::A, B").
  const char* checked_in;
};

// Every invariant a run checks, in the enum's order: all but kScript, which
// flags a bad scenario rather than a runtime bug.
absl::Span<const InvariantInfo> CheckedInvariants();

// The name reports print ("no-lost-wakeup"; kScript: "scenario-script").
const char* InvariantName(Invariant invariant);

// The table in Markdown, header first, one row per checked invariant: the
// README's table under "## The invariants".
std::string InvariantTableMarkdown();

}  // namespace fc::model

#endif  // FUTURECHECK_MODEL_INVARIANTS_H_
