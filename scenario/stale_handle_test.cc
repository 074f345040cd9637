// A stale handle that hits a new end, with the correct runtime and the mock
// host together (scenario/world.h): the host numbers handles as the spec's
// table does, so the index of a reader the runtime dropped comes back for
// the next end. A runtime that then uses its old handle (played here by the
// test, as a runtime with that bug would) hits the new end; the spec cannot
// tell, but the oracle's held-ends-live check on the end the guest program
// still holds can, and the trap at the real drop that follows says the
// handle was reused.
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

#include "absl/strings/str_format.h"
#include "model/choice_source.h"
#include "scenario/world.h"

namespace fc::scenario {
namespace {

using model::ChannelKind;
using model::PayloadKind;

constexpr rt::FutureTypeId kU32{static_cast<uint32_t>(PayloadKind::kU32)};

TEST(StaleHandleTest, AStaleDropThatHitsANewEndIsCaughtAndSaysTheHandleWasReused) {
  model::PassiveChoices choices;
  World world(choices);
  std::unique_ptr<sut::FutureReader> first = world.runtime->ReceiveFuture(
      PayloadKind::kU32, world.host.Receive(ChannelKind::kFuture, PayloadKind::kU32));
  const rt::Handle stale = first->handle();
  first.reset();  // the runtime drops f0's reader: its index goes on the free list
  std::unique_ptr<sut::FutureReader> second = world.runtime->ReceiveFuture(
      PayloadKind::kU32, world.host.Receive(ChannelKind::kFuture, PayloadKind::kU32));
  ASSERT_EQ(second->handle(), stale) << "the spec's table reuses the last freed index";
  EXPECT_EQ(world.host.HeldEndProblem(second->handle(), ChannelKind::kFuture, true, 1),
            std::nullopt);
  EXPECT_TRUE(world.log.empty()) << world.log.ToString();

  // The bug: f0's reader dropped again, after its index came back for f1.
  world.host.FutureDropReadable(kU32, stale);
  EXPECT_TRUE(world.log.empty()) << "a legal drop of f1's reader, as far as the spec can tell";
  const std::string reuse = absl::StrFormat(
      " (handle %u was reused: it named the readable end of f0, then the readable end of f1)",
      stale);
  EXPECT_EQ(world.host.HeldEndProblem(second->handle(), ChannelKind::kFuture, true, 1),
            absl::StrFormat("its handle %u was dropped", stale) + reuse)
      << "held-ends-live reports this after the step";

  second.reset();  // the runtime's own drop of f1's reader now traps
  ASSERT_FALSE(world.log.empty());
  EXPECT_EQ(world.log.first().invariant, model::Invariant::kHostTrap);
  EXPECT_EQ(
      world.log.first().message,
      absl::StrFormat("future.drop-readable(r=%u): handle %u was already dropped", stale, stale) +
          reuse);
}

}  // namespace
}  // namespace fc::scenario
