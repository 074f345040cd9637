// The property suite on the C runtime (fcrt): generated future and stream
// scenarios, every invariant after every step. No task properties: fcrt
// has no executor. RC_PARAMS works as for //props:future_property_test.
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

TEST(CFutureProperty, OneFutureAtATime) {
  ExpectPasses("CFutureProperty/OneFutureAtATime", {.max_futures = 1});
}

TEST(CFutureProperty, ManyFuturesInterleaved) {
  ExpectPasses("CFutureProperty/ManyFuturesInterleaved", {.max_futures = 4});
}

TEST(CStreamProperty, StreamsAndFuturesInterleaved) {
  ExpectPasses("CStreamProperty/StreamsAndFuturesInterleaved", {.max_futures = 3, .streams = true});
}

}  // namespace
}  // namespace fc::props
