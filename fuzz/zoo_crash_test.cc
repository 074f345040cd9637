// The zoo's crash files (fuzz/zoo_crashes/, one per seeded bug, as
// tools/fuzz_zoo.sh found them) as regression tests, linked with a zoo bug's
// runtime (//zoo:sut_<bug>): the bug's own file must fail it, with the
// invariant the zoo table expects of the fuzzer. (zoo_crashes_pass_test.cc:
// every file passes on the correct runtime.)
#include <gtest/gtest.h>

#include <csignal>
#include <fstream>
#include <iterator>
#include <string>

#include "fuzz/byte_choices.h"
#include "model/violation.h"
#include "zoo/bug_info.h"

namespace fc::fuzz {
namespace {

constexpr char kCrashDir[] = "fuzz/zoo_crashes";

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  return std::string(std::istreambuf_iterator<char>(in), {});
}

DecodeOptions ModeFor(const std::string& repro_flag) {
  if (repro_flag == "--streams") return StreamOptions();
  if (repro_flag == "--tasks") return TaskOptions();
  return DecodeOptions{};
}

TEST(ZooCrashTest, CrashFileFailsItsBug) {
  const zoo::BugInfo& bug = zoo::ThisBug();
  const std::string path = std::string(kCrashDir) + "/" + bug.name + ".crash";
  const std::string bytes = Slurp(path);
  const DecodeOptions mode = ModeFor(bug.repro_flag);
  if (std::string(bug.fuzz_invariant) == "no-crash") {
    EXPECT_EXIT((void)RunBytes(bytes, mode), ::testing::KilledBySignal(SIGSEGV),
                "futurecheck: invariant: no-crash");
    return;
  }
  const DecodedRun run = RunBytes(bytes, mode);
  ASSERT_FALSE(run.result.ok()) << path << " no longer fails " << bug.name;
  EXPECT_STREQ(model::InvariantName(run.result.first_invariant()), bug.fuzz_invariant)
      << path << "\n"
      << run.result.Report();
  // Deterministic: the same bytes, the same trace.
  EXPECT_EQ(RunBytes(bytes, mode).result.trace, run.result.trace);
  // And the same verdict without a trace, as the fuzzers run first.
  DecodeOptions lean = mode;
  lean.session.record_trace = false;
  const DecodedRun untraced = RunBytes(bytes, lean);
  ASSERT_EQ(untraced.result.violations.size(), run.result.violations.size());
  for (size_t i = 0; i < run.result.violations.size(); ++i) {
    EXPECT_EQ(untraced.result.violations[i].invariant, run.result.violations[i].invariant);
  }
  EXPECT_EQ(untraced.result.actions_run, run.result.actions_run);
  EXPECT_TRUE(untraced.result.trace.empty());
}

}  // namespace
}  // namespace fc::fuzz
