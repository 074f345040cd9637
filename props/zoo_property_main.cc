// Built once per seeded runtime bug (tools/variants.bzl): the property suite
// must fail on the broken runtime. Prints one row of the zoo table
// (tools/zoo.sh): bug, invariant of the shrunk counterexample, cases to the
// first failure, shrunk length, and the counterexample itself. A bug that
// crashes the process is caught by the crash reporter instead: its row shows
// no-crash, "-" cases and the crashed scenario's length (not shrunk).
// Exit status: 0 when the property caught the bug, 1 when it did not.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <sstream>
#include <string>

#include "absl/strings/str_format.h"
#include "props/future_property.h"
#include "props/property_stats.h"
#include "scenario/child_run.h"
#include "runtime/seeded_bugs.h"

#define FC_STRINGIFY_INNER(x) #x
#define FC_STRINGIFY(x) FC_STRINGIFY_INNER(x)

static_assert(fc::rt::kSeededBug != fc::rt::SeededBug::kNone, "this test needs a seeded bug");

namespace {

int RunProperty(bool row_only, const char* bug) {
  fc::props::PropertyStats& stats = fc::props::PropertyStats::Get();
  stats.Reset();
  const auto start = std::chrono::steady_clock::now();
  // Stream bugs need stream actions; futures-only runs keep their figures.
  const bool stream_bug = std::strncmp(bug, "kStream", 7) == 0;
  const bool task_bug = std::strncmp(bug, "kTask", 5) == 0;
  const bool stream_task_bug = std::strncmp(bug, "kTaskStream", 11) == 0;
  rc::detail::TestResult result = fc::props::RunFutureProperty(
      absl::StrFormat("Zoo/%s", bug),
      {.max_futures = stream_bug || stream_task_bug ? 2u : 3u,
       .streams = stream_bug || stream_task_bug,
       .tasks = task_bug});
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  rc::detail::FailureResult failure;
  if (!result.match(failure)) {
    std::printf("%-28s NOT CAUGHT by the property suite in %d cases\n", bug,
                fc::props::kDefaultCases);
    return 1;
  }
  if (!row_only) {
    std::ostringstream message;
    rc::detail::printResultMessage(result, message);
    std::printf("%s\n", message.str().c_str());
  }
  std::printf("%-28s %-22s %6d %8llu %8.2f\n", bug, stats.last_failure_invariant.c_str(),
              failure.numSuccess + 1, static_cast<unsigned long long>(stats.last_failure_length),
              seconds);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const bool row_only = argc > 1 && std::strcmp(argv[1], "--row") == 0;
  const char* bug = FC_STRINGIFY(FUTURECHECK_SEEDED_BUG);
  // A runtime that crashes the process ends the property run with the crash
  // reporter's report (no shrinking is possible): the run happens in a child,
  // and the row says no-crash with the crashed scenario's length, unshrunk.
  const auto start = std::chrono::steady_clock::now();
  const fc::scenario::ChildRun child =
      fc::scenario::RunInChild([&] { return RunProperty(row_only, bug); });
  if (!child.crashed()) return child.exit_code;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!child.reported_crash) {
    std::printf("%-28s the property run died by %s without a crash report\n", bug,
                child.Cause());
    return 1;
  }
  std::printf("%-28s %-22s %6s %8s %8.2f\n", bug, "no-crash", "-",
              child.crash_actions ? std::to_string(*child.crash_actions).c_str() : "?", seconds);
  return 0;
}
