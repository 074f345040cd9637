#include "fuzz/return_code_check.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "runtime/return_code.h"

namespace fc::fuzz {
namespace {

TEST(ReturnCodeCheckTest, RuntimeAgreesWithTheSpecRule) {
  for (uint32_t raw : {0u, 1u, 2u, 3u, 0xfu, 0x10u, 0x11u, 0x12u, 0x13u, 0xfffffff0u, 0xfffffffeu,
                       0xffffffffu, 0x7fffffffu}) {
    EXPECT_TRUE(CheckReturnCode(raw).ok()) << raw << ": " << CheckReturnCode(raw);
  }
  for (uint32_t raw = 0; raw < 0x1000; ++raw) ASSERT_TRUE(CheckReturnCode(raw).ok()) << raw;
}

TEST(ReturnCodeCheckTest, SplitsCodesFromTheScenario) {
  const std::string input(
      "\x0a"
      "\x01\x00\x00\x00"
      "\x03\x00\x00\x00"
      "\x01\x05",
      11);
  const ReturnCodeInput split = SplitReturnCodeInput(input);
  EXPECT_EQ(split.codes.size(), 8u);  // 10 % 8 = 2 codes
  EXPECT_EQ(split.scenario, std::string("\x01\x05", 2));
}

TEST(ReturnCodeCheckTest, ScenarioHalfUsesOneU32Future) {
  const std::string scenario_bytes(200, '\x00');
  const DecodedRun run = RunBytes(scenario_bytes, SingleFutureOptions());
  ASSERT_TRUE(run.result.ok()) << run.result.Report();
  int futures = 0;
  for (const scenario::Action& a : run.result.executed.actions) {
    if (a.op == scenario::Op::kNewFuture || a.op == scenario::Op::kReceiveFuture) {
      ++futures;
      EXPECT_EQ(a.payload, model::PayloadKind::kU32);
    }
  }
  EXPECT_EQ(futures, 1);
  EXPECT_TRUE(
      CheckReturnCodeInput(std::string("\x03\xff\xff\xff\xff\x05\x00\x00\x00\x01", 10)).ok());
}

}  // namespace
}  // namespace fc::fuzz
