// The scripted catalogue on the C runtime (fcrt): every scenario without
// task actions passes every invariant and makes exactly the host calls
// expected of fcrt (the pinned trace, or its override).
#include <gtest/gtest.h>

#include <cctype>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "adapters/c/catalogue_overrides.h"
#include "model/violation.h"
#include "scenario/catalogue.h"
#include "scenario/runner.h"
#include "sut/runtime_under_test.h"

namespace fc::adapters::c {
namespace {

const TraceOverrides& Overrides() {
  static const TraceOverrides* overrides = [] {
    absl::StatusOr<TraceOverrides> read = ReadOverrides(kOverridesPath);
    EXPECT_TRUE(read.ok()) << read.status();
    return new TraceOverrides(read.ok() ? *std::move(read) : TraceOverrides{});
  }();
  return *overrides;
}

class CCatalogueTest : public testing::TestWithParam<scenario::CatalogueEntry> {};

TEST_P(CCatalogueTest, PassesWithExactIntrinsicCalls) {
  const scenario::CatalogueEntry& entry = GetParam();
  for (model::SpecRevision spec : model::kSpecRevisions) {
    SCOPED_TRACE(absl::StrCat("spec revision ", model::SpecRevisionName(spec)));
    scenario::RunResult result = scenario::RunScripted(entry.scenario, {.spec = spec});
    EXPECT_TRUE(result.ok()) << entry.what << "\n" << result.Report();
    EXPECT_EQ(result.host_calls, ExpectedCalls(entry, Overrides(), spec))
        << entry.what << "\nactual:\n  " << absl::StrJoin(result.host_calls, "\n  ") << "\n"
        << result.Report();
  }
}

std::string Name(const testing::TestParamInfo<scenario::CatalogueEntry>& info) {
  std::string name;
  for (char c : info.param.name) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Catalogue, CCatalogueTest, testing::ValuesIn(EntriesWithoutTasks()), Name);

TEST(CCatalogueOverrides, NameRunnableEntriesAndDiffer) {
  EXPECT_EQ(sut::LinkedRuntimeName(), "futurecheck C runtime");
  for (const auto& [name, lines] : Overrides()) {
    bool found = false;
    for (const scenario::CatalogueEntry& entry : EntriesWithoutTasks()) {
      if (entry.name != name) continue;
      found = true;
      EXPECT_NE(lines, entry.expected_host_calls) << name << ": the override equals the pinned "
                                                  << "trace; drop it";
    }
    EXPECT_TRUE(found) << name << " is not a catalogue entry without tasks";
  }
}

TEST(CCatalogueOverrides, TaskEntriesAreLeftOut) {
  EXPECT_LT(EntriesWithoutTasks().size(), scenario::Catalogue().size());
  EXPECT_GT(EntriesWithoutTasks().size(), 0u);
}

// A task action on a runtime without an executor is a script error naming
// the runtime, not a crash or a finding against it.
TEST(CCatalogueOverrides, TaskScenarioIsAScriptError) {
  for (const scenario::CatalogueEntry& entry : scenario::Catalogue()) {
    if (!scenario::UsesTasks(entry.scenario)) continue;
    scenario::RunResult result = scenario::RunScripted(entry.scenario);
    ASSERT_FALSE(result.ok()) << entry.name;
    EXPECT_EQ(result.violations.front().invariant, model::Invariant::kScript) << result.Report();
    EXPECT_NE(result.violations.front().message.find("futurecheck C runtime runs no task programs"),
              std::string::npos)
        << result.Report();
    return;
  }
  FAIL() << "the catalogue has no task scenario";
}

}  // namespace
}  // namespace fc::adapters::c
