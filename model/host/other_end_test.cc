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

TEST(StreamOutcomes, PartialCopiesOfferEachCount) {
  Scene s(ChannelKind::kStream, /*guest_reads=*/false);
  const uint32_t completed_1 = rt::ReturnCode::Encode(rt::CopyResult::kCompleted, 1);
  const uint32_t completed_3 = rt::ReturnCode::Encode(rt::CopyResult::kCompleted, 3);
  EXPECT_EQ(s.Codes(false, 3),
            (std::vector<uint32_t>{rt::kBlocked, completed_1, completed_3,
                                   rt::ReturnCode::Encode(rt::CopyResult::kDropped, 0)}));
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
