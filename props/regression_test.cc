// Replays every text scenario under props/regressions/ (counterexamples
// found by the fuzzers, minimized, kept as regressions) on the runtime the
// test is linked with: each must pass every invariant and replay to the
// same trace. A runtime without task programs (the C runtime) leaves the
// task scenarios out, and counts them, so the test still fails if nothing
// is left to replay. Each scenario runs under every spec revision: a
// regression found under one must not come back under another.
// //props:regression_test links the C++ runtime,
// //adapters/c:c_regression_test the C runtime.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "scenario/runner.h"
#include "scenario/scenario.h"
#include "scenario/scenario_text.h"
#include "sut/runtime_under_test.h"

namespace fc::scenario {
namespace {

TEST(RegressionTest, EveryRegressionScenarioPasses) {
  const bool tasks = sut::LinkedRuntimeRunsTaskPrograms();
  int replayed = 0;
  int left_out = 0;
  for (const auto& file : std::filesystem::directory_iterator("props/regressions")) {
    if (file.path().extension() != ".txt") continue;
    std::ifstream in(file.path());
    const std::string text(std::istreambuf_iterator<char>(in), {});
    absl::StatusOr<Scenario> scenario = ParseScenario(text);
    ASSERT_TRUE(scenario.ok()) << file.path() << ": " << scenario.status();
    if (!tasks && UsesTasks(*scenario)) {
      ++left_out;
      continue;
    }
    for (model::SpecRevision spec : model::kSpecRevisions) {
      const SessionOptions options{.spec = spec};
      const RunResult first = RunScripted(*scenario, options);
      EXPECT_TRUE(first.ok()) << sut::LinkedRuntimeName() << ", " << file.path() << ", spec "
                              << model::SpecRevisionName(spec) << "\n"
                              << first.Report();
      EXPECT_EQ(RunScripted(*scenario, options).trace, first.trace) << file.path();
    }
    ++replayed;
  }
  EXPECT_GE(replayed, 3) << "props/regressions/ holds too few scenarios for "
                         << sut::LinkedRuntimeName() << " (" << left_out
                         << " left out for their tasks)";
}

}  // namespace
}  // namespace fc::scenario
