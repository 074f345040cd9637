// The explorer against one seeded bug (compiled in through
// //zoo:harness_<bug>): it must find the bug by the expected invariant, with
// a shortest counterexample of exactly EXPECT_LENGTH actions (none shorter
// exists: the search one level less finds nothing), and that counterexample
// must replay as a scripted scenario. A bug that crashes the process must
// end the search with a crash report of a path of EXPECT_LENGTH actions.
#include <csignal>
#include <string>

#include <gtest/gtest.h>

#include "absl/strings/str_format.h"
#include "explore/explorer.h"
#include "model/violation.h"
#include "scenario/runner.h"
#include "scenario/scenario_text.h"

namespace fc::explore {
namespace {

#if EXPECT_CRASH
// A bug that crashes the process: the search dies by the crash, and the crash
// reporter leaves the crashed path (a shortest one: the search is breadth
// first) as a scenario.
TEST(ZooExploreTest, FindsSeededCrashWithShortestPath) {
  ExploreOptions options;
  options.template_name = EXPECT_TEMPLATE;
  options.max_depth = EXPECT_DEPTH;
  const std::string report = absl::StrFormat(
      "futurecheck: invariant: no-crash.*futurecheck: scenario \\(%d actions\\)", EXPECT_LENGTH);
  EXPECT_EXIT((void)Explore(options), ::testing::KilledBySignal(SIGSEGV), report);
}
#else
TEST(ZooExploreTest, FindsSeededBugWithShortestCounterexample) {
  ExploreOptions options;
  options.template_name = EXPECT_TEMPLATE;
  options.max_depth = EXPECT_DEPTH;
  absl::StatusOr<ExploreResult> result = Explore(options);
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_FALSE(result->violations.empty()) << "the bug was not found at depth " << EXPECT_DEPTH;
  const scenario::RunResult& first = result->violations.front();
  EXPECT_STREQ(model::InvariantName(first.first_invariant()), EXPECT_INVARIANT)
      << first.Report();
  EXPECT_EQ(first.executed.actions.size(), static_cast<size_t>(EXPECT_LENGTH))
      << scenario::ScenarioToText(first.executed);

  scenario::RunResult replay = scenario::RunScripted(first.executed);
  ASSERT_FALSE(replay.ok()) << "the counterexample does not replay";
  EXPECT_EQ(replay.first_invariant(), first.first_invariant());
  EXPECT_EQ(replay.trace, first.trace);
}
#endif  // EXPECT_CRASH

TEST(ZooExploreTest, NothingShorter) {
  ExploreOptions options;
  options.template_name = EXPECT_TEMPLATE;
  options.max_depth = EXPECT_LENGTH - 1;
  absl::StatusOr<ExploreResult> result = Explore(options);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_TRUE(result->violations.empty()) << result->violations.front().Report();
  EXPECT_TRUE(result->complete);
}

}  // namespace
}  // namespace fc::explore
