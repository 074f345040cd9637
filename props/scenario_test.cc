// The scripted catalogue as tests: every scenario passes every invariant and
// makes exactly the intrinsic calls it documents.
#include <gtest/gtest.h>

#include <cctype>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "runtime/return_code.h"
#include "scenario/catalogue.h"
#include "scenario/runner.h"

namespace fc::scenario {
namespace {

class CatalogueTest : public testing::TestWithParam<CatalogueEntry> {};

// Under every spec revision, each with its own pinned trace where it differs.
TEST_P(CatalogueTest, PassesWithExactIntrinsicCalls) {
  const CatalogueEntry& entry = GetParam();
  ASSERT_FALSE(entry.expected_host_calls.empty()) << entry.name << " documents no trace";
  for (model::SpecRevision spec : model::kSpecRevisions) {
    SCOPED_TRACE(absl::StrCat("spec revision ", model::SpecRevisionName(spec)));
    RunResult result = RunScripted(entry.scenario, {.spec = spec});
    EXPECT_TRUE(result.ok()) << entry.what << "\n" << result.Report();
    EXPECT_EQ(result.host_calls, entry.ExpectedHostCalls(spec))
        << entry.what << "\nactual:\n  " << absl::StrJoin(result.host_calls, "\n  ") << "\n"
        << result.Report();
  }
}

// A revised trace is pinned only where it differs, and names an entry.
TEST(CatalogueTraces, RevisedTracesDifferFromTheBaseline) {
  for (model::SpecRevision spec : model::kSpecRevisions) {
    for (const auto& [name, calls] : RevisedCatalogueTraces(spec)) {
      bool found = false;
      for (const CatalogueEntry& entry : Catalogue()) {
        if (entry.name != name) continue;
        found = true;
        EXPECT_NE(calls, entry.expected_host_calls)
            << name << " under " << model::SpecRevisionName(spec) << " equals 2026-08's; drop it";
      }
      EXPECT_TRUE(found) << name << " is not a catalogue entry";
    }
  }
}

TEST_P(CatalogueTest, SameTraceTwice) {
  RunResult first = RunScripted(GetParam().scenario);
  RunResult second = RunScripted(GetParam().scenario);
  EXPECT_EQ(first.trace, second.trace);
}

std::string Name(const testing::TestParamInfo<CatalogueEntry>& info) {
  std::string name;
  for (char c : info.param.name) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Catalogue, CatalogueTest, testing::ValuesIn(Catalogue()), Name);

// The harness must notice when a scenario asks for the impossible.
TEST(ScriptTest, IllegalOutcomeIsReported) {
  Scenario scenario{{{Op::kNewFuture}, {Op::kWrite}, {Op::kPollWrite}},
                    {static_cast<uint32_t>(rt::CopyResult::kCancelled)}};
  RunResult result = RunScripted(scenario);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.violations.back().invariant, model::Invariant::kScript);
}

TEST(ScriptTest, InapplicableActionIsReported) {
  Scenario scenario{{{Op::kNewFuture}, {Op::kPollWrite}}, {}};
  RunResult result = RunScripted(scenario);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.violations.front().invariant, model::Invariant::kScript);
}

// Events only the way the ABI delivers them: a task that yielded leaves the
// runtime's callback returning YIELD, after which the host delivers nothing.
TEST(ScriptTest, DeliverWhileTasksAreQueuedIsReported) {
  Scenario scenario{{{Op::kNewFuture}, {Op::kTaskWrite}, {Op::kDeliverEvent}}, {}};
  RunResult result = RunScripted(scenario);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.violations.front().invariant, model::Invariant::kScript);
  EXPECT_TRUE(absl::StrContains(result.violations.front().message, "returned YIELD, not WAIT"))
      << result.Report();
}

TEST(ScriptTest, InapplicableActionIsSkippedWhenAsked) {
  Scenario scenario{{{Op::kNewFuture}, {Op::kPollWrite}, {Op::kDeliverEvent}}, {}};
  model::PassiveChoices choices;
  RunResult result = RunScenario(scenario, choices, SessionOptions{.skip_inapplicable = true});
  EXPECT_TRUE(result.ok()) << result.Report();
  EXPECT_EQ(result.actions_skipped, 2u);
}

}  // namespace
}  // namespace fc::scenario

namespace fc::scenario {
namespace {

// A tiny deterministic choice source for walks: xorshift over a seed.
class SeededChoices : public model::ChoiceSource {
 public:
  explicit SeededChoices(uint64_t seed) : state_(seed * 2654435761u + 1) {}
  size_t Choose(const model::ChoicePoint& point) override { return Next() % point.options.size(); }
  uint64_t Next() {
    state_ ^= state_ << 13;
    state_ ^= state_ >> 7;
    state_ ^= state_ << 17;
    return state_;
  }

 private:
  uint64_t state_;
};

// Every driver relies on this: whatever picked the actions and outcomes, the
// executed scenario replays through the scripted runner to the same trace.
TEST(SessionTest, RandomWalksReplayByteForByte) {
  int steps = 0;
  for (uint64_t seed = 1; seed <= 300; ++seed) {
    SeededChoices choices(seed);
    Session session(choices);
    for (int i = 0; i < 30 && !session.failed(); ++i) {
      std::vector<Action> enabled = session.EnabledActions();
      if (enabled.empty()) break;  // everything dropped, nothing pending
      ASSERT_TRUE(session.Step(enabled[choices.Next() % enabled.size()]).ok());
      ++steps;
    }
    RunResult walked = session.Finish();
    ASSERT_TRUE(walked.ok()) << "seed " << seed << "\n" << walked.Report();
    RunResult replayed = RunScripted(walked.executed);
    ASSERT_TRUE(replayed.ok()) << "seed " << seed << "\n" << replayed.Report();
    EXPECT_EQ(walked.trace, replayed.trace) << "seed " << seed;
  }
  EXPECT_GT(steps, 300 * 10);
}

// EnabledActions lists only actions that apply: after random prefixes, each
// one replayed after the prefix runs without a script error.
TEST(SessionTest, EveryEnabledActionApplies) {
  int checked = 0;
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    SeededChoices choices(seed);
    Session session(choices);
    for (int i = 0; i < 12; ++i) {
      std::vector<Action> enabled = session.EnabledActions();
      if (enabled.empty()) break;
      ASSERT_TRUE(session.Step(enabled[choices.Next() % enabled.size()]).ok());
    }
    const std::vector<Action> enabled = session.EnabledActions();
    const Scenario prefix = session.Finish().executed;
    for (const Action& action : enabled) {
      Scenario probe = prefix;
      probe.actions.push_back(action);
      model::ScriptedChoices same_outcomes(prefix.outcomes);
      RunResult result = RunScenario(probe, same_outcomes);
      for (const model::Violation& v : result.violations) {
        ASSERT_NE(v.invariant, model::Invariant::kScript)
            << FormatAction(action) << " was enabled but did not apply\n"
            << result.Report();
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 40 * 5);
}

}  // namespace
}  // namespace fc::scenario
