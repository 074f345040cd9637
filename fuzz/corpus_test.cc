// Replays every committed seed and crash-regression input on the correct
// runtime: each must pass (the corpora are the fuzzers' regression suite).
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <gtest/gtest.h>

#include "fuzz/byte_choices.h"
#include "fuzz/return_code_check.h"

namespace fc::fuzz {
namespace {

std::string Slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(CorpusTest, EverySeedPasses) {
  int scenarios = 0;
  for (const auto& file :
       std::filesystem::directory_iterator("fuzz/corpus/future_scenario_fuzzer")) {
    const DecodedRun run = RunBytes(Slurp(file.path()));
    EXPECT_TRUE(run.result.ok()) << file.path() << "\n" << run.result.Report();
    ++scenarios;
  }
  int stream_scenarios = 0;
  for (const auto& file :
       std::filesystem::directory_iterator("fuzz/corpus/stream_scenario_fuzzer")) {
    const DecodedRun run = RunBytes(Slurp(file.path()), StreamOptions());
    EXPECT_TRUE(run.result.ok()) << file.path() << "\n" << run.result.Report();
    ++stream_scenarios;
  }
  EXPECT_GT(stream_scenarios, 60);
  int task_scenarios = 0;
  for (const auto& file :
       std::filesystem::directory_iterator("fuzz/corpus/task_scenario_fuzzer")) {
    const DecodedRun run = RunBytes(Slurp(file.path()), TaskOptions());
    EXPECT_TRUE(run.result.ok()) << file.path() << "\n" << run.result.Report();
    ++task_scenarios;
  }
  EXPECT_GT(task_scenarios, 40);
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
