// Linked once per seeded runtime bug (//zoo:sut_<bug>; the expected
// invariant comes from the zoo table, zoo/bugs.bzl): the scripted catalogue
// must fail on the broken runtime, and the invariant named for the bug must
// be among those that catch it.
#include <gtest/gtest.h>

#include <csignal>
#include <cstdio>
#include <string>

#include "model/violation.h"
#include "scenario/catalogue.h"
#include "scenario/runner.h"
#include "zoo/bug_info.h"

namespace fc::scenario {
namespace {

// A bug that crashes the process (no-crash) cannot be reported in-process:
// the catalogue runs in a child that must die by the crash, leaving the
// crash reporter's report (invariant, scenario, how to replay) on stderr.
void ExpectCatalogueCrashesWithAReport() {
  auto run_catalogue = [] {
    for (const CatalogueEntry& entry : Catalogue()) RunScripted(entry.scenario);
  };
  // POSIX regular expressions: '.' matches newlines too.
  EXPECT_EXIT(run_catalogue(), ::testing::KilledBySignal(SIGSEGV),
              "futurecheck: invariant: no-crash.*futurecheck: scenario \\([0-9]+ actions\\) "
              "saved to .*repro --from-scenario=");
}
TEST(SeededBugTest, CatalogueCatchesTheBug) {
  const std::string expected = zoo::ThisBug().invariant;
  if (expected == "no-crash") {
    ExpectCatalogueCrashesWithAReport();
    return;
  }
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
      if (model::InvariantName(v.invariant) == expected) {
        if (!expected_seen) first_report = entry.name + "\n" + result.Report();
        expected_seen = true;
      }
    }
  }
  std::printf("%d of %zu scenarios fail; the first caught by %s:\n%s", failing, Catalogue().size(),
              expected.c_str(), first_report.c_str());
  EXPECT_GT(failing, 0) << "the seeded bug went unnoticed";
  EXPECT_TRUE(expected_seen) << "no scenario failed on invariant " << expected;
}

}  // namespace
}  // namespace fc::scenario
