// The property suite on the C runtime (fcrt): generated future and stream
// scenarios, every invariant after every step. No task properties: fcrt
// has no executor. RC_PARAMS works as for //props:property_test.
#include <gtest/gtest.h>

#include "props/property.h"

namespace fc::props {
namespace {

TEST(CFutureProperty, OneFutureAtATime) {
  EXPECT_EQ(PropertyFailure("CFutureProperty/OneFutureAtATime", {.max_channels = 1}), "");
}

TEST(CFutureProperty, ManyFuturesInterleaved) {
  EXPECT_EQ(PropertyFailure("CFutureProperty/ManyFuturesInterleaved", {.max_channels = 4}), "");
}

TEST(CStreamProperty, StreamsAndFuturesInterleaved) {
  EXPECT_EQ(PropertyFailure("CStreamProperty/StreamsAndFuturesInterleaved",
                            {.max_channels = 3, .streams = true}),
            "");
}

}  // namespace
}  // namespace fc::props
