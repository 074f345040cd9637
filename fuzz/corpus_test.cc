// Replays every committed seed and crash-regression input through the fuzz
// targets' byte decoder on the runtime the test links (the correct C++
// runtime; //adapters/c:c_corpus_test, the C runtime): each must pass (the
// corpora are the fuzzers' regression suite).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "fuzz/byte_choices.h"
#include "fuzz/return_code_check.h"

namespace fc::fuzz {
namespace {

std::string Slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Runs every seed of `target` in `options`' mode, under every spec revision
// (the same bytes may choose other outcomes where the revisions differ);
// each must pass. Returns how many seeds.
int CheckScenarioSeeds(const std::string& target, DecodeOptions options) {
  int seeds = 0;
  for (const auto& file : std::filesystem::directory_iterator("fuzz/corpus/" + target)) {
    const std::string bytes = Slurp(file.path());
    for (model::SpecRevision spec : model::kSpecRevisions) {
      options.session.spec = spec;
      const DecodedRun run = RunBytes(bytes, options);
      EXPECT_TRUE(run.result.ok())
          << file.path() << " under spec " << model::SpecRevisionName(spec) << "\n"
          << run.result.Report();
      // The same run without a trace (how the fuzzers run first) does the
      // same steps and keeps no trace.
      DecodeOptions lean = options;
      lean.session.record_trace = false;
      const DecodedRun untraced = RunBytes(bytes, lean);
      EXPECT_TRUE(untraced.result.ok()) << file.path();
      EXPECT_EQ(untraced.result.actions_run, run.result.actions_run) << file.path();
      EXPECT_EQ(untraced.result.executed.outcomes, run.result.executed.outcomes) << file.path();
      EXPECT_TRUE(untraced.result.trace.empty());
    }
    ++seeds;
  }
  return seeds;
}

TEST(CorpusTest, EverySeedPasses) {
  const int scenarios = CheckScenarioSeeds("future_scenario_fuzzer", DecodeOptions{});
  EXPECT_GT(CheckScenarioSeeds("stream_scenario_fuzzer", StreamOptions()), 60);
  EXPECT_GT(CheckScenarioSeeds("task_scenario_fuzzer", TaskOptions()), 40);
  int codes = 0;
  for (const auto& file : std::filesystem::directory_iterator("fuzz/corpus/return_code_fuzzer")) {
    const absl::Status status = CheckReturnCodeInput(Slurp(file.path()));
    EXPECT_TRUE(status.ok()) << file.path() << "\n" << status;
    ++codes;
  }
  EXPECT_GT(scenarios, 10);
  EXPECT_GT(codes, 2);
}

}  // namespace
}  // namespace fc::fuzz
