// The other end's legal outcomes, derived by trying moves on a copy of the
// channel. For futures they must equal the table the mock host used to
// hold by hand (kept here as the expectation), in the same order: the fuzz
// format indexes into it.
#include "model/host/other_end.h"

#include <gtest/gtest.h>

#include "model/channel_testing.h"
#include "model/copy_transition.h"

namespace fc::model {
namespace {

using Kind = OtherEndMove::Kind;

// The other end takes its own events at once, as the mock host does.
class PeerTakesItsEvents : public ChannelListener {
 public:
  std::vector<Value> MoveElements(const Channel&, CopyBuffer&, CopyBuffer&, uint32_t n) override {
    return std::vector<Value>(n);
  }
  void OnPendingEvent(Channel& channel, CopyEnd& end) override {
    if (end.holder == Party::kPeer) channel.TakePendingEvent(end);
  }
};

struct Scene {
  explicit Scene(ChannelKind kind, bool guest_reads) : channel(kind, 0, PayloadKind::kU32, 4) {
    channel.end(!guest_reads).holder = Party::kPeer;
    guest_readable = guest_reads;
  }
  CopyEnd& guest() { return channel.end(guest_readable); }
  CopyEnd& other() { return channel.end(!guest_readable); }
  void GuestCopies(uint32_t n = 1) {
    ASSERT_EQ(
        *channel.Copy(guest(), CopyBuffer{Party::kGuest, nullptr, n, 0, {}}, listener, &released),
        rt::kBlocked);
  }
  void OtherWaits() {
    ASSERT_EQ(*channel.Copy(other(), CopyBuffer{Party::kPeer, nullptr, 1, 0, std::vector<Value>(1)},
                            listener, &released),
              rt::kBlocked);
  }
  std::vector<uint32_t> Codes(bool cancelling, uint32_t n = 1) {
    const CopyBuffer buffer{Party::kGuest, nullptr, n, 0, {}};
    std::vector<uint32_t> codes;
    for (const OtherEndOutcome& o :
         LegalOutcomes(channel, guest_readable, cancelling, &buffer, 4)) {
      codes.push_back(o.code);
    }
    return codes;
  }
  PeerTakesItsEvents listener;
  Channel channel;
  bool guest_readable;
  CopyBuffer released;
};

TEST(FutureOutcomes, GuestWrites) {
  Scene idle(ChannelKind::kFuture, /*guest_reads=*/false);
  EXPECT_EQ(idle.Codes(false), (std::vector<uint32_t>{rt::kBlocked, kCompleted, kDropped}));

  Scene waiting(ChannelKind::kFuture, false);
  waiting.OtherWaits();
  EXPECT_EQ(waiting.Codes(false), (std::vector<uint32_t>{kCompleted, rt::kBlocked, kDropped}));

  Scene cancel(ChannelKind::kFuture, false);
  cancel.GuestCopies();
  EXPECT_EQ(cancel.Codes(true), (std::vector<uint32_t>{kCancelled, kCompleted, kDropped}));
}

TEST(FutureOutcomes, GuestReadsAndNeverSeesDropped) {
  Scene idle(ChannelKind::kFuture, /*guest_reads=*/true);
  EXPECT_EQ(idle.Codes(false), (std::vector<uint32_t>{rt::kBlocked, kCompleted}));

  Scene waiting(ChannelKind::kFuture, true);
  waiting.OtherWaits();
  EXPECT_EQ(waiting.Codes(false), (std::vector<uint32_t>{kCompleted, rt::kBlocked}));

  Scene cancel(ChannelKind::kFuture, true);
  cancel.GuestCopies();
  EXPECT_EQ(cancel.Codes(true), (std::vector<uint32_t>{kCancelled, kCompleted}));
}

TEST(FutureOutcomes, EachOutcomeNamesTheMoveThatCausesIt) {
  Scene s(ChannelKind::kFuture, false);
  const CopyBuffer buffer{Party::kGuest, nullptr, 1, 0, {}};
  const std::vector<OtherEndOutcome> outcomes = LegalOutcomes(s.channel, false, false, &buffer, 4);
  ASSERT_EQ(outcomes.size(), 3u);
  EXPECT_EQ(outcomes[0].move.kind, Kind::kNone);
  EXPECT_EQ(outcomes[1].move.kind, Kind::kRead);
  EXPECT_EQ(outcomes[2].move.kind, Kind::kDrop);
  EXPECT_EQ(DescribeMove(s.channel, outcomes[1].move), "the other end reads first");
}

// A partial copy may move any count that fits (the other end's buffer size
// is its own): a write of 3 may complete with 1, 2 or 3; a read of 4 with 1
// to 4. The counts offered before every count was (1 and the most) keep
// their places; the others follow the drop.
TEST(StreamOutcomes, PartialCopiesOfferEveryCount) {
  auto completed = [](uint32_t n) { return Code(rt::CopyResult::kCompleted, n); };
  const uint32_t dropped = Code(rt::CopyResult::kDropped, 0);
  Scene write(ChannelKind::kStream, /*guest_reads=*/false);
  EXPECT_EQ(write.Codes(false, 3), (std::vector<uint32_t>{rt::kBlocked, completed(1), completed(3),
                                                          dropped, completed(2)}));
  Scene read(ChannelKind::kStream, /*guest_reads=*/true);
  EXPECT_EQ(read.Codes(false, 4), (std::vector<uint32_t>{rt::kBlocked, completed(1), completed(3),
                                                         dropped, completed(2), completed(4)}));
  // A cancel of a blocked write of 4 returns what the other end took first.
  Scene cancel(ChannelKind::kStream, /*guest_reads=*/false);
  cancel.GuestCopies(4);
  EXPECT_EQ(cancel.Codes(true),
            (std::vector<uint32_t>{Code(rt::CopyResult::kCancelled, 0), completed(1), completed(4),
                                   dropped, completed(2), completed(3)}));
}

// Under 2026-09 (CM#719) the same cancel returns CANCELLED(n) for each n.
TEST(StreamOutcomes, CancelAfterEveryCountUnder2026_09) {
  Scene cancel(ChannelKind::kStream, /*guest_reads=*/false);
  cancel.channel =
      Channel(ChannelKind::kStream, 0, PayloadKind::kU32, 4, RulesFor(SpecRevision::k2026_09));
  cancel.channel.writable().holder = Party::kGuest;
  cancel.channel.readable().holder = Party::kPeer;
  cancel.GuestCopies(4);
  auto cancelled = [](uint32_t n) { return Code(rt::CopyResult::kCancelled, n); };
  EXPECT_EQ(cancel.Codes(true),
            (std::vector<uint32_t>{cancelled(0), cancelled(1), cancelled(4),
                                   Code(rt::CopyResult::kDropped, 0), cancelled(2), cancelled(3)}));
}

TEST(OtherEnd, NoChoiceWhenTheGuestHoldsBothEndsOrTheOutcomeIsSettled) {
  Channel both(ChannelKind::kFuture, 0, PayloadKind::kU32);
  const CopyBuffer buffer{Party::kGuest, nullptr, 1, 0, {}};
  EXPECT_TRUE(LegalOutcomes(both, false, false, &buffer, 4).empty());
  EXPECT_EQ(PeerEndOf(both), nullptr);
  EXPECT_FALSE(PeerMay(both, PeerAction::kRead));

  Scene dropped(ChannelKind::kStream, false);
  ASSERT_TRUE(dropped.channel.Drop(dropped.other(), dropped.listener).ok());
  EXPECT_TRUE(dropped.Codes(false).empty()) << "the other end is gone";
}

TEST(OtherEnd, TryingMovesChangesNothingAndIsNotObserved) {
  class Counter : public CopyTransitionObserver {
   public:
    void OnTransition(const CopyTransition&) override { ++n; }
    int n = 0;
  } counter;
  ScopedCopyTransitionObserver scope(&counter);
  Scene s(ChannelKind::kFuture, false);
  s.GuestCopies();
  const int before = counter.n;
  EXPECT_EQ(s.Codes(true).size(), 3u);
  EXPECT_EQ(counter.n, before);
  EXPECT_EQ(s.guest().state, CopyState::kCopying);
  EXPECT_EQ(s.other().state, CopyState::kIdle);
  EXPECT_FALSE(s.channel.value_delivered());
}

TEST(OtherEnd, PeerMayFollowsTheSpecsStateRules) {
  Scene reader(ChannelKind::kFuture, /*guest_reads=*/true);  // the other end writes
  EXPECT_TRUE(PeerMay(reader.channel, PeerAction::kWrite));
  EXPECT_FALSE(PeerMay(reader.channel, PeerAction::kRead));
  EXPECT_FALSE(PeerMay(reader.channel, PeerAction::kDrop)) << "a future writer must write first";
  EXPECT_FALSE(PeerMay(reader.channel, PeerAction::kCancel));
  reader.OtherWaits();
  EXPECT_TRUE(PeerMay(reader.channel, PeerAction::kCancel));

  Scene stream(ChannelKind::kStream, true);
  EXPECT_TRUE(PeerMay(stream.channel, PeerAction::kDrop)) << "a stream writer may drop idle";
}

}  // namespace
}  // namespace fc::model
