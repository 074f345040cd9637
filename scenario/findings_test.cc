// The findings folder: where it is, what a finding's folder holds, that a
// rerun adds nothing, and that the saved scenario replays to the same
// failure. Linked with a bug-zoo runtime, so that there is a failure.
#include "scenario/findings.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "scenario/catalogue.h"
#include "scenario/runner.h"
#include "scenario/scenario_text.h"
#include "sut/runtime_under_test.h"

namespace fc::scenario {
namespace {

std::string Slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// A failing run: the first catalogue scenario that fails on the runtime this
// test links, a bug-zoo runtime (kNoDefaultWrite).
RunResult AFailingRun() {
  for (const CatalogueEntry& entry : Catalogue()) {
    RunResult result = RunScripted(entry.scenario);
    if (!result.ok()) return result;
  }
  ADD_FAILURE() << "no catalogue scenario fails on " << sut::LinkedRuntimeName();
  return RunResult{};
}

class FindingsTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(testing::TempDir()) / "findings-test";
    std::filesystem::remove_all(dir_);
    setenv(kFindingsEnvironmentVariable, dir_.c_str(), 1);
  }
  void TearDown() override { unsetenv(kFindingsEnvironmentVariable); }
  std::filesystem::path dir_;
};

TEST_F(FindingsTest, TheVariableNamesTheFolder) { EXPECT_EQ(FindingsDir(), dir_.string()); }

TEST_F(FindingsTest, AFindingHoldsItsScenarioReportAndOrigin) {
  const RunResult failing = AFailingRun();
  absl::StatusOr<SavedFinding> saved = SaveFinding({.driver = "catalogue (test)",
                                                    .spec = model::SpecRevision::k2026_09,
                                                    .result = failing,
                                                    .fuzz_input = std::string("\x01\x02", 2),
                                                    .replay_hint = "--futures"});
  ASSERT_TRUE(saved.ok()) << saved.status();
  EXPECT_TRUE(saved->is_new);
  const std::filesystem::path path(saved->path);
  EXPECT_EQ(path.parent_path(), dir_);
  EXPECT_EQ(path.filename().string(), FindingName(failing));
  EXPECT_EQ(path.filename().string().rfind(model::InvariantName(failing.first_invariant()), 0), 0u)
      << "named after the first broken invariant";
  EXPECT_EQ(Slurp(path / "scenario.txt"), ScenarioToText(failing.executed));
  EXPECT_EQ(Slurp(path / "report.txt"), failing.Report());
  EXPECT_EQ(Slurp(path / "input.bin"), std::string("\x01\x02", 2));
  const std::string found_by = Slurp(path / "found-by.txt");
  EXPECT_NE(found_by.find("driver: catalogue (test)"), std::string::npos) << found_by;
  EXPECT_NE(found_by.find("spec revision: 2026-09"), std::string::npos) << found_by;
  EXPECT_NE(found_by.find("--spec=2026-09 --futures"), std::string::npos) << found_by;

  // The saved scenario replays to the same failure.
  absl::StatusOr<Scenario> replayed = ParseScenario(Slurp(path / "scenario.txt"));
  ASSERT_TRUE(replayed.ok()) << replayed.status();
  const RunResult again = RunScripted(*replayed);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.first_invariant(), failing.first_invariant());
}

TEST_F(FindingsTest, ARerunAddsNothing) {
  const RunResult failing = AFailingRun();
  absl::StatusOr<SavedFinding> first = SaveFinding({.driver = "property suite", .result = failing});
  ASSERT_TRUE(first.ok());
  absl::StatusOr<SavedFinding> second = SaveFinding({.driver = "fuzzer", .result = failing});
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->is_new);
  EXPECT_EQ(second->path, first->path);
  EXPECT_NE(Slurp(std::filesystem::path(first->path) / "found-by.txt").find("property suite"),
            std::string::npos)
      << "the first save stays";
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_), {}), 1);
  EXPECT_NE(SaveFindingAndSay({.result = failing}).find("already saved in"), std::string::npos);
}

TEST_F(FindingsTest, APassingRunIsNoFindingAndAnUnwritableFolderIsAnError) {
  EXPECT_FALSE(SaveFinding({.driver = "x", .result = RunResult{}}).ok());
  std::ofstream(dir_.string() + "-file") << "not a folder";
  setenv(kFindingsEnvironmentVariable, (dir_.string() + "-file/sub").c_str(), 1);
  absl::StatusOr<SavedFinding> saved = SaveFinding({.driver = "x", .result = AFailingRun()});
  EXPECT_FALSE(saved.ok());
  EXPECT_NE(SaveFindingAndSay({.driver = "x", .result = AFailingRun()}).find("could not be saved"),
            std::string::npos);
}

}  // namespace
}  // namespace fc::scenario
