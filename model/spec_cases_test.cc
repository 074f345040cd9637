// The future and stream cases of the component-model spec's own tests
// (design/mvp/canonical-abi/run_tests.py: test_futures, test_cancel_copy,
// test_self_copy, test_wasm_to_wasm_stream_empty, and the async wast tests
// futures-must-write, trap-if-done),
// restated over the model at the revision it follows (6d28164, synchronous
// cancel): which results each call may return, which state the end moves
// to, and where the spec traps. Channel-level cases use Channel
// directly; the legal outcome sets at choice points go through MockHost.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "model/channel.h"
#include "model/channel_testing.h"
#include "model/mock_host.h"

namespace fc::model {
namespace {

constexpr uint32_t kCompleted = 0;
constexpr uint32_t kDropped = 1;
constexpr uint32_t kCancelled = 2;

// Both ends held by different instances (the guest writes, the peer reads
// or the other way round), so values of any type may cross.
class SpecChannel : public testing::Test, protected ChannelUnderTest {
 protected:
  SpecChannel() : ChannelUnderTest(ChannelKind::kFuture, PayloadKind::kString) {
    channel.readable().holder = Party::kPeer;
  }
  CopyBuffer W(uint32_t v) { return CopyBuffer{Party::kGuest, nullptr, 1, 0, {Value::U32(v)}}; }
  CopyBuffer R() { return CopyBuffer{Party::kPeer, nullptr, 1, 0, {}}; }
  bool Traps(absl::StatusOr<uint32_t> r) {
    return !r.ok() && r.status().code() == absl::StatusCode::kFailedPrecondition;
  }
};

// test_futures: a read that finds no writer blocks; the write that follows
// completes eagerly; the reader learns it through a FUTURE_READ event, and
// stays COPYING until that event is delivered.
TEST_F(SpecChannel, ReadBlocksThenWriteCompletesEagerly) {
  EXPECT_EQ(*channel.Copy(r, R(), listener, &released), rt::kBlocked);
  EXPECT_EQ(r.state, CopyState::kCopying);
  EXPECT_EQ(*channel.Copy(w, W(42), listener, &released), kCompleted);
  EXPECT_EQ(w.state, CopyState::kDone);
  EXPECT_EQ(listener.events, std::vector<bool>{true});
  EXPECT_EQ(r.state, CopyState::kCopying);  // not DONE before delivery
  EXPECT_EQ(channel.TakePendingEvent(r), kCompleted);
  EXPECT_EQ(r.state, CopyState::kDone);
  EXPECT_EQ(channel.delivered().front(), Value::U32(42));
}

// test_futures: a second read or write on a DONE future end traps
// (trap-if-done); so does a write after the value was sent.
TEST_F(SpecChannel, CopyOnDoneEndTraps) {
  EXPECT_EQ(*channel.Copy(w, W(1), listener, &released), rt::kBlocked);
  EXPECT_EQ(*channel.Copy(r, R(), listener, &released), kCompleted);
  EXPECT_TRUE(Traps(channel.Copy(r, R(), listener, &released)));
  channel.TakePendingEvent(w);
  EXPECT_TRUE(Traps(channel.Copy(w, W(2), listener, &released)));
}

// Only an IDLE end may copy: a second write while the first is in flight traps.
TEST_F(SpecChannel, SecondCopyInFlightTraps) {
  EXPECT_EQ(*channel.Copy(w, W(1), listener, &released), rt::kBlocked);
  EXPECT_TRUE(Traps(channel.Copy(w, W(2), listener, &released)));
}

// Until the event is delivered the end is still COPYING: dropping it traps
// even though the copy already finished on the other side.
TEST_F(SpecChannel, DropBeforeDeliveryTraps) {
  EXPECT_EQ(*channel.Copy(w, W(1), listener, &released), rt::kBlocked);
  EXPECT_EQ(*channel.Copy(r, R(), listener, &released), kCompleted);
  EXPECT_FALSE(channel.Drop(w, listener).ok());
  channel.TakePendingEvent(w);
  EXPECT_TRUE(channel.Drop(w, listener).ok());
}

// futures-must-write: dropping a writable end that never wrote traps, even
// once the reader is gone.
TEST_F(SpecChannel, WritableMustWriteBeforeDrop) {
  EXPECT_FALSE(channel.Drop(w, listener).ok());
  ASSERT_TRUE(channel.Drop(r, listener).ok());
  EXPECT_FALSE(channel.Drop(w, listener).ok());
  // The write then sees DROPPED at once, and the end is DONE and droppable.
  EXPECT_EQ(*channel.Copy(w, W(1), listener, &released), kDropped);
  EXPECT_EQ(w.state, CopyState::kDone);
  EXPECT_TRUE(channel.Drop(w, listener).ok());
}

// Dropping the readable end under a pending write gives the writer DROPPED
// as an event (CM#708), and the value never moved.
TEST_F(SpecChannel, ReaderDroppedUnderPendingWrite) {
  EXPECT_EQ(*channel.Copy(w, W(1), listener, &released), rt::kBlocked);
  ASSERT_TRUE(channel.Drop(r, listener).ok());
  EXPECT_EQ(listener.events, std::vector<bool>{false});
  EXPECT_EQ(channel.TakePendingEvent(w), kDropped);
  EXPECT_EQ(w.state, CopyState::kDone);
  EXPECT_FALSE(channel.value_delivered());
}

// test_cancel_copy: cancelling a blocked copy returns CANCELLED and the end
// is IDLE again (a future end may copy again after a cancel).
TEST_F(SpecChannel, CancelBlockedCopyReturnsCancelledAndIdle) {
  EXPECT_EQ(*channel.Copy(w, W(1), listener, &released), rt::kBlocked);
  EXPECT_EQ(*channel.Cancel(w, listener, &released), kCancelled);
  EXPECT_EQ(w.state, CopyState::kIdle);
  EXPECT_EQ(*channel.Copy(w, W(2), listener, &released), rt::kBlocked);
  EXPECT_EQ(*channel.Copy(r, R(), listener, &released), kCompleted);
  EXPECT_EQ(channel.delivered().front(), Value::U32(2));
}

// test_cancel_copy: a cancel that loses the race returns the result already
// queued (revision 6d28164: COMPLETED or DROPPED), and the end is DONE.
TEST_F(SpecChannel, CancelAfterCompletionReturnsTheQueuedResult) {
  EXPECT_EQ(*channel.Copy(w, W(1), listener, &released), rt::kBlocked);
  EXPECT_EQ(*channel.Copy(r, R(), listener, &released), kCompleted);
  EXPECT_EQ(*channel.Cancel(w, listener, &released), kCompleted);
  EXPECT_EQ(w.state, CopyState::kDone);
}

TEST_F(SpecChannel, CancelAfterReaderDroppedReturnsDropped) {
  EXPECT_EQ(*channel.Copy(w, W(1), listener, &released), rt::kBlocked);
  ASSERT_TRUE(channel.Drop(r, listener).ok());
  EXPECT_EQ(*channel.Cancel(w, listener, &released), kDropped);
  EXPECT_EQ(w.state, CopyState::kDone);
}

// Cancel with nothing in flight traps; so does cancelling again.
TEST_F(SpecChannel, CancelWithoutCopyTraps) {
  EXPECT_TRUE(Traps(channel.Cancel(w, listener, &released)));
  EXPECT_TRUE(Traps(channel.Cancel(r, listener, &released)));
  EXPECT_EQ(*channel.Copy(w, W(1), listener, &released), rt::kBlocked);
  EXPECT_EQ(*channel.Cancel(w, listener, &released), kCancelled);
  EXPECT_TRUE(Traps(channel.Cancel(w, listener, &released)));
}

// test_self_copy: both ends in one instance may only pass numbers.
TEST(SpecSelfCopy, SameInstanceCopyOfNonNumberTraps) {
  RecordingListener listener;
  Channel strings{ChannelKind::kFuture, 0, PayloadKind::kString};
  CopyBuffer released;
  EXPECT_EQ(
      *strings.Copy(strings.writable(), CopyBuffer{Party::kGuest, nullptr, 1, 0, {Value::U32(1)}},
                    listener, &released),
      rt::kBlocked);
  EXPECT_FALSE(strings.Copy(strings.readable(), CopyBuffer{}, listener, &released).ok());

  Channel numbers{ChannelKind::kFuture, 1, PayloadKind::kU32};
  EXPECT_EQ(
      *numbers.Copy(numbers.writable(), CopyBuffer{Party::kGuest, nullptr, 1, 0, {Value::U32(5)}},
                    listener, &released),
      rt::kBlocked);
  EXPECT_EQ(*numbers.Copy(numbers.readable(), CopyBuffer{}, listener, &released), kCompleted);
}

// ---- streams -----------------------------------------------------------------

// The guest holds the writable end of a stream of u32 and the other side
// (another instance) the readable one, with a copy limit of 8.
class SpecStream : public testing::Test, protected ChannelUnderTest {
 protected:
  SpecStream() : ChannelUnderTest(ChannelKind::kStream, PayloadKind::kU32, 8) {
    channel.readable().holder = Party::kPeer;
  }
  CopyBuffer Buf(Party party, uint32_t n) { return CopyBuffer{party, nullptr, n, 0, {}}; }
  static uint32_t Code(rt::CopyResult result, uint32_t n) {
    return rt::ReturnCode::Encode(result, n);
  }
};

// test_cancel_copy, its stream half: a blocked write of 4 of which the other
// end has taken 2, cancelled synchronously, returns COMPLETED(2) (the
// revision's rule: the queued result wins), and the end may copy again. A
// blocked read with nothing moved, cancelled, returns CANCELLED(0).
TEST_F(SpecStream, CancelAfterAPartialCopyReturnsItsCount) {
  EXPECT_EQ(*channel.Copy(w, Buf(Party::kGuest, 4), listener, &released), rt::kBlocked);
  EXPECT_EQ(*channel.Copy(r, Buf(Party::kPeer, 2), listener, &released),
            Code(rt::CopyResult::kCompleted, 2));
  EXPECT_EQ(*channel.Cancel(w, listener, &released), Code(rt::CopyResult::kCompleted, 2));
  EXPECT_EQ(w.state, CopyState::kIdle);
  EXPECT_TRUE(channel.Drop(w, listener).ok()) << "a stream writer may drop once idle";

  ChannelUnderTest other(ChannelKind::kStream, PayloadKind::kU32, 8);
  other.channel.writable().holder = Party::kPeer;
  EXPECT_EQ(*other.channel.Copy(other.r, Buf(Party::kGuest, 4), other.listener, &other.released),
            rt::kBlocked);
  EXPECT_EQ(*other.channel.Cancel(other.r, other.listener, &other.released),
            Code(rt::CopyResult::kCancelled, 0));
  EXPECT_EQ(other.r.state, CopyState::kIdle);
}

// test_wasm_to_wasm_stream_empty (there for stream<_>; here for u32): a
// read of 8 waits; two writes of 2 each complete at once with COMPLETED(2),
// both feeding the same waiting read, whose one event then says
// COMPLETED(4). The same the other way round, a write of 8 fed by reads of
// 2. After the writer drops, a read returns DROPPED(0) at once.
TEST_F(SpecStream, PartialCopiesAccumulateInTheWaitingCopy) {
  channel.readable().holder = Party::kGuest;
  channel.writable().holder = Party::kPeer;
  EXPECT_EQ(*channel.Copy(r, Buf(Party::kGuest, 8), listener, &released), rt::kBlocked);
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(
        *channel.Copy(w, CopyBuffer{Party::kPeer, nullptr, 2, 0, {Value::U32(i), Value::U32(i)}},
                      listener, &released),
        Code(rt::CopyResult::kCompleted, 2));
  }
  EXPECT_EQ(r.state, CopyState::kCopying) << "until its event is delivered";
  EXPECT_EQ(channel.TakePendingEvent(r), Code(rt::CopyResult::kCompleted, 4));

  EXPECT_EQ(*channel.Copy(w, CopyBuffer{Party::kPeer, nullptr, 8, 0, std::vector<Value>(8)},
                          listener, &released),
            rt::kBlocked);
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(*channel.Copy(r, Buf(Party::kGuest, 2), listener, &released),
              Code(rt::CopyResult::kCompleted, 2));
  }
  EXPECT_EQ(channel.TakePendingEvent(w), Code(rt::CopyResult::kCompleted, 4));
  ASSERT_TRUE(channel.Drop(w, listener).ok());
  EXPECT_EQ(*channel.Copy(r, Buf(Party::kGuest, 2), listener, &released),
            Code(rt::CopyResult::kDropped, 0));
  EXPECT_EQ(r.state, CopyState::kDone);
  EXPECT_EQ(channel.delivered().size(), 8u);
}

// test_self_copy, for streams: both ends in one instance may only pass
// numbers.
TEST(SpecStreamSelfCopy, SameInstanceCopyOfNonNumberTraps) {
  for (PayloadKind payload : {PayloadKind::kString, PayloadKind::kU32}) {
    ChannelUnderTest s(ChannelKind::kStream, payload, 8);
    EXPECT_EQ(
        *s.channel.Copy(s.w, CopyBuffer{Party::kGuest, nullptr, 1, 0, {}}, s.listener, &s.released),
        rt::kBlocked);
    const absl::StatusOr<uint32_t> read =
        s.channel.Copy(s.r, CopyBuffer{Party::kGuest, nullptr, 1, 0, {}}, s.listener, &s.released);
    EXPECT_EQ(read.ok(), IsNumberPayload(payload)) << PayloadKindName(payload);
  }
}

// ---- the legal outcome sets, through the mock host's choice points --------

// Records the options offered at every choice point, answering `pick`.
class OfferedChoices : public ChoiceSource {
 public:
  explicit OfferedChoices(size_t pick) : pick_(pick) {}
  size_t Choose(const ChoicePoint& point) override {
    offered.emplace_back(point.options.begin(), point.options.end());
    return pick_ < point.options.size() ? pick_ : 0;
  }
  std::vector<std::vector<uint32_t>> offered;

 private:
  size_t pick_;
};

constexpr rt::FutureTypeId kU32{0};

struct HostFixture {
  explicit HostFixture(size_t pick) : choices(pick), host(trace, log, choices) {}
  Trace trace;
  ViolationLog log;
  OfferedChoices choices;
  MockHost host;
};

// future.write with the reader (held by the other side) idle: the reader may
// read first (COMPLETED), drop first (DROPPED), or stay put (BLOCKED).
TEST(SpecOutcomes, WriteMayBlockCompleteOrSeeDropped) {
  for (size_t pick = 0; pick < 3; ++pick) {
    HostFixture f(pick);
    const uint64_t ends = f.host.FutureNew(kU32);
    f.host.TransferToPeer(static_cast<rt::Handle>(ends));
    void* buffer = f.host.Alloc(4, 4);
    const uint32_t code = f.host.FutureWrite(kU32, static_cast<rt::Handle>(ends >> 32), buffer);
    ASSERT_EQ(f.choices.offered.size(), 1u);
    EXPECT_EQ(f.choices.offered[0], (std::vector<uint32_t>{rt::kBlocked, kCompleted, kDropped}));
    EXPECT_EQ(code, f.choices.offered[0][pick]);
    EXPECT_TRUE(f.log.empty()) << f.log.ToString();
  }
}

// future.read: BLOCKED or COMPLETED, never DROPPED (a writer must write
// before it may drop).
TEST(SpecOutcomes, ReadNeverSeesDropped) {
  for (size_t pick = 0; pick < 2; ++pick) {
    HostFixture f(pick);
    const rt::Handle r = f.host.Receive(ChannelKind::kFuture, PayloadKind::kU32);
    void* buffer = f.host.Alloc(4, 4);
    const uint32_t code = f.host.FutureRead(kU32, r, buffer);
    ASSERT_EQ(f.choices.offered.size(), 1u);
    EXPECT_EQ(f.choices.offered[0], (std::vector<uint32_t>{rt::kBlocked, kCompleted}));
    EXPECT_EQ(code, f.choices.offered[0][pick]);
    EXPECT_TRUE(f.log.empty()) << f.log.ToString();
  }
}

// cancel-write of a blocked write: CANCELLED, or the race was lost to a read
// (COMPLETED) or a drop (DROPPED). cancel-read: CANCELLED or COMPLETED.
TEST(SpecOutcomes, CancelOutcomeSets) {
  HostFixture fw(0);
  const uint64_t ends = fw.host.FutureNew(kU32);
  fw.host.TransferToPeer(static_cast<rt::Handle>(ends));
  void* wbuf = fw.host.Alloc(4, 4);
  ASSERT_EQ(fw.host.FutureWrite(kU32, static_cast<rt::Handle>(ends >> 32), wbuf), rt::kBlocked);
  EXPECT_EQ(fw.host.FutureCancelWrite(kU32, static_cast<rt::Handle>(ends >> 32)), kCancelled);
  ASSERT_EQ(fw.choices.offered.size(), 2u);
  EXPECT_EQ(fw.choices.offered[1], (std::vector<uint32_t>{kCancelled, kCompleted, kDropped}));

  HostFixture fr(0);
  const rt::Handle r = fr.host.Receive(ChannelKind::kFuture, PayloadKind::kU32);
  void* rbuf = fr.host.Alloc(4, 4);
  ASSERT_EQ(fr.host.FutureRead(kU32, r, rbuf), rt::kBlocked);
  EXPECT_EQ(fr.host.FutureCancelRead(kU32, r), kCancelled);
  ASSERT_EQ(fr.choices.offered.size(), 2u);
  EXPECT_EQ(fr.choices.offered[1], (std::vector<uint32_t>{kCancelled, kCompleted}));
  EXPECT_TRUE(fw.log.empty() && fr.log.empty());
}

// future.new packs the readable end in the low 32 bits, the writable in the high.
TEST(SpecOutcomes, FutureNewEncoding) {
  HostFixture f(0);
  const uint64_t ends = f.host.FutureNew(kU32);
  const auto readable = static_cast<rt::Handle>(ends);
  const auto writable = static_cast<rt::Handle>(ends >> 32);
  EXPECT_NE(readable, writable);
  f.host.FutureDropWritable(kU32, readable);  // wrong end kind: a trap
  ASSERT_FALSE(f.log.empty());
  EXPECT_EQ(f.log.first().invariant, Invariant::kHostTrap);
}

}  // namespace
}  // namespace fc::model
