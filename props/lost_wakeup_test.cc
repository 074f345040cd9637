// no-lost-wakeup is decided from the host's state, not from the executor's
// report about itself. Linked with kTaskStreamWriteAllSkipsPoll: its
// write-all returns pending after a partial copy without starting the next
// one, so the task's end is idle with nothing to come from the host, while
// the executor reports nothing for the task to do. Only the host's state
// says the task had to be queued.
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "model/violation.h"
#include "scenario/runner.h"
#include "scenario/scenario_text.h"

namespace fc::scenario {
namespace {

// The explorer's shortest counterexample for the bug (stream-tasks).
constexpr char kWriteAllOverPartialCopy[] =
    "new-stream u32\n"
    "task-stream-write s0 5\n"
    "peer-stream-read s0 1\n"
    "outcomes: COMPLETED(1)\n";

TEST(LostWakeupTest, TheHostsStateCatchesWhatTheExecutorDoesNotSee) {
  absl::StatusOr<Scenario> scenario = ParseScenario(kWriteAllOverPartialCopy);
  ASSERT_TRUE(scenario.ok()) << scenario.status();
  const RunResult result = RunScripted(*scenario);
  ASSERT_FALSE(result.violations.empty()) << result.Report();
  const model::Violation& first = result.violations.front();
  EXPECT_EQ(first.invariant, model::Invariant::kLostWakeup) << result.Report();
  // The host's rule decided it, not the executor's report (nor the ledger's wakers).
  EXPECT_TRUE(absl::StrContains(first.message, "awaits its write on s0, whose result the host "))
      << first.message;
  EXPECT_TRUE(absl::StrContains(first.message, "already handed over (the end is IDLE"))
      << first.message;
  EXPECT_TRUE(absl::StrContains(first.message, "(the executor reports nothing to do)"))
      << first.message;
}

}  // namespace
}  // namespace fc::scenario
