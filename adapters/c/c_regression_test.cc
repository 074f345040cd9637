// The minimized regressions of props/regressions/ (counterexamples the
// fuzzer found in seeded C++ runtimes) replayed on the C runtime (fcrt):
// each scenario without tasks must pass every invariant and replay to the
// same trace. fcrt has no task programs, so task scenarios are left out,
// and counted, so the test fails if none is left to replay.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "scenario/runner.h"
#include "scenario/scenario.h"
#include "scenario/scenario_text.h"

namespace fc::scenario {
namespace {

TEST(CRegressionTest, EveryRegressionWithoutTasksPassesOnFcrt) {
  int replayed = 0;
  int with_tasks = 0;
  for (const auto& file : std::filesystem::directory_iterator("props/regressions")) {
    if (file.path().extension() != ".txt") continue;
    std::ifstream in(file.path());
    const std::string text(std::istreambuf_iterator<char>(in), {});
    absl::StatusOr<Scenario> scenario = ParseScenario(text);
    ASSERT_TRUE(scenario.ok()) << file.path() << ": " << scenario.status();
    if (UsesTasks(*scenario)) {
      ++with_tasks;
      continue;
    }
    const RunResult first = RunScripted(*scenario);
    EXPECT_TRUE(first.ok()) << file.path() << "\n" << first.Report();
    EXPECT_EQ(RunScripted(*scenario).trace, first.trace) << file.path();
    ++replayed;
  }
  EXPECT_GE(replayed, 3) << "(" << with_tasks << " left out for their tasks)";
}

}  // namespace
}  // namespace fc::scenario
