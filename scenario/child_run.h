// Runs a piece of a driver in a forked child, so that a runtime that crashes
// the process (see crash_report.h) is reported by the parent instead of
// ending it: the reproducer replays crash files this way, and the bug zoo's
// property runner runs the whole property this way.
//
//   ChildRun run = RunInChild([&] { return ReplayOne(path); });
//   if (run.signal != 0) { ... run.crash_actions: the crashed scenario's length ... }
//
// The child's stdout is inherited; its stderr is both passed through and
// captured, so the parent can read the crash reporter's lines.
#ifndef FUTURECHECK_SCENARIO_CHILD_RUN_H_
#define FUTURECHECK_SCENARIO_CHILD_RUN_H_

#include <cstddef>
#include <optional>
#include <string>

#include "absl/functional/function_ref.h"

namespace fc::scenario {

struct ChildRun {
  int exit_code = -1;  // when the child exited
  int signal = 0;      // when a signal ended it (0: it exited)
  std::string stderr_text;
  // From the crash reporter's report, if it printed one: whether it named
  // the no-crash invariant, and the crashed scenario's number of actions.
  bool reported_crash = false;
  std::optional<size_t> crash_actions;

  // Whether the child died of a crash: a signal, or a sanitizer error (which
  // exits with a plain code after the crash reporter's report).
  bool crashed() const { return signal != 0 || reported_crash; }
  // "SIGSEGV", or "a sanitizer error".
  const char* Cause() const;
};

// Runs `body` in a child process; its return value is the child's exit code.
// If fork fails, runs `body` here.
ChildRun RunInChild(absl::FunctionRef<int()> body);

// The name of signal `sig` (SIGSEGV, ...), for reports.
const char* SignalName(int sig);

}  // namespace fc::scenario

#endif  // FUTURECHECK_SCENARIO_CHILD_RUN_H_
