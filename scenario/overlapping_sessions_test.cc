// Sessions may be alive side by side and end in any order (the property
// suite's model keeps one next to the session under test). Two catalogue
// scenarios stepped in turns, the first ending while the second still runs,
// must each give exactly what it gives alone: the same intrinsic calls (so
// each runtime reached its own host, a C runtime through cabi's binding)
// and the same verdict, a documented panic still caught as one after the
// other session ended. Linked with each runtime (BUILD: one test per
// adapter).
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "model/choice_source.h"
#include "scenario/catalogue.h"
#include "scenario/runner.h"
#include "scenario/session.h"

namespace fc::scenario {
namespace {

const CatalogueEntry& Entry(const std::string& name) {
  for (const CatalogueEntry& entry : Catalogue()) {
    if (entry.name == name) return entry;
  }
  ADD_FAILURE() << "no catalogue entry " << name;
  return Catalogue().front();
}

struct Running {
  explicit Running(const Scenario& s) : scenario(s), choices(s.outcomes) {
    session = std::make_unique<Session>(choices);
  }
  // Steps the next action; false when there is none.
  bool StepOne() {
    if (next == scenario.actions.size() || session->failed()) return false;
    EXPECT_TRUE(session->Step(scenario.actions[next++]).ok());
    return true;
  }
  Scenario scenario;
  model::ScriptedChoices choices;
  std::unique_ptr<Session> session;
  size_t next = 0;
};

TEST(OverlappingSessionsTest, InterleavedRunsMatchRunsAlone) {
  // The first ends early; the second polls a finished write after that,
  // which must still be caught as the documented panic.
  const Scenario& first = Entry("cancel-write-wins/own<res>").scenario;
  const Scenario& second = Entry("panic-poll-write-after-completion").scenario;
  const RunResult first_alone = RunScripted(first);
  const RunResult second_alone = RunScripted(second);
  ASSERT_TRUE(first_alone.ok()) << first_alone.Report();
  ASSERT_TRUE(second_alone.ok()) << second_alone.Report();

  auto a = std::make_unique<Running>(first);
  auto b = std::make_unique<Running>(second);
  // In turns: a, b (its first action only), a; then `a` finishes and goes
  // while `b` has its panic still ahead.
  ASSERT_TRUE(a->StepOne());
  ASSERT_TRUE(b->StepOne());
  ASSERT_GT(second.actions.size(), 2u);
  while (a->StepOne()) {
  }
  RunResult first_interleaved = a->session->Finish();
  a.reset();
  while (b->StepOne()) {
  }
  RunResult second_interleaved = b->session->Finish();

  EXPECT_EQ(first_interleaved.host_calls, first_alone.host_calls);
  EXPECT_EQ(first_interleaved.ok(), first_alone.ok()) << first_interleaved.Report();
  EXPECT_EQ(second_interleaved.host_calls, second_alone.host_calls);
  EXPECT_EQ(second_interleaved.ok(), second_alone.ok()) << second_interleaved.Report();
}

// A session made and dropped inside another's life, the outer one then
// meeting a panic: the handler the inner one found must not have been
// restored over the outer one's.
TEST(OverlappingSessionsTest, InnerSessionEndingKeepsPanicsThrowing) {
  const Scenario& scenario = Entry("panic-cancel-write-twice").scenario;
  model::ScriptedChoices choices(scenario.outcomes);
  Session outer(choices);
  {
    model::ScriptedChoices none({});
    Session inner(none);
  }
  for (const Action& action : scenario.actions) ASSERT_TRUE(outer.Step(action).ok());
  EXPECT_TRUE(outer.Finish().ok());
}

}  // namespace
}  // namespace fc::scenario
