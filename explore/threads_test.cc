// The explorer's threads (ExploreOptions::jobs) against one thread, on the
// C++ runtime. Tagged "threads": tools/test.sh runs it under ThreadSanitizer
// too.
#include <gtest/gtest.h>

#include <cstdint>

#include "absl/status/statusor.h"
#include "explore/explorer.h"

namespace fc::explore {
namespace {

// Threads change how fast, not what: the same states level by level, the
// same work counts and the same coverage for any number of them.
TEST(ThreadsTest, FindTheSameStates) {
  for (const char* tmpl : {"all-kinds", "one-stream", "tasks"}) {
    ExploreOptions options;
    options.template_name = tmpl;
    options.max_depth = 5;
    absl::StatusOr<ExploreResult> one = Explore(options);
    ASSERT_TRUE(one.ok()) << one.status();
    for (uint32_t jobs : {2u, 3u}) {
      options.jobs = jobs;
      absl::StatusOr<ExploreResult> many = Explore(options);
      ASSERT_TRUE(many.ok()) << many.status();
      EXPECT_EQ(many->states, one->states) << tmpl << ", " << jobs << " threads";
      EXPECT_EQ(many->new_states_per_depth, one->new_states_per_depth) << tmpl;
      EXPECT_EQ(many->runs, one->runs) << tmpl;
      EXPECT_EQ(many->transitions, one->transitions) << tmpl;
      EXPECT_EQ(many->steps, one->steps) << tmpl;
      EXPECT_EQ(many->coverage.counts(), one->coverage.counts()) << tmpl;
      EXPECT_EQ(many->closed, one->closed) << tmpl;
    }
  }
  ExploreOptions bad;
  bad.jobs = 0;
  EXPECT_FALSE(Explore(bad).ok());
}

}  // namespace
}  // namespace fc::explore
