// The explorer on the C runtime (fcrt): every behaviour of two futures of
// any kind, and of one stream, to depth 5 breaks no invariant, and reaches
// as many distinct states as on the C++ runtime (explore/explorer_test.cc).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>

#include "explore/explorer.h"

namespace fc::explore {
namespace {

// A template searched to `depth`: the state count pinned, no violation.
struct PinnedSearch {
  const char* tmpl;
  int depth;
  uint64_t distinct_states;
};

class CExploreTest : public testing::TestWithParam<PinnedSearch> {};

TEST_P(CExploreTest, BreaksNoInvariantAndReachesThePinnedStates) {
  const PinnedSearch& pinned = GetParam();
  ExploreOptions options;
  options.template_name = pinned.tmpl;
  options.max_depth = pinned.depth;
  absl::StatusOr<ExploreResult> result = Explore(options);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_TRUE(result->complete);
  EXPECT_TRUE(result->violations.empty()) << result->violations.front().Report();
  EXPECT_EQ(result->depth_reached, pinned.depth);
  EXPECT_EQ(result->distinct_states(), pinned.distinct_states);
  // On two threads: cabi's host binding is per thread, so the same states.
  options.jobs = 2;
  absl::StatusOr<ExploreResult> threaded = Explore(options);
  ASSERT_TRUE(threaded.ok()) << threaded.status();
  EXPECT_EQ(threaded->states, result->states);
  EXPECT_EQ(threaded->coverage.counts(), result->coverage.counts());
}

INSTANTIATE_TEST_SUITE_P(Depth5, CExploreTest,
                         testing::Values(PinnedSearch{"all-kinds", 5, 4507},
                                         PinnedSearch{"one-stream", 5, 1711}),
                         [](const testing::TestParamInfo<PinnedSearch>& info) {
                           std::string name = info.param.tmpl;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

}  // namespace
}  // namespace fc::explore
