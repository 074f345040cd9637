#include "scenario/child_run.h"

#include <gtest/gtest.h>

#include <csignal>
#include <cstdio>

namespace fc::scenario {
namespace {

TEST(ChildRunTest, ExitCodeAndStderrOfAChild) {
  const ChildRun run = RunInChild([] {
    std::fputs("from the child\n", stderr);
    return 7;
  });
  EXPECT_EQ(run.exit_code, 7);
  EXPECT_EQ(run.signal, 0);
  EXPECT_FALSE(run.crashed());
  EXPECT_EQ(run.stderr_text, "from the child\n");
}

TEST(ChildRunTest, AChildKilledByASignal) {
  const ChildRun run = RunInChild([] {
    std::signal(SIGSEGV, SIG_DFL);
    std::raise(SIGSEGV);
    return 0;
  });
  EXPECT_EQ(run.signal, SIGSEGV);
  EXPECT_TRUE(run.crashed());
  EXPECT_STREQ(run.Cause(), "SIGSEGV");
  EXPECT_FALSE(run.reported_crash);
}

TEST(ChildRunTest, ReadsTheCrashReportersLines) {
  // A sanitizer error ends the child with a plain exit code after the report.
  const ChildRun run = RunInChild([] {
    std::fputs("futurecheck: invariant: no-crash\nfuturecheck: scenario (12 actions) saved to x\n",
               stderr);
    return 1;
  });
  EXPECT_TRUE(run.reported_crash);
  EXPECT_TRUE(run.crashed());
  ASSERT_TRUE(run.crash_actions.has_value());
  EXPECT_EQ(*run.crash_actions, 12u);
  EXPECT_STREQ(run.Cause(), "a sanitizer error");
}

}  // namespace
}  // namespace fc::scenario
