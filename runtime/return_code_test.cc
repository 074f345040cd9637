#include "runtime/return_code.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "runtime/panic.h"

namespace fc::rt {
namespace {

struct Panicked {
  std::string message;
};
void Throw(std::string_view message) { throw Panicked{std::string(message)}; }

class ReturnCodeTest : public testing::Test {
 protected:
  ReturnCodeTest() : previous_(SetPanicHandler(&Throw)) {}
  ~ReturnCodeTest() override { SetPanicHandler(previous_); }
  PanicHandler previous_;
};

TEST_F(ReturnCodeTest, DecodesTheSpecEncoding) {
  EXPECT_TRUE(ReturnCode::Decode(0xffff'ffff).blocked);
  EXPECT_EQ(ReturnCode::Decode(0).result, CopyResult::kCompleted);
  EXPECT_EQ(ReturnCode::Decode(1).result, CopyResult::kDropped);
  EXPECT_EQ(ReturnCode::Decode(2).result, CopyResult::kCancelled);
  const ReturnCode partial = ReturnCode::Decode((7u << 4) | 2);
  EXPECT_EQ(partial.result, CopyResult::kCancelled);
  EXPECT_EQ(partial.count, 7u);
  EXPECT_EQ(ReturnCode::Encode(CopyResult::kDropped, 3), (3u << 4) | 1);
}

TEST_F(ReturnCodeTest, UnknownResultPanics) {
  EXPECT_THROW(ReturnCode::Decode(3), Panicked);
  EXPECT_THROW(ReturnCode::Decode(0xffff'fffe), Panicked);
}

TEST_F(ReturnCodeTest, FutureCodeWithCountPanics) {
  EXPECT_THROW(ReturnCode::DecodeFuture(1u << 4), Panicked);
  EXPECT_FALSE(ReturnCode::DecodeFuture(1).blocked);
}

TEST_F(ReturnCodeTest, Formats) {
  EXPECT_EQ(FormatReturnCode(0xffff'ffff), "BLOCKED");
  EXPECT_EQ(FormatReturnCode(1), "DROPPED");
  EXPECT_EQ(FormatReturnCode((5u << 4) | 0, /*is_stream=*/true), "COMPLETED(5)");
  EXPECT_EQ(FormatReturnCode(0x13), "0x00000013(invalid)");
}

}  // namespace
}  // namespace fc::rt
