// Linked once per seeded runtime bug (//zoo:sut_<bug>, whose row of the zoo
// table, zoo/bugs.bzl, says which actions reach it): the property suite
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
#include "model/violation.h"
#include "props/property.h"
#include "props/property_stats.h"
#include "scenario/child_run.h"
#include "zoo/bug_info.h"

namespace {

int RunProperty(bool row_only, const fc::zoo::BugInfo& info) {
  const char* bug = info.name;
  fc::props::PropertyStats& stats = fc::props::PropertyStats::Get();
  stats.Reset();
  const auto start = std::chrono::steady_clock::now();
  rc::detail::TestResult result = fc::props::RunProperty(absl::StrFormat("Zoo/%s", bug),
                                                         {.max_channels = info.props_max_channels,
                                                          .streams = info.props_streams,
                                                          .tasks = info.props_tasks});
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  rc::detail::FailureResult failure;
  if (!result.match(failure)) {
    std::printf("%-28s NOT CAUGHT by the property suite in %d cases\n", bug,
                fc::props::kDefaultCases);
    return 1;
  }
  // A scenario the harness rejected is the suite's own bug, not the seeded one.
  if (stats.last_failure_invariant == fc::model::InvariantName(fc::model::Invariant::kScript)) {
    std::printf("%-28s NOT CAUGHT: the property failed on a script error, not an invariant\n", bug);
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
  const fc::zoo::BugInfo& info = fc::zoo::ThisBug();
  const char* bug = info.name;
  // A runtime that crashes the process ends the property run with the crash
  // reporter's report (no shrinking is possible): the run happens in a child,
  // and the row says no-crash with the crashed scenario's length, unshrunk.
  const auto start = std::chrono::steady_clock::now();
  const fc::scenario::ChildRun child =
      fc::scenario::RunInChild([&] { return RunProperty(row_only, info); });
  if (!child.crashed()) return child.exit_code;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!child.reported_crash) {
    std::printf("%-28s the property run died by %s without a crash report\n", bug, child.Cause());
    return 1;
  }
  std::printf("%-28s %-22s %6s %8s %8.2f\n", bug, "no-crash", "-",
              child.crash_actions ? std::to_string(*child.crash_actions).c_str() : "?", seconds);
  return 0;
}
