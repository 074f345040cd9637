// Replays every scenario under c_runtime/regressions/: each one made the
// oracle fail the C runtime (fcrt) while it was being written, and must
// now pass every invariant and replay to the same trace.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "scenario/runner.h"
#include "scenario/scenario_text.h"

namespace fc::scenario {
namespace {

TEST(CRegressionTest, EveryRegressionScenarioPasses) {
  int replayed = 0;
  for (const auto& file : std::filesystem::directory_iterator("c_runtime/regressions")) {
    if (file.path().extension() != ".txt") continue;
    std::ifstream in(file.path());
    const std::string text(std::istreambuf_iterator<char>(in), {});
    absl::StatusOr<Scenario> scenario = ParseScenario(text);
    ASSERT_TRUE(scenario.ok()) << file.path() << ": " << scenario.status();
    const RunResult first = RunScripted(*scenario);
    EXPECT_TRUE(first.ok()) << file.path() << "\n" << first.Report();
    EXPECT_EQ(RunScripted(*scenario).trace, first.trace) << file.path();
    ++replayed;
  }
  EXPECT_GT(replayed, 0) << "c_runtime/regressions/ holds no .txt scenario";
}

}  // namespace
}  // namespace fc::scenario
