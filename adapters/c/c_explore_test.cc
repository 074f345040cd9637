// The explorer on the C runtime (fcrt): every behaviour of two futures of
// any kind, and of one stream, to depth 5 breaks no invariant, and reaches
// as many distinct states as on the C++ runtime (explore/explorer_test.cc).
#include <gtest/gtest.h>

#include <string>

#include "explore/explorer.h"

namespace fc::explore {
namespace {

ExploreResult Search(const std::string& tmpl, int depth) {
  ExploreOptions options;
  options.template_name = tmpl;
  options.max_depth = depth;
  absl::StatusOr<ExploreResult> result = Explore(options);
  EXPECT_TRUE(result.ok()) << result.status();
  return result.ok() ? *std::move(result) : ExploreResult{};
}

TEST(CExploreTest, AllKindsDepth5) {
  ExploreResult r = Search("all-kinds", 5);
  EXPECT_TRUE(r.complete);
  EXPECT_TRUE(r.violations.empty()) << r.violations.front().Report();
  EXPECT_EQ(r.depth_reached, 5);
  EXPECT_EQ(r.distinct_states(), 8853u);
}

TEST(CExploreTest, OneStreamDepth5) {
  ExploreResult r = Search("one-stream", 5);
  EXPECT_TRUE(r.complete);
  EXPECT_TRUE(r.violations.empty()) << r.violations.front().Report();
  EXPECT_EQ(r.depth_reached, 5);
  EXPECT_EQ(r.distinct_states(), 4455u);
}

}  // namespace
}  // namespace fc::explore
