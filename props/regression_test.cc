// Replays every text scenario under props/regressions/ (counterexamples
// found by the fuzzers, minimized, kept as regressions): each must pass
// every invariant on the correct runtime and replay to the same trace.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <gtest/gtest.h>

#include "scenario/runner.h"
#include "scenario/scenario_text.h"

namespace fc::scenario {
namespace {

TEST(RegressionTest, EveryRegressionScenarioPasses) {
  int replayed = 0;
  for (const auto& file : std::filesystem::directory_iterator("props/regressions")) {
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
  EXPECT_GT(replayed, 0) << "props/regressions/ holds no .txt scenario";
}

}  // namespace
}  // namespace fc::scenario
