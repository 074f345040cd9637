// The channel model against the spec's definitions.py semantics, for both
// kinds: which result each call returns in each state, when events become
// pending, where the spec traps, and that the rules the kinds share live
// in one place (a shared rule flipped changes futures and streams alike).
#include "model/channel.h"

#include <gtest/gtest.h>

#include "model/channel_testing.h"
#include "model/choice_source.h"
#include "model/mock_host.h"

namespace fc::model {
namespace {

uint32_t Packed(rt::CopyResult result, uint32_t n) { return rt::ReturnCode::Encode(result, n); }

CopyBuffer Guest(uint32_t capacity = 1) {
  return CopyBuffer{Party::kGuest, nullptr, capacity, 0, {}};
}
CopyBuffer PeerWrites(std::vector<uint32_t> values) {
  CopyBuffer b{Party::kPeer, nullptr, static_cast<uint32_t>(values.size()), 0, {}};
  for (uint32_t v : values) b.peer_values.push_back(Value::U32(v));
  return b;
}

// ---- futures ------------------------------------------------------------

class FutureTest : public testing::Test, protected ChannelUnderTest {
 protected:
  FutureTest() : ChannelUnderTest(ChannelKind::kFuture, PayloadKind::kU32, 8, /*filler=*/42) {}
};

TEST_F(FutureTest, WriteThenReadCompletesBoth) {
  EXPECT_EQ(*channel.Copy(w, PeerWrites({7}), listener, &released), rt::kBlocked);
  EXPECT_EQ(w.state, CopyState::kCopying);
  EXPECT_EQ(*channel.Copy(r, Guest(), listener, &released), kCompleted);
  EXPECT_EQ(r.state, CopyState::kDone);
  // The writer's completion is an event: still COPYING until delivered.
  EXPECT_EQ(listener.writable_events, 1);
  EXPECT_EQ(w.state, CopyState::kCopying);
  EXPECT_EQ(channel.pending_end(), nullptr) << "a future forgets both copies at once";
  EXPECT_EQ(channel.TakePendingEvent(w), kCompleted);
  EXPECT_EQ(w.state, CopyState::kDone);
  ASSERT_TRUE(channel.value_delivered());
  EXPECT_EQ(channel.delivered(), std::vector<Value>{Value::U32(7)});
}

TEST_F(FutureTest, WriteAfterReaderDroppedReturnsDroppedAndTheValueBack) {
  ASSERT_TRUE(channel.Drop(r, listener).ok());
  EXPECT_EQ(*channel.Copy(w, PeerWrites({1}), listener, &released), kDropped);
  EXPECT_EQ(w.state, CopyState::kDone);
  EXPECT_EQ(released.peer_values, std::vector<Value>{Value::U32(1)});
  EXPECT_TRUE(channel.Drop(w, listener).ok());
}

TEST_F(FutureTest, CancelWithoutPendingEventCancelsAndMayWriteAgain) {
  EXPECT_EQ(*channel.Copy(w, PeerWrites({1}), listener, &released), rt::kBlocked);
  EXPECT_EQ(*channel.Cancel(w, listener, &released), kCancelled);
  EXPECT_EQ(w.state, CopyState::kIdle);
  EXPECT_EQ(*channel.Copy(w, PeerWrites({2}), listener, &released), rt::kBlocked);
}

TEST_F(FutureTest, TrapsWhereTheSpecTraps) {
  EXPECT_FALSE(channel.Cancel(w, listener, &released).ok()) << "cancel with nothing in flight";
  EXPECT_FALSE(channel.Drop(w, listener).ok()) << "dropping a writer that never wrote";
  EXPECT_FALSE(channel.MayDrop(w));
  EXPECT_EQ(*channel.Copy(r, Guest(), listener, &released), rt::kBlocked);
  EXPECT_FALSE(channel.Copy(r, Guest(), listener, &released).ok()) << "second read in flight";
  EXPECT_FALSE(channel.Drop(r, listener).ok()) << "dropping an end mid-copy";
  EXPECT_EQ(*channel.Copy(w, PeerWrites({3}), listener, &released), kCompleted);
  EXPECT_FALSE(channel.Copy(w, PeerWrites({4}), listener, &released).ok()) << "write after done";
  EXPECT_EQ(channel.TakePendingEvent(r), kCompleted);
  EXPECT_FALSE(channel.Copy(r, Guest(), listener, &released).ok()) << "read after the value";
  EXPECT_TRUE(channel.Drop(r, listener).ok());
  EXPECT_TRUE(channel.Drop(w, listener).ok());
}

TEST_F(FutureTest, ChannelIsAValue) {
  EXPECT_EQ(*channel.Copy(w, PeerWrites({5}), listener, &released), rt::kBlocked);
  Channel copy = channel;
  EXPECT_EQ(*copy.Copy(copy.readable(), Guest(), listener, &released), kCompleted);
  EXPECT_TRUE(copy.value_delivered());
  EXPECT_FALSE(channel.value_delivered()) << "the original is untouched";
  EXPECT_EQ(channel.pending_end(), &channel.writable());
}

// ---- streams ------------------------------------------------------------

class StreamTest : public testing::Test, protected ChannelUnderTest {
 protected:
  StreamTest() : ChannelUnderTest(ChannelKind::kStream, PayloadKind::kU32, 8, /*filler=*/42) {}
};

TEST_F(StreamTest, PartialCopyKeepsTheWaitingCopyPendingUntilItsEvent) {
  EXPECT_EQ(*channel.Copy(w, PeerWrites({1, 2, 3}), listener, &released), rt::kBlocked);
  EXPECT_EQ(*channel.Copy(r, Guest(2), listener, &released), Packed(rt::CopyResult::kCompleted, 2));
  EXPECT_EQ(r.state, CopyState::kIdle) << "a stream end may read again";
  EXPECT_EQ(channel.pending_end(), &channel.writable());
  // The writer's event is pending, but more may be taken from its buffer.
  EXPECT_EQ(*channel.Copy(r, Guest(4), listener, &released), Packed(rt::CopyResult::kCompleted, 1));
  EXPECT_EQ(channel.TakePendingEvent(w), Packed(rt::CopyResult::kCompleted, 3));
  EXPECT_EQ(channel.pending_end(), nullptr);
  EXPECT_EQ(channel.delivered().size(), 3u);
}

TEST_F(StreamTest, DropGivesTheWaitingCopyDroppedWithItsCount) {
  EXPECT_EQ(*channel.Copy(r, Guest(4), listener, &released), rt::kBlocked);
  ASSERT_TRUE(channel.Drop(w, listener).ok()) << "a stream writer may drop unwritten";
  EXPECT_EQ(channel.TakePendingEvent(r), Packed(rt::CopyResult::kDropped, 0));
  EXPECT_EQ(r.state, CopyState::kDone);
  EXPECT_FALSE(channel.Copy(r, Guest(1), listener, &released).ok()) << "copy on a DONE end";
}

TEST_F(StreamTest, ZeroLengthCopiesMeetWithoutMoving) {
  EXPECT_EQ(*channel.Copy(r, Guest(0), listener, &released), rt::kBlocked);
  EXPECT_EQ(*channel.Copy(w, Guest(0), listener, &released), kCompleted);
  EXPECT_EQ(r.state, CopyState::kCopying) << "the zero-length reader keeps waiting";
  EXPECT_EQ(listener.moves, 0);
}

TEST_F(StreamTest, OverTheCopyLimitTraps) {
  EXPECT_FALSE(channel.Copy(r, Guest(9), listener, &released).ok());
}

TEST_F(StreamTest, CancelReturnsTheCountSoFar) {
  EXPECT_EQ(*channel.Copy(r, Guest(4), listener, &released), rt::kBlocked);
  EXPECT_EQ(*channel.Copy(w, PeerWrites({1}), listener, &released), kCompleted | (1 << 4));
  EXPECT_EQ(*channel.Cancel(r, listener, &released), Packed(rt::CopyResult::kCompleted, 1));
  EXPECT_EQ(r.state, CopyState::kIdle);
}

// ---- a cancel the host blocks ------------------------------------------

// The spec's async cancel returns BLOCKED when the cancel does not finish at
// once: the end is CANCELLING_COPY, its copy still pending, and its result
// comes as an event. Meanwhile a second cancel traps (CM#593), and so do a
// copy and a drop.
TEST_F(StreamTest, BlockedCancelEndsWithACancelledEvent) {
  EXPECT_EQ(*channel.Copy(w, Guest(4), listener, &released), rt::kBlocked);
  EXPECT_EQ(*channel.Cancel(w, listener, &released, /*host_blocks=*/true), rt::kBlocked);
  EXPECT_EQ(w.state, CopyState::kCancellingCopy);
  EXPECT_EQ(channel.pending_end(), &w) << "the copy is still there to meet";
  absl::StatusOr<uint32_t> second = channel.Cancel(w, listener, &released);
  ASSERT_FALSE(second.ok()) << "CM#593: a second cancel while the first is blocked traps";
  EXPECT_NE(second.status().message().find("twice"), std::string::npos);
  EXPECT_FALSE(channel.Copy(w, Guest(1), listener, &released).ok());
  EXPECT_FALSE(channel.Drop(w, listener).ok());
  ASSERT_TRUE(channel.FinishCancel(w, listener).ok());
  EXPECT_EQ(listener.writable_events, 1);
  EXPECT_EQ(channel.TakePendingEvent(w), Packed(rt::CopyResult::kCancelled, 0));
  EXPECT_EQ(w.state, CopyState::kIdle);
  EXPECT_EQ(channel.pending_end(), nullptr);
  EXPECT_FALSE(channel.FinishCancel(w, listener).ok()) << "nothing left to finish";
}

// While the cancel is blocked the other end may still meet the copy: the
// event then carries what moved, COMPLETED(n) by 6d28164 and CANCELLED(n)
// since CM#719; a drop gives DROPPED(n) under both.
TEST(BlockedCancel, TheOtherEndMayStillCompleteOrDrop) {
  for (SpecRevision spec : kSpecRevisions) {
    SCOPED_TRACE(SpecRevisionName(spec));
    const bool cm719 = !RulesFor(spec).cancel_returns_queued_completion;
    ChannelUnderTest t(ChannelKind::kStream, PayloadKind::kU32, 8, 0, RulesFor(spec));
    ASSERT_EQ(*t.channel.Copy(t.w, Guest(4), t.listener, &t.released), rt::kBlocked);
    ASSERT_EQ(*t.channel.Cancel(t.w, t.listener, &t.released, true), rt::kBlocked);
    EXPECT_EQ(*t.channel.Copy(t.r, Guest(3), t.listener, &t.released),
              Packed(rt::CopyResult::kCompleted, 3));
    EXPECT_EQ(t.channel.TakePendingEvent(t.w),
              Packed(cm719 ? rt::CopyResult::kCancelled : rt::CopyResult::kCompleted, 3));
    EXPECT_EQ(t.w.state, CopyState::kIdle);

    ChannelUnderTest d(ChannelKind::kStream, PayloadKind::kU32, 8, 0, RulesFor(spec));
    ASSERT_EQ(*d.channel.Copy(d.r, Guest(2), d.listener, &d.released), rt::kBlocked);
    ASSERT_EQ(*d.channel.Cancel(d.r, d.listener, &d.released, true), rt::kBlocked);
    ASSERT_TRUE(d.channel.Drop(d.w, d.listener).ok());
    EXPECT_EQ(d.channel.TakePendingEvent(d.r), Packed(rt::CopyResult::kDropped, 0));
    EXPECT_EQ(d.r.state, CopyState::kDone);

    // A future's blocked cancel: the value moves, and COMPLETED is final
    // under both (future_completion_is_final).
    ChannelUnderTest f(ChannelKind::kFuture, PayloadKind::kU32, 8, 0, RulesFor(spec));
    ASSERT_EQ(*f.channel.Copy(f.r, Guest(), f.listener, &f.released), rt::kBlocked);
    ASSERT_EQ(*f.channel.Cancel(f.r, f.listener, &f.released, true), rt::kBlocked);
    EXPECT_EQ(*f.channel.Copy(f.w, PeerWrites({5}), f.listener, &f.released), kCompleted);
    EXPECT_EQ(f.channel.TakePendingEvent(f.r), kCompleted);
    EXPECT_EQ(f.r.state, CopyState::kDone);
  }
}

// ---- rules shared by both kinds ------------------------------------------

// The same calls make the same state changes on a future and on a stream
// wherever the spec shares the rule: cancel of a blocked copy, a second
// cancel, a drop mid-copy.
TEST(SharedRules, CancelAndDropFollowOneImplementation) {
  for (ChannelKind kind : {ChannelKind::kFuture, ChannelKind::kStream}) {
    SCOPED_TRACE(ChannelKindName(kind));
    RecordingListener listener;
    Channel channel(kind, 0, PayloadKind::kU32, 8);
    CopyBuffer released;
    CopyEnd& r = channel.readable();
    EXPECT_EQ(*channel.Copy(r, Guest(), listener, &released), rt::kBlocked);
    EXPECT_FALSE(channel.Drop(r, listener).ok());
    EXPECT_EQ(*channel.Cancel(r, listener, &released), kCancelled);
    EXPECT_EQ(r.state, CopyState::kIdle);
    EXPECT_FALSE(channel.Cancel(r, listener, &released).ok());
    EXPECT_TRUE(channel.Drop(r, listener).ok());
    EXPECT_TRUE(channel.reader_dropped());
  }
}

// Records the codes offered at every choice point, always answering 0.
class OfferedChoices : public ChoiceSource {
 public:
  size_t Choose(const ChoicePoint& point) override {
    offered.emplace_back(point.options.begin(), point.options.end());
    return 0;
  }
  std::vector<std::vector<uint32_t>> offered;
};

// The outcomes offered to a guest cancelling its blocked write, the other
// end (the reader) idle: derived from the model, for either kind.
std::vector<uint32_t> CancelOutcomes(ChannelKind kind, const SpecRules& rules) {
  Trace trace;
  ViolationLog log;
  OfferedChoices choices;
  MockHost host(trace, log, choices);
  host.set_max_copy_length(4);
  host.set_spec_rules(rules);
  const uint64_t ends = kind == ChannelKind::kFuture ? host.FutureNew(rt::FutureTypeId{0})
                                                     : host.StreamNew(rt::StreamTypeId{0});
  const auto writable = static_cast<rt::Handle>(ends >> 32);
  host.TransferToPeer(static_cast<rt::Handle>(ends));
  void* buffer = host.Alloc(8, 4);
  if (kind == ChannelKind::kFuture) {
    host.FutureWrite(rt::FutureTypeId{0}, writable, buffer);
    host.FutureCancelWrite(rt::FutureTypeId{0}, writable);
  } else {
    host.StreamWrite(rt::StreamTypeId{0}, writable, buffer, 2);
    host.StreamCancelWrite(rt::StreamTypeId{0}, writable);
  }
  EXPECT_TRUE(log.empty()) << log.ToString();
  return choices.offered.size() == 2 ? choices.offered[1] : std::vector<uint32_t>{};
}

// The test of one design: a rule of the shared cancel code flipped
// (cancel returns CANCELLED even when the copy already completed, as CM#719
// has it for streams) changes the legal outcomes of both kinds, and only
// by that rule.
TEST(SharedRules, FlippingASharedRuleChangesBothKinds) {
  SpecRules flipped;
  flipped.cancel_returns_queued_completion = false;

  EXPECT_EQ(CancelOutcomes(ChannelKind::kFuture, SpecRules()),
            (std::vector<uint32_t>{kCancelled, kCompleted, kDropped}));
  EXPECT_EQ(CancelOutcomes(ChannelKind::kFuture, flipped),
            (std::vector<uint32_t>{kCancelled, kDropped}));

  EXPECT_EQ(CancelOutcomes(ChannelKind::kStream, SpecRules()),
            (std::vector<uint32_t>{kCancelled, Packed(rt::CopyResult::kCompleted, 1),
                                   Packed(rt::CopyResult::kCompleted, 2), kDropped}));
  EXPECT_EQ(CancelOutcomes(ChannelKind::kStream, flipped),
            (std::vector<uint32_t>{kCancelled, Packed(rt::CopyResult::kCancelled, 1),
                                   Packed(rt::CopyResult::kCancelled, 2), kDropped}));
}

}  // namespace
}  // namespace fc::model
