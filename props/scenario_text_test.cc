// The text form of scenarios: it round-trips, and bad text gets a clear error.
#include "scenario/scenario_text.h"

#include <gtest/gtest.h>

#include "scenario/catalogue.h"
#include "scenario/runner.h"

namespace fc::scenario {
namespace {

TEST(ScenarioTextTest, EveryCatalogueScenarioRoundTrips) {
  for (const CatalogueEntry& entry : Catalogue()) {
    const std::string text = ScenarioToText(entry.scenario);
    absl::StatusOr<Scenario> parsed = ParseScenario(text);
    ASSERT_TRUE(parsed.ok()) << entry.name << ": " << parsed.status() << "\n" << text;
    EXPECT_EQ(parsed->actions, entry.scenario.actions) << entry.name;
    EXPECT_EQ(parsed->outcomes, entry.scenario.outcomes) << entry.name;
  }
}

TEST(ScenarioTextTest, CommentsAndBlankLinesAreIgnored) {
  absl::StatusOr<Scenario> parsed = ParseScenario(
      "# a comment\n\n new u32  # keep the writer\nwrite f0\npoll-write f0\n"
      "outcomes: COMPLETED\n");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->actions.size(), 3u);
  EXPECT_TRUE(RunScripted(*parsed).ok());
}

TEST(ScenarioTextTest, BadTextNamesTheLine) {
  const char* bad[] = {
      "new u64\n",              // unknown kind
      "write\n",                // missing future
      "write g0\n",             // not fN
      "write f99999999999\n",   // out of range
      "fly f0\n",               // unknown action
      "deliver f0\n",           // extra argument
      "outcomes: MAYBE\n",      // unknown code
      "outcomes:\nwrite f0\n",  // action after outcomes
  };
  for (const char* text : bad) {
    absl::StatusOr<Scenario> parsed = ParseScenario(text);
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_NE(parsed.status().message().find("line "), std::string::npos) << parsed.status();
  }
}

TEST(ScenarioTextTest, RegressionTestSnippetEmbedsTheText) {
  Scenario scenario{{{Op::kNewFuture}, {Op::kWrite}}, {}};
  const std::string test = ScenarioToRegressionTest("my-bug 1", scenario);
  EXPECT_NE(test.find("TEST(Regression, my_bug_1)"), std::string::npos) << test;
  EXPECT_NE(test.find("new u32\nwrite f0\n"), std::string::npos) << test;
}

}  // namespace
}  // namespace fc::scenario
