// Replays every scenario under c_runtime/regressions/: each one made the
// oracle fail the C runtime (fcrt) at some point, and must now pass every
// invariant and replay to the same trace. None has been needed yet: the
// test then says so and skips.
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
  const std::filesystem::path dir = "c_runtime/regressions";
  int replayed = 0;
  if (std::filesystem::is_directory(dir)) {
    for (const auto& file : std::filesystem::directory_iterator(dir)) {
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
  }
  if (replayed == 0) GTEST_SKIP() << "c_runtime/regressions/ holds no scenario yet";
}

}  // namespace
}  // namespace fc::scenario
