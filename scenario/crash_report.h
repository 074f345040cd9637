// When the runtime under test crashes the process (SIGSEGV, SIGBUS, SIGILL,
// SIGFPE, SIGABRT, or an error a sanitizer reports), no driver can report
// it the usual way: the process is gone. The crash reporter leaves at least
// the scenario that was running and how to replay it: it prints to stderr
//
//   futurecheck: the runtime crashed (SIGSEGV) running the scenario below
//   futurecheck: invariant: no-crash
//   futurecheck: scenario (5 actions) saved to DIR/no-crash-<hash>/scenario.txt
//   ... the scenario in text form ...
//   futurecheck: replay it against the same runtime build with
//     repro --from-scenario=DIR/no-crash-<hash>/scenario.txt
//
// then hands the signal to whoever handled it before (libFuzzer, a
// sanitizer, or the default action), so fuzzers still save their crash input
// and the process still dies by the signal. DIR is the findings folder
// (findings.h: $FUTURECHECK_FINDINGS_DIR, else findings/ where bazel run or
// bazel test puts it, else in the working directory); the crash is a
// finding like any other (scenario.txt, report.txt, found-by.txt), named by
// a hash of the scenario, so reruns do not duplicate.
//
// The session running a step marks itself with a CrashScope; the reporter
// asks it for its scenario so far (the step in progress included). Writing
// the report allocates, which a signal handler should not: it is a last
// resort after a crash in the runtime, not in the allocator.
#ifndef FUTURECHECK_SCENARIO_CRASH_REPORT_H_
#define FUTURECHECK_SCENARIO_CRASH_REPORT_H_

#include <string>

namespace fc::scenario {

// What the crashed run was: the scenario's text form and its action count.
struct CrashContext {
  std::string (*describe)(const void* self, size_t* actions) = nullptr;
  const void* self = nullptr;
};

// Installs the signal handlers once per process (idempotent).
void InstallCrashReporter();

// Marks `context` as the run in progress for as long as it lives (nests).
class CrashScope {
 public:
  explicit CrashScope(const CrashContext& context);
  ~CrashScope();
  CrashScope(const CrashScope&) = delete;
  CrashScope& operator=(const CrashScope&) = delete;

 private:
  const CrashContext* outer_;
};

}  // namespace fc::scenario

#endif  // FUTURECHECK_SCENARIO_CRASH_REPORT_H_
