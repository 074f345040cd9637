// The byte format: every input decodes and replays, encoding inverts
// decoding, and the catalogue encodes to bytes that run it exactly.
#include "fuzz/byte_choices.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "scenario/catalogue.h"
#include "scenario/runner.h"
#include "scenario/scenario_text.h"

namespace fc::fuzz {
namespace {

using scenario::Action;
using scenario::Op;
using scenario::RunResult;
using scenario::Scenario;

// Deterministic pseudo-random inputs (xorshift), version byte first.
std::string RandomInput(uint64_t seed, size_t size) {
  uint64_t state = seed * 0x9e3779b97f4a7c15ull + 1;
  std::string out(1, static_cast<char>(kFormatVersion));
  for (size_t i = 0; i < size; ++i) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    out.push_back(static_cast<char>(state & 0xff));
  }
  return out;
}

TEST(ByteChoicesTest, RandomInputsPassAndReplayByteForByte) {
  size_t steps = 0;
  for (uint64_t seed = 1; seed <= 400; ++seed) {
    const std::string bytes = RandomInput(seed, seed % 97);
    const DecodedRun run = RunBytes(bytes);
    ASSERT_TRUE(run.result.ok()) << "seed " << seed << "\n" << run.result.Report();
    EXPECT_EQ(RunBytes(bytes).result.trace, run.result.trace) << "seed " << seed;
    const RunResult replayed = scenario::RunScripted(run.result.executed);
    ASSERT_TRUE(replayed.ok()) << replayed.Report();
    EXPECT_EQ(replayed.trace, run.result.trace) << "seed " << seed;
    EXPECT_LE(run.steps, kMaxSteps);
    steps += run.steps;
  }
  EXPECT_GT(steps, 400u * 10);  // the inputs really drive the runtime
}

TEST(ByteChoicesTest, EncodeInvertsDecode) {
  for (uint64_t seed = 1; seed <= 400; ++seed) {
    const std::string bytes = RandomInput(seed, seed % 131);
    const DecodedRun run = RunBytes(bytes);
    absl::StatusOr<std::string> encoded = EncodeScenario(run.result.executed);
    ASSERT_TRUE(encoded.ok()) << "seed " << seed << ": " << encoded.status();
    const DecodedRun again = RunBytes(*encoded);
    EXPECT_EQ(again.result.trace, run.result.trace) << "seed " << seed;
    EXPECT_EQ(again.result.executed.actions, run.result.executed.actions);
    EXPECT_EQ(again.result.executed.outcomes, run.result.executed.outcomes);
    // The encoding is canonical: encoding its decoding gives it back.
    absl::StatusOr<std::string> twice = EncodeScenario(again.result.executed);
    ASSERT_TRUE(twice.ok()) << twice.status();
    EXPECT_EQ(*twice, *encoded) << "seed " << seed;
    // Explicit bytes for choices the input ran out before, at most.
    EXPECT_LE(encoded->size(), run.bytes_used + run.result.executed.outcomes.size())
        << "seed " << seed;
  }
}

TEST(ByteChoicesTest, CatalogueEncodesToItsOwnTrace) {
  int encoded_count = 0;
  for (const scenario::CatalogueEntry& entry : scenario::Catalogue()) {
    const DecodeOptions options = UsesTasks(entry.scenario)     ? TaskOptions()
                                  : UsesStreams(entry.scenario) ? StreamOptions()
                                                                : DecodeOptions{};
    absl::StatusOr<std::string> bytes = EncodeScenario(entry.scenario, options);
    ASSERT_TRUE(bytes.ok()) << entry.name << ": " << bytes.status();
    const RunResult scripted = scenario::RunScripted(entry.scenario);
    const DecodedRun decoded = RunBytes(*bytes, options);
    EXPECT_EQ(decoded.result.trace, scripted.trace) << entry.name;
    EXPECT_EQ(decoded.result.host_calls, entry.expected_host_calls) << entry.name;
    ++encoded_count;
  }
  EXPECT_GT(encoded_count, 10);
}

TEST(ByteChoicesTest, UnknownVersionDecodesAsCurrent) {
  std::string bytes = RandomInput(7, 40);
  const DecodedRun current = RunBytes(bytes);
  bytes[0] = static_cast<char>(0xee);
  const DecodedRun other = RunBytes(bytes);
  EXPECT_EQ(other.version, 0xee);
  EXPECT_EQ(other.result.trace, current.result.trace);
}

TEST(ByteChoicesTest, EmptyAndVersionOnlyInputsAreEmptyScenarios) {
  for (const std::string& bytes : {std::string(), std::string(1, '\x01')}) {
    const DecodedRun run = RunBytes(bytes);
    EXPECT_TRUE(run.result.ok()) << run.result.Report();
    EXPECT_TRUE(run.result.executed.actions.empty());
    EXPECT_EQ(run.bytes_used, bytes.size());
  }
}

TEST(ByteChoicesTest, StepsAndFuturesAreCapped) {
  const DecodedRun run = RunBytes(std::string(1000, '\x01'));
  EXPECT_EQ(run.steps, kMaxSteps);
  int futures = 0;
  for (const Action& a : run.result.executed.actions) {
    futures += a.op == Op::kNewFuture || a.op == Op::kReceiveFuture;
  }
  EXPECT_LE(futures, 3);
}

TEST(ByteChoicesTest, EncodeRejectsWhatBytesCannotSay) {
  Scenario not_enabled{{{Op::kNewFuture}, {Op::kPollWrite}}, {}};
  EXPECT_FALSE(EncodeScenario(not_enabled).ok());
  Scenario too_long;
  too_long.actions.assign(kMaxSteps + 1, Action{Op::kNewFuture});
  EXPECT_FALSE(EncodeScenario(too_long).ok());
  Scenario unused_outcome{{{Op::kNewFuture}}, {0}};
  EXPECT_FALSE(EncodeScenario(unused_outcome).ok());
  Scenario four_futures{{{Op::kNewFuture}, {Op::kNewFuture}, {Op::kNewFuture}, {Op::kNewFuture}},
                        {}};
  EXPECT_FALSE(EncodeScenario(four_futures).ok());
}

// A small mutation makes a small change: flipping the last byte leaves the
// decoded prefix alone.
TEST(ByteChoicesTest, ChangingTheLastByteKeepsThePrefix) {
  for (uint64_t seed = 1; seed <= 50; ++seed) {
    std::string bytes = RandomInput(seed, 30);
    const DecodedRun before = RunBytes(bytes);
    if (before.bytes_used != bytes.size() || before.result.executed.actions.size() < 2) continue;
    bytes.back() = static_cast<char>(bytes.back() + 1);
    const DecodedRun after = RunBytes(bytes);
    const auto& a = before.result.executed.actions;
    const auto& b = after.result.executed.actions;
    ASSERT_GE(b.size(), a.size() - 1);
    EXPECT_TRUE(std::equal(a.begin(), a.end() - 1, b.begin())) << "seed " << seed;
  }
}

}  // namespace
}  // namespace fc::fuzz
