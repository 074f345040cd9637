// The explorer on the correct runtime: no violation, every spec transition
// of the future model covered, deterministic results, and shards that merge
// back into the unsharded search.
#include "explore/explorer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <tuple>

#include "absl/strings/match.h"
#include "explore/coverage.h"
#include "explore/result_file.h"
#include "explore/scenario_template.h"

namespace fc::explore {
namespace {

ExploreResult Search(const std::string& tmpl, int depth, uint32_t shard = 0, uint32_t shards = 1,
                     model::SpecRevision spec = model::SpecRevision::k2026_08) {
  ExploreOptions options;
  options.template_name = tmpl;
  options.spec = spec;
  options.max_depth = depth;
  options.shard_index = shard;
  options.shard_count = shards;
  absl::StatusOr<ExploreResult> result = Explore(options);
  EXPECT_TRUE(result.ok()) << result.status();
  return result.ok() ? *std::move(result) : ExploreResult{};
}

std::set<std::string> Covered(const Coverage& coverage) {
  std::set<std::string> keys;
  for (const auto& [key, n] : coverage.counts()) {
    if (n > 0) keys.insert(key);
  }
  return keys;
}

// Five spec-legal steps of the waitable-set and export-task machines the
// C++ runtime never takes, by design rather than for a gap of the search:
// it never joins an end to a set it is already in or moves it between
// sets, never leaves a set it is not in, always takes an end out of its set
// before dropping it, and acknowledges every delivered cancellation with
// task.cancel rather than task.return.
const std::vector<std::string>& NotDoneByThisRuntime() {
  static const auto* keys = new std::vector<std::string>{
      "waitable-set member guest IN -> IN join",
      "waitable-set member guest IN -> IN join-other-set",
      "waitable-set member guest OUT -> OUT join-none",
      "waitable-set member guest IN -> OUT drop",
      "export-task task guest CANCEL_DELIVERED -> RETURNED task.return",
  };
  return *keys;
}

// The gaps of a search in one machine ("future", "stream", ...): a search
// without tasks never polls, so it owes nothing to the other machines.
std::vector<std::string> Gaps(const Coverage& coverage, const std::string& machine) {
  std::vector<std::string> gaps;
  for (const std::string& key : coverage.NeverReached()) {
    if (absl::StartsWith(key, machine + " ")) gaps.push_back(key);
  }
  return gaps;
}

TEST(ExplorerTest, CorrectRuntimeCoversEveryTransitionWithoutViolation) {
  ExploreResult r = Search("one-future", 5);
  EXPECT_TRUE(r.complete);
  EXPECT_TRUE(r.violations.empty()) << r.violations.front().Report();
  EXPECT_TRUE(r.coverage.KindsSeen().contains("future"));
  EXPECT_TRUE(Gaps(r.coverage, "future").empty()) << r.coverage.Table();
  EXPECT_TRUE(r.coverage.Unexpected().empty()) << r.coverage.Table();
  EXPECT_EQ(r.depth_reached, 5);
}

// Stream ends are instrumented like future ends, with their own expected
// list (model/channel.cc's stream rules: IDLE again after COMPLETED, DROPPED
// seen by both ends).
TEST(ExplorerTest, CorrectRuntimeCoversEveryStreamTransition) {
  ExploreResult r = Search("one-stream", 5);
  EXPECT_TRUE(r.violations.empty()) << r.violations.front().Report();
  EXPECT_TRUE(r.coverage.KindsSeen().contains("stream"));
  EXPECT_FALSE(r.coverage.KindsSeen().contains("future"));
  EXPECT_TRUE(Gaps(r.coverage, "stream").empty()) << r.coverage.Table();
  EXPECT_TRUE(r.coverage.Unexpected().empty()) << r.coverage.Table();
}

// Waitable sets and export tasks are instrumented too: a task search
// reaches every step of theirs but the five this runtime never takes.
TEST(ExplorerTest, WaitableSetAndExportTaskTransitionsAreCovered) {
  ExploreResult r = Search("tasks", 5);
  EXPECT_TRUE(r.violations.empty()) << r.violations.front().Report();
  EXPECT_EQ(r.coverage.KindsSeen(),
            (std::set<std::string>{"export-task", "future", "waitable-set"}));
  EXPECT_TRUE(r.coverage.Unexpected().empty()) << r.coverage.Table();
  EXPECT_EQ(r.coverage.NeverReached(), NotDoneByThisRuntime()) << r.coverage.Table();
}

// Since CM#720 an idle end in a waitable set hears of the other end's drop.
// Both runtimes take an end out of its set as soon as its event arrives
// (runtime/runtime.cc Dispatch), so no end of theirs sits idle in a set:
// the three transitions are the spec's, never this runtime's.
const std::vector<std::string>& NotDoneUnder2026_09() {
  static const auto* keys = new std::vector<std::string>{
      "future writable guest IDLE -> DONE event DROPPED",
      "stream writable guest IDLE -> DONE event DROPPED",
      "stream readable guest IDLE -> DONE event DROPPED",
  };
  return *keys;
}

// Under 2026-09 every template passes, and the only gaps are the steps
// this runtime never takes: CM#720's, and the five of any revision.
TEST(ExplorerTest, Revision2026_09PassesAndCoversAllButCm720) {
  const auto spec = model::SpecRevision::k2026_09;
  std::set<std::string> allowed(NotDoneUnder2026_09().begin(), NotDoneUnder2026_09().end());
  allowed.insert(NotDoneByThisRuntime().begin(), NotDoneByThisRuntime().end());
  for (const char* tmpl : {"all-kinds", "one-stream", "tasks"}) {
    ExploreResult r = Search(tmpl, 5, 0, 1, spec);
    EXPECT_TRUE(r.complete) << tmpl;
    EXPECT_TRUE(r.violations.empty()) << tmpl << "\n" << r.violations.front().Report();
    EXPECT_TRUE(r.coverage.Unexpected().empty()) << tmpl << "\n" << r.coverage.Table();
    // A search without tasks never polls: it owes only the channels' steps.
    std::vector<std::string> gaps = Gaps(r.coverage, "future");
    for (const std::string& gap : Gaps(r.coverage, "stream")) gaps.push_back(gap);
    if (std::string(tmpl) == "tasks") gaps = r.coverage.NeverReached();
    for (const std::string& gap : gaps) {
      EXPECT_TRUE(allowed.contains(gap)) << tmpl << ": " << gap << "\n" << r.coverage.Table();
    }
  }
  // CM#719: a stream's cancel no longer returns COMPLETED, so the search
  // owes no such transition; 2026-08 owes it.
  const std::string cancel_completes =
      "stream writable guest CANCELLING_COPY -> IDLE cancel-result COMPLETED";
  const auto& keys_08 = ExpectedTransitions(model::SpecRevision::k2026_08);
  const auto& keys_09 = ExpectedTransitions(spec);
  EXPECT_NE(std::find(keys_08.begin(), keys_08.end(), cancel_completes), keys_08.end());
  EXPECT_EQ(std::find(keys_09.begin(), keys_09.end(), cancel_completes), keys_09.end());
}

// The distinct-state counts are a refactor's proof of no behaviour change:
// a change that moves one moved the search or the harness, and says why in
// the README (tools/main.sh and the README quote the complete searches).
TEST(ExplorerTest, StateCountsArePinned) {
  // Symmetry: two channels' states count once whichever was made first
  // (all-kinds 8,685 and tasks 4,792 before it). One-stream: an end's new
  // event replaces its stale queue entry (1,747 and 1,723 before that).
  EXPECT_EQ(Search("all-kinds", 5).distinct_states(), 4507u);
  EXPECT_EQ(Search("one-stream", 5).distinct_states(), 1711u);
  EXPECT_EQ(Search("tasks", 5).distinct_states(), 2764u);
  // 2026-09: a stream cancel over a queued completion is CANCELLED(n), so
  // fewer distinct one-stream states; futures and tasks as under 2026-08.
  const auto spec = model::SpecRevision::k2026_09;
  EXPECT_EQ(Search("all-kinds", 5, 0, 1, spec).distinct_states(), 4507u);
  EXPECT_EQ(Search("one-stream", 5, 0, 1, spec).distinct_states(), 1687u);
  EXPECT_EQ(Search("tasks", 5, 0, 1, spec).distinct_states(), 2764u);
}

// With no depth bound the search runs until a level adds nothing new, and
// says it found every reachable state; a bound that cuts states off says
// it did not, and a bound past the last new state finds the same states.
TEST(ExplorerTest, UnboundedSearchCloses) {
  for (auto [spec, states, last] : {std::tuple{model::SpecRevision::k2026_08, 3221u, 9},
                                    std::tuple{model::SpecRevision::k2026_09, 3149u, 9}}) {
    ExploreResult all = Search("one-stream", kNoDepthBound, 0, 1, spec);
    EXPECT_TRUE(all.complete);
    EXPECT_TRUE(all.closed);
    EXPECT_TRUE(all.violations.empty()) << all.violations.front().Report();
    EXPECT_EQ(all.distinct_states(), states);
    EXPECT_EQ(all.depth_reached, last);

    ExploreResult cut = Search("one-stream", last - 1, 0, 1, spec);
    EXPECT_TRUE(cut.complete);
    EXPECT_FALSE(cut.closed);
    EXPECT_LT(cut.distinct_states(), states);

    ExploreResult past = Search("one-stream", last + 3, 0, 1, spec);
    EXPECT_TRUE(past.closed);
    EXPECT_EQ(past.states, all.states);

    // Shards of a closed search merge into it, closed.
    absl::StatusOr<ExploreResult> merged =
        MergeResults({*ParseResult(ResultToText(Search("one-stream", kNoDepthBound, 0, 2, spec))),
                      *ParseResult(ResultToText(Search("one-stream", kNoDepthBound, 1, 2, spec)))});
    ASSERT_TRUE(merged.ok()) << merged.status();
    EXPECT_TRUE(merged->closed);
    EXPECT_EQ(merged->states, all.states);
  }
}

TEST(ExplorerTest, TwoFuturesOfAnyKindShallow) {
  ExploreResult r = Search("all-kinds", 3);
  EXPECT_TRUE(r.complete);
  EXPECT_TRUE(r.violations.empty()) << r.violations.front().Report();
  // 1 initial state, 8 ways to make the first future (4 kinds x 2 directions).
  ASSERT_GE(r.new_states_per_depth.size(), 2u);
  EXPECT_EQ(r.new_states_per_depth[0], 1u);
  EXPECT_EQ(r.new_states_per_depth[1], 8u);
}

TEST(ExplorerTest, TemplatesRestrictTheSearch) {
  ExploreResult writer = Search("one-writer", 4);
  ExploreResult reader = Search("one-reader", 4);
  ExploreResult any = Search("one-future", 4);
  EXPECT_LT(writer.distinct_states(), any.distinct_states());
  EXPECT_LT(reader.distinct_states(), any.distinct_states());
  // A writer template never touches a guest-held readable end.
  for (const std::string& key : Covered(writer.coverage)) {
    EXPECT_FALSE(absl::StartsWith(key, "future readable guest")) << key;
  }
  EXPECT_FALSE(ScenarioTemplate::Named("no-such-template").ok());
}

TEST(ExplorerTest, Deterministic) {
  ExploreResult a = Search("one-future", 4);
  ExploreResult b = Search("one-future", 4);
  a.seconds = b.seconds = 0;
  EXPECT_EQ(ResultToText(a), ResultToText(b));
}

TEST(ExplorerTest, ShardsMergeToTheUnshardedSearch) {
  for (int depth : {3, 5}) {
    ExploreResult whole = Search("one-future", depth);
    ExploreResult s0 = Search("one-future", depth, 0, 2);
    ExploreResult s1 = Search("one-future", depth, 1, 2);
    // Each shard does only part of the work after the split.
    EXPECT_LT(s0.transitions, whole.transitions);
    EXPECT_GT(s1.transitions, 0u);
    // Through the result files, as the CLI's --merge does.
    absl::StatusOr<ExploreResult> p0 = ParseResult(ResultToText(s0));
    absl::StatusOr<ExploreResult> p1 = ParseResult(ResultToText(s1));
    ASSERT_TRUE(p0.ok()) << p0.status();
    ASSERT_TRUE(p1.ok()) << p1.status();
    absl::StatusOr<ExploreResult> merged = MergeResults({*p0, *p1});
    ASSERT_TRUE(merged.ok()) << merged.status();
    EXPECT_TRUE(merged->complete);
    EXPECT_EQ(Covered(merged->coverage), Covered(whole.coverage)) << "depth " << depth;
    EXPECT_EQ(merged->states, whole.states) << "depth " << depth;
    EXPECT_GE(merged->transitions, whole.transitions);
    EXPECT_GE(merged->runs, whole.runs);
    // A shard alone, or a shard twice, is not the whole.
    absl::StatusOr<ExploreResult> half = MergeResults({*p0});
    ASSERT_TRUE(half.ok());
    EXPECT_FALSE(half->complete);
    EXPECT_FALSE(MergeResults({*p0, *p0}).ok());
  }
}

TEST(ExplorerTest, ResultFileRoundTrip) {
  ExploreResult r = Search("one-writer", 4);
  absl::StatusOr<ExploreResult> parsed = ParseResult(ResultToText(r));
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(ResultToText(*parsed), ResultToText(r));
  EXPECT_FALSE(ParseResult("not a result").ok());
}

TEST(ExplorerTest, BadOptionsAreErrors) {
  ExploreOptions options;
  options.shard_index = 2;
  options.shard_count = 2;
  EXPECT_FALSE(Explore(options).ok());
  options = ExploreOptions{};
  options.template_name = "nope";
  EXPECT_FALSE(Explore(options).ok());
}

}  // namespace
}  // namespace fc::explore
