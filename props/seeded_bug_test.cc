// Built once per seeded runtime bug (see tools/variants.bzl): the scripted
// catalogue must fail on the broken runtime, and the invariant named for the
// bug must be among those that catch it.
#include <csignal>
#include <cstdio>
#include <string>

#include <gtest/gtest.h>

#include "model/violation.h"
#include "runtime/seeded_bugs.h"
#include "scenario/catalogue.h"
#include "scenario/runner.h"

#ifndef FUTURECHECK_EXPECTED_INVARIANT
#error "build through seeded_bug_test() in tools/variants.bzl"
#endif

namespace fc::scenario {
namespace {

static_assert(rt::kSeededBug != rt::SeededBug::kNone, "this test needs a seeded bug");

#if FUTURECHECK_EXPECT_CRASH
// A bug that crashes the process (no-crash) cannot be reported in-process:
// the catalogue runs in a child that must die by the crash, leaving the
// crash reporter's report (invariant, scenario, how to replay) on stderr.
TEST(SeededBugTest, CatalogueCrashesWithAReport) {
  auto run_catalogue = [] {
    for (const CatalogueEntry& entry : Catalogue()) RunScripted(entry.scenario);
  };
  // POSIX regular expressions: '.' matches newlines too.
  EXPECT_EXIT(run_catalogue(), ::testing::KilledBySignal(SIGSEGV),
              "futurecheck: invariant: no-crash.*futurecheck: scenario \\([0-9]+ actions\\) "
              "saved to .*repro --from-scenario=");
}
#else
TEST(SeededBugTest, CatalogueCatchesTheBug) {
  int failing = 0;
  bool expected_seen = false;
  std::string first_report;
  for (const CatalogueEntry& entry : Catalogue()) {
    RunResult result = RunScripted(entry.scenario);
    if (result.ok() && result.host_calls == entry.expected_host_calls) continue;
    ++failing;
    std::printf("caught by %-40s %s\n", entry.name.c_str(),
                result.violations.empty()
                    ? "intrinsic calls differ from the expected ones"
                    : model::InvariantName(result.violations.front().invariant));
    for (const model::Violation& v : result.violations) {
      if (std::string(model::InvariantName(v.invariant)) == FUTURECHECK_EXPECTED_INVARIANT) {
        if (!expected_seen) first_report = entry.name + "\n" + result.Report();
        expected_seen = true;
      }
    }
  }
  std::printf("%d of %zu scenarios fail; the first caught by %s:\n%s", failing,
              Catalogue().size(), FUTURECHECK_EXPECTED_INVARIANT, first_report.c_str());
  EXPECT_GT(failing, 0) << "the seeded bug went unnoticed";
  EXPECT_TRUE(expected_seen) << "no scenario failed on invariant " << FUTURECHECK_EXPECTED_INVARIANT;
}
#endif  // FUTURECHECK_EXPECT_CRASH

}  // namespace
}  // namespace fc::scenario
