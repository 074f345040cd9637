// The property suite users run with `bazel test`: generated scenarios of
// futures, streams and tasks (several channels of every payload type at
// once, every return-code sequence the spec allows) against the runtime, all
// invariants after every step.
//
// Defaults: 300 cases per property. Run long with
//   bazel test //props:property_test --test_env=RC_PARAMS=max_success=20000
// and reproduce a failure with the RC_PARAMS="reproduce=..." line it prints.
#include "props/property.h"

#include <gtest/gtest.h>

namespace fc::props {
namespace {

TEST(FutureProperty, OneFutureAtATime) {
  EXPECT_EQ(PropertyFailure("FutureProperty/OneFutureAtATime", {.max_channels = 1}), "");
}

TEST(FutureProperty, ManyFuturesInterleaved) {
  EXPECT_EQ(PropertyFailure("FutureProperty/ManyFuturesInterleaved", {.max_channels = 4}), "");
}

// Streams and futures together: partial transfers, DROPPED(n), zero-length
// copies, write-all loops, the copy limit.
TEST(StreamProperty, StreamsAndFuturesInterleaved) {
  EXPECT_EQ(PropertyFailure("StreamProperty/StreamsAndFuturesInterleaved",
                            {.max_channels = 3, .streams = true}),
            "");
}

// Coroutine tasks awaiting futures, cancelled at any suspension point,
// next to the guest's own operations.
TEST(TaskProperty, TasksAwaitAndAreCancelled) {
  EXPECT_EQ(
      PropertyFailure("TaskProperty/TasksAwaitAndAreCancelled", {.max_channels = 3, .tasks = true}),
      "");
}

// Producer and consumer tasks over streams too, next to the guest's own
// stream and future operations.
TEST(TaskProperty, StreamTasksProduceAndConsume) {
  EXPECT_EQ(PropertyFailure("TaskProperty/StreamTasksProduceAndConsume",
                            {.max_channels = 3, .streams = true, .tasks = true}),
            "");
}

}  // namespace
}  // namespace fc::props
