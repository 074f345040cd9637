#include "scenario/crash_report.h"

#include <gtest/gtest.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "scenario/child_run.h"

namespace fc::scenario {
namespace {

std::string Describe(const void* self, size_t* actions) {
  *actions = 2;
  return *static_cast<const std::string*>(self);
}

// Runs, in a child, a crash while `scenario` (or, if null, nothing) runs.
// Under a sanitizer the sanitizer takes the signal over from the reporter
// and ends the child its own way; either way the child dies.
ChildRun Crash(const std::string* scenario) {
  return RunInChild([scenario] {
    InstallCrashReporter();
    CrashContext context;
    context.describe = &Describe;
    context.self = scenario;
    if (scenario != nullptr) {
      CrashScope scope(context);
      std::raise(SIGSEGV);
    }
    std::raise(SIGSEGV);
    return 0;
  });
}

TEST(CrashReportTest, ACrashLeavesTheScenarioAndHowToReplayIt) {
  const char* dir = std::getenv("TEST_TMPDIR");
  ASSERT_NE(dir, nullptr);
  const std::string findings = std::string(dir) + "/crash-findings";
  setenv("FUTURECHECK_FINDINGS_DIR", findings.c_str(), 1);
  const std::string scenario = "new u32\nwrite f0\n";
  const ChildRun run = Crash(&scenario);
  EXPECT_TRUE(run.crashed());
  EXPECT_NE(run.signal, 0) << "the crash must still end the process by a signal";
  EXPECT_TRUE(run.reported_crash) << run.stderr_text;
  EXPECT_EQ(run.crash_actions, 2u);
  EXPECT_NE(run.stderr_text.find("the runtime crashed (SIGSEGV)"), std::string::npos);
  EXPECT_NE(run.stderr_text.find("new u32\nwrite f0\n"), std::string::npos);
  EXPECT_NE(run.stderr_text.find("repro --from-scenario="), std::string::npos);
  // The finding the report names was left behind, in the findings folder
  // (created on the way).
  bool found = false;
  for (const auto& entry : std::filesystem::directory_iterator(findings)) {
    if (entry.path().filename().string().rfind("no-crash-", 0) != 0) continue;
    std::ifstream in(entry.path() / "scenario.txt");
    found = found || std::string(std::istreambuf_iterator<char>(in), {}) == scenario;
    EXPECT_TRUE(std::filesystem::exists(entry.path() / "report.txt"));
    EXPECT_TRUE(std::filesystem::exists(entry.path() / "found-by.txt"));
  }
  EXPECT_TRUE(found) << "no no-crash-*/scenario.txt holding the scenario in " << findings;
}

TEST(CrashReportTest, NoRunInProgressNoReport) {
  const ChildRun run = Crash(nullptr);
  EXPECT_NE(run.signal, 0);
  EXPECT_FALSE(run.reported_crash);
  EXPECT_EQ(run.stderr_text.find("futurecheck:"), std::string::npos) << run.stderr_text;
}

}  // namespace
}  // namespace fc::scenario
