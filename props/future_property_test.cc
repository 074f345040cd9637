// The property suite users run with `bazel test`: generated future and
// stream scenarios (several channels of every payload type at once, every
// return-code sequence the spec allows) against the runtime, all invariants
// after every step.
//
// Defaults: 300 cases per property. Run long with
//   bazel test //props:future_property_test --test_env=RC_PARAMS=max_success=20000
// and reproduce a failure with the RC_PARAMS="reproduce=..." line it prints.
#include <gtest/gtest.h>

#include <sstream>

#include "props/future_property.h"

namespace fc::props {
namespace {

void ExpectPasses(const char* id, const scenario::SessionOptions& options) {
  rc::detail::TestResult result = RunFutureProperty(id, options);
  std::ostringstream message;
  rc::detail::printResultMessage(result, message);
  EXPECT_TRUE(result.template is<rc::detail::SuccessResult>()) << message.str();
}

TEST(FutureProperty, OneFutureAtATime) {
  ExpectPasses("FutureProperty/OneFutureAtATime", {.max_futures = 1});
}

TEST(FutureProperty, ManyFuturesInterleaved) {
  ExpectPasses("FutureProperty/ManyFuturesInterleaved", {.max_futures = 4});
}

// Streams and futures together: partial transfers, DROPPED(n), zero-length
// copies, write-all loops, the copy limit.
TEST(StreamProperty, StreamsAndFuturesInterleaved) {
  ExpectPasses("StreamProperty/StreamsAndFuturesInterleaved", {.max_futures = 3, .streams = true});
}

// Coroutine tasks awaiting futures, cancelled at any suspension point,
// next to the guest's own operations.
TEST(TaskProperty, TasksAwaitAndAreCancelled) {
  ExpectPasses("TaskProperty/TasksAwaitAndAreCancelled", {.max_futures = 3, .tasks = true});
}

// Producer and consumer tasks over streams too, next to the guest's own
// stream and future operations.
TEST(TaskProperty, StreamTasksProduceAndConsume) {
  ExpectPasses("TaskProperty/StreamTasksProduceAndConsume",
               {.max_futures = 3, .streams = true, .tasks = true});
}

}  // namespace
}  // namespace fc::props
