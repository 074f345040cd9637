// Linked with //zoo:sut_kNoDefaultWrite: a catalogue scenario that
// catches the bug, encoded, must shrink to an input that is no longer and
// still breaks the same invariant, and replays the same twice.
#include <gtest/gtest.h>

#include <string>

#include "fuzz/byte_choices.h"
#include "fuzz/minimize.h"
#include "scenario/catalogue.h"

namespace fc::fuzz {
namespace {

TEST(MinimizeZooTest, ShrinksARealFinding) {
  int shrunk = 0;
  for (const scenario::CatalogueEntry& entry : scenario::Catalogue()) {
    absl::StatusOr<std::string> bytes = EncodeScenario(entry.scenario);
    if (!bytes.ok()) continue;  // the bug may stop the run before an action
    const DecodedRun run = RunBytes(*bytes);
    if (run.result.ok()) continue;
    const Minimized small = MinimizeBytes(*bytes, run.result.first_invariant());
    EXPECT_LE(small.bytes.size(), bytes->size()) << entry.name;
    const DecodedRun again = RunBytes(small.bytes);
    ASSERT_FALSE(again.result.ok()) << entry.name;
    EXPECT_EQ(again.result.first_invariant(), run.result.first_invariant()) << entry.name;
    EXPECT_EQ(RunBytes(small.bytes).result.trace, again.result.trace);
    EXPECT_LE(again.result.executed.actions.size(), run.result.executed.actions.size());
    ++shrunk;
  }
  EXPECT_GT(shrunk, 0) << "no catalogue scenario catches the bug through the byte format";
}

}  // namespace
}  // namespace fc::fuzz
