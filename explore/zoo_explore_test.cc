// The explorer against one seeded bug (linked in through //zoo:sut_<bug>;
// its template, depth, invariant and shortest length come from the zoo
// table, zoo/bugs.bzl): it must find the bug by the expected invariant, with
// a shortest counterexample of exactly that length (none shorter exists: the
// search one level less finds nothing), and that counterexample must replay
// as a scripted scenario. A bug that crashes the process must end the search
// with a crash report of a path of that length.
#include <gtest/gtest.h>

#include <csignal>
#include <string>

#include "absl/strings/str_format.h"
#include "explore/explorer.h"
#include "model/violation.h"
#include "scenario/runner.h"
#include "scenario/scenario_text.h"
#include "zoo/bug_info.h"

namespace fc::explore {
namespace {

const zoo::BugInfo& Bug() {
  const zoo::BugInfo& bug = zoo::ThisBug();
  EXPECT_GT(bug.explore_depth, 0u) << bug.name << " has no explore_test row in zoo/bugs.bzl";
  return bug;
}

bool Crashes() { return std::string(Bug().invariant) == "no-crash"; }

ExploreOptions Options(uint32_t depth) {
  ExploreOptions options;
  options.template_name = Bug().explore_template;
  options.max_depth = static_cast<int>(depth);
  return options;
}

// A bug that crashes the process: the search dies by the crash, and the crash
// reporter leaves the crashed path (a shortest one: the search is breadth
// first) as a scenario.
void ExpectCrashWithShortestPath(uint32_t jobs = 1) {
  const std::string report =
      absl::StrFormat("futurecheck: invariant: no-crash.*futurecheck: scenario \\(%d actions\\)",
                      Bug().explore_length);
  ExploreOptions options = Options(Bug().explore_depth);
  options.jobs = jobs;
  EXPECT_EXIT((void)Explore(options), ::testing::KilledBySignal(SIGSEGV), report);
}

TEST(ZooExploreTest, FindsSeededBugWithShortestCounterexample) {
  if (Crashes()) {
    ExpectCrashWithShortestPath();
    return;
  }
  absl::StatusOr<ExploreResult> result = Explore(Options(Bug().explore_depth));
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_FALSE(result->violations.empty())
      << "the bug was not found at depth " << Bug().explore_depth;
  const scenario::RunResult& first = result->violations.front();
  EXPECT_STREQ(model::InvariantName(first.first_invariant()), Bug().invariant) << first.Report();
  EXPECT_EQ(first.executed.actions.size(), static_cast<size_t>(Bug().explore_length))
      << scenario::ScenarioToText(first.executed);

  scenario::RunResult replay = scenario::RunScripted(first.executed);
  ASSERT_FALSE(replay.ok()) << "the counterexample does not replay";
  EXPECT_EQ(replay.first_invariant(), first.first_invariant());
  EXPECT_EQ(replay.trace, first.trace);
}

// On two threads the search reports the same counterexample and the same
// states up to it. A crash ends the process from whichever thread met it,
// on a path of the same level: a shortest one.
TEST(ZooExploreTest, TwoThreadsFindTheSameCounterexample) {
  if (Crashes()) {
    ExpectCrashWithShortestPath(/*jobs=*/2);
    return;
  }
  absl::StatusOr<ExploreResult> one = Explore(Options(Bug().explore_depth));
  ExploreOptions options = Options(Bug().explore_depth);
  options.jobs = 2;
  absl::StatusOr<ExploreResult> two = Explore(options);
  ASSERT_TRUE(one.ok()) << one.status();
  ASSERT_TRUE(two.ok()) << two.status();
  ASSERT_FALSE(one->violations.empty());
  ASSERT_FALSE(two->violations.empty());
  EXPECT_EQ(two->violations.front().trace, one->violations.front().trace);
  EXPECT_EQ(two->states, one->states);
  EXPECT_EQ(two->new_states_per_depth, one->new_states_per_depth);
}

TEST(ZooExploreTest, NothingShorter) {
  absl::StatusOr<ExploreResult> result = Explore(Options(Bug().explore_length - 1));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_TRUE(result->violations.empty()) << result->violations.front().Report();
  EXPECT_TRUE(result->complete);
}

}  // namespace
}  // namespace fc::explore
