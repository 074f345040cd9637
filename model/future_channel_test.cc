// The future channel model against the spec's definitions.py semantics:
// which result each call returns in each state, when events become pending,
// and where the spec traps.
#include "model/future_channel.h"

#include <gtest/gtest.h>

namespace fc::model {
namespace {

constexpr uint32_t kCompleted = 0;
constexpr uint32_t kDropped = 1;
constexpr uint32_t kCancelled = 2;

// Records events and moves peer values; guest buffers are not touched here.
class Listener : public ChannelListener {
 public:
  Value MoveValue(FutureChannel&, CopyBuffer& from, CopyBuffer& to) override {
    ++moves;
    Value v = from.peer_value.value_or(Value::U32(42));
    to.peer_value = v;
    return v;
  }
  void OnPendingEvent(FutureChannel&, FutureEnd& end) override {
    (end.readable ? readable_events : writable_events)++;
  }
  int moves = 0;
  int readable_events = 0;
  int writable_events = 0;
};

class FutureChannelTest : public testing::Test {
 protected:
  CopyBuffer Guest() { return CopyBuffer{Party::kGuest, nullptr, std::nullopt}; }
  CopyBuffer Peer(uint32_t v) { return CopyBuffer{Party::kPeer, nullptr, Value::U32(v)}; }
  Listener listener;
  FutureChannel channel{0, PayloadKind::kU32, listener};
  CopyBuffer released;
};

TEST_F(FutureChannelTest, WriteThenReadCompletesBoth) {
  auto& w = channel.writable();
  auto& r = channel.readable();
  EXPECT_EQ(*channel.Copy(w, Peer(7), &released), rt::kBlocked);
  EXPECT_EQ(w.state, CopyState::kCopying);
  EXPECT_EQ(*channel.Copy(r, Guest(), &released), kCompleted);
  EXPECT_EQ(r.state, CopyState::kDone);
  // The writer's completion is an event: still COPYING until delivered.
  EXPECT_EQ(listener.writable_events, 1);
  EXPECT_EQ(w.state, CopyState::kCopying);
  EXPECT_EQ(channel.TakePendingEvent(w), kCompleted);
  EXPECT_EQ(w.state, CopyState::kDone);
  EXPECT_TRUE(channel.value_delivered());
  EXPECT_EQ(channel.delivered_value(), Value::U32(7));
}

TEST_F(FutureChannelTest, WriteAfterReaderDroppedReturnsDropped) {
  ASSERT_TRUE(channel.Drop(channel.readable()).ok());
  EXPECT_EQ(*channel.Copy(channel.writable(), Peer(1), &released), kDropped);
  EXPECT_EQ(channel.writable().state, CopyState::kDone);
  EXPECT_EQ(released.peer_value, Value::U32(1));  // the value comes back
  EXPECT_TRUE(channel.Drop(channel.writable()).ok());
}

TEST_F(FutureChannelTest, ReaderDropDuringWriteGivesWriterDropped) {
  EXPECT_EQ(*channel.Copy(channel.writable(), Peer(1), &released), rt::kBlocked);
  ASSERT_TRUE(channel.Drop(channel.readable()).ok());
  EXPECT_EQ(channel.writable().pending_event, rt::CopyResult::kDropped);
}

TEST_F(FutureChannelTest, CancelWithoutPendingEventCancels) {
  EXPECT_EQ(*channel.Copy(channel.writable(), Peer(1), &released), rt::kBlocked);
  EXPECT_EQ(*channel.Cancel(channel.writable(), &released), kCancelled);
  EXPECT_EQ(channel.writable().state, CopyState::kIdle);  // may write again
  EXPECT_EQ(*channel.Copy(channel.writable(), Peer(2), &released), rt::kBlocked);
}

TEST_F(FutureChannelTest, CancelAfterCompletionReturnsTheCompletion) {
  EXPECT_EQ(*channel.Copy(channel.writable(), Peer(1), &released), rt::kBlocked);
  EXPECT_EQ(*channel.Copy(channel.readable(), Guest(), &released), kCompleted);
  EXPECT_EQ(*channel.Cancel(channel.writable(), &released), kCompleted);
  EXPECT_EQ(channel.writable().state, CopyState::kDone);
}

TEST_F(FutureChannelTest, TrapsWhereTheSpecTraps) {
  auto& w = channel.writable();
  auto& r = channel.readable();
  EXPECT_FALSE(channel.Cancel(w, &released).ok()) << "cancel with nothing in flight";
  EXPECT_FALSE(channel.Drop(w).ok()) << "dropping a writer that never wrote";
  EXPECT_EQ(*channel.Copy(r, Guest(), &released), rt::kBlocked);
  EXPECT_FALSE(channel.Copy(r, Guest(), &released).ok()) << "second read in flight";
  EXPECT_FALSE(channel.Drop(r).ok()) << "dropping an end mid-copy";
  EXPECT_EQ(*channel.Copy(w, Peer(3), &released), kCompleted);
  EXPECT_FALSE(channel.Copy(w, Peer(4), &released).ok()) << "write after done";
  EXPECT_EQ(channel.TakePendingEvent(r), kCompleted);
  EXPECT_FALSE(channel.Copy(r, Guest(), &released).ok()) << "read after the value arrived";
  EXPECT_TRUE(channel.Drop(r).ok());
  EXPECT_TRUE(channel.Drop(w).ok());
}

TEST_F(FutureChannelTest, WriterStillTrapsOnDropAfterReaderLeft) {
  ASSERT_TRUE(channel.Drop(channel.readable()).ok());
  EXPECT_FALSE(channel.Drop(channel.writable()).ok());
}

TEST(FutureChannelSameInstance, NonNumberRendezvousTraps) {
  Listener listener;
  FutureChannel channel(0, PayloadKind::kString, listener);
  CopyBuffer released;
  CopyBuffer guest{Party::kGuest, nullptr, std::nullopt};
  EXPECT_EQ(*channel.Copy(channel.writable(), guest, &released), rt::kBlocked);
  EXPECT_FALSE(channel.Copy(channel.readable(), guest, &released).ok());
}

}  // namespace
}  // namespace fc::model
