// The minimizer's candidates drop an action with everything that goes with
// it, for futures, streams and tasks alike, and renumber what is left.
#include "fuzz/minimize.h"

#include <gtest/gtest.h>

#include <string>

#include "scenario/scenario_text.h"

namespace fc::fuzz {
namespace {

std::string Without(const std::string& text, size_t at) {
  absl::StatusOr<scenario::Scenario> s = scenario::ParseScenario(text);
  EXPECT_TRUE(s.ok()) << s.status();
  return scenario::FormatScenario(ScenarioWithoutAction(*s, at));
}

std::string Canonical(const std::string& text) {
  absl::StatusOr<scenario::Scenario> s = scenario::ParseScenario(text);
  EXPECT_TRUE(s.ok()) << s.status();
  return scenario::FormatScenario(*s);
}

TEST(ScenarioWithoutActionTest, AStreamGoesWithItsActionsAndLaterChannelsMoveDown) {
  EXPECT_EQ(Without("new-stream u32\nnew u32\nstream-write s0 2\nwrite f1\npoll-write f1\n", 0),
            Canonical("new u32\nwrite f0\npoll-write f0\n"));
}

TEST(ScenarioWithoutActionTest, ARelayGoesWithItsTargetAndItsTaskNumberIsFreed) {
  EXPECT_EQ(Without("new u32\nnew u32\nnew u32\n"
                    "task-relay f0 f1\ntask-read f2\ncancel-task t2\ncancel-task t1\n",
                    1),
            Canonical("new u32\nnew u32\ntask-read f1\ncancel-task t1\n"));
}

TEST(ScenarioWithoutActionTest, ARelaysTargetMovesDown) {
  EXPECT_EQ(Without("new u32\nnew u32\nnew u32\ntask-relay f1 f2\n", 0),
            Canonical("new u32\nnew u32\ntask-relay f0 f1\n"));
}

TEST(ScenarioWithoutActionTest, ADroppedTaskStartTakesItsCancelAlong) {
  EXPECT_EQ(Without("new u32\ntask-spin\ntask-read f0\ncancel-task t1\ncancel-task t2\n", 1),
            Canonical("new u32\ntask-read f0\ncancel-task t1\n"));
}

TEST(ScenarioWithoutActionTest, AnyOtherActionGoesAlone) {
  EXPECT_EQ(Without("new u32\nwrite f0\npoll-write f0\ndeliver\n", 2),
            Canonical("new u32\nwrite f0\ndeliver\n"));
}

}  // namespace
}  // namespace fc::fuzz
