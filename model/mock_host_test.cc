// The mock host's own checks: traps on misuse, the memory ledger, choices.
#include "model/mock_host.h"

#include <gtest/gtest.h>

#include "model/payload_layout.h"

namespace fc::model {
namespace {

constexpr rt::FutureTypeId kU32{0};

class MockHostTest : public testing::Test {
 protected:
  Trace trace;
  ViolationLog log;
  PassiveChoices passive;
  MockHost host{trace, log, passive};

  // A future whose reader the other side holds, and a write into a fresh
  // 4-byte buffer that blocks: the host holds the buffer now.
  void* BlockedWrite() {
    const uint64_t ends = host.FutureNew(kU32);
    host.TransferToPeer(static_cast<rt::Handle>(ends));
    void* buffer = host.Alloc(4, 4);
    EXPECT_EQ(host.FutureWrite(kU32, static_cast<rt::Handle>(ends >> 32), buffer), rt::kBlocked);
    return buffer;
  }

  // The reader of f0, received and dropped, then the reader of f1, which
  // gets f0's freed index back: that index, live as f1's reader.
  rt::Handle ReusedReaderIndex() {
    const rt::Handle old_reader = host.Receive(ChannelKind::kFuture, PayloadKind::kU32);
    host.FutureDropReadable(kU32, old_reader);
    const rt::Handle new_reader = host.Receive(ChannelKind::kFuture, PayloadKind::kU32);
    EXPECT_EQ(new_reader, old_reader) << "the freed index comes back";
    return new_reader;
  }

  // The first violation is a host trap saying `message`.
  void ExpectTrap(const std::string& message) {
    ASSERT_FALSE(log.empty());
    EXPECT_EQ(log.first().invariant, Invariant::kHostTrap);
    EXPECT_EQ(log.first().message, message);
  }
};

TEST_F(MockHostTest, DroppingAHandleTwiceTraps) {
  const uint64_t ends = host.FutureNew(kU32);
  const auto r = static_cast<rt::Handle>(ends);
  host.FutureDropReadable(kU32, r);
  EXPECT_TRUE(log.empty());
  host.FutureDropReadable(kU32, r);
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log.first().invariant, Invariant::kHostTrap);
  EXPECT_NE(log.first().message.find("already dropped"), std::string::npos);
}

// The spec's table reuses a freed index (last freed, first reused), so a
// runtime that drops a handle it already dropped can hit the new end that
// index names now. The host cannot tell (the spec would not trap either);
// the oracle's held-ends-live check on the end the guest program still
// holds catches it, and its report says the handle was reused.
TEST_F(MockHostTest, AStaleDropThatHitsANewEndIsReportedAsReused) {
  const rt::Handle reader = ReusedReaderIndex();
  EXPECT_EQ(host.HeldEndProblem(reader, ChannelKind::kFuture, true, 1), std::nullopt);
  host.FutureDropReadable(kU32, reader);  // stale: meant for f0, drops f1's reader
  EXPECT_TRUE(log.empty()) << log.ToString();
  EXPECT_EQ(host.HeldEndProblem(reader, ChannelKind::kFuture, true, 1),
            "its handle 1 was dropped (handle 1 was reused: it named the readable end of f0, "
            "then the readable end of f1)");
}

// A stale copy on the new end (the runtime reads on the handle of a reader
// it dropped) goes through; the guest's own read on that end then traps,
// and the trap tells the index's history.
TEST_F(MockHostTest, AStaleCopyOnANewEndMakesTheRealOneTrapWithTheHistory) {
  const rt::Handle reader = ReusedReaderIndex();
  EXPECT_EQ(host.FutureRead(kU32, reader, host.Alloc(4, 4)), rt::kBlocked);  // stale
  EXPECT_TRUE(log.empty()) << log.ToString();
  host.FutureRead(kU32, reader, host.Alloc(4, 4));  // the guest's own
  ExpectTrap(
      "future.read(r=1, buf#2): future.read on a readable end in state COPYING (only IDLE may "
      "copy) (handle 1 was reused: it named the readable end of f0, then the readable end of f1)");
}

// A stale handle whose index now names another kind of handle traps, and
// the trap says what the index names now and what it named before.
TEST_F(MockHostTest, AStaleHandleNowNamingAnotherKindTrapsAndSaysSo) {
  const uint64_t ends = host.FutureNew(kU32);
  const auto r = static_cast<rt::Handle>(ends);
  host.FutureDropReadable(kU32, r);
  ASSERT_EQ(host.WaitableSetNew(), r);
  host.FutureDropReadable(kU32, r);
  ExpectTrap(
      "future.drop-readable(r=1): handle 1 is not a readable future end: it names a waitable set "
      "(handle 1 was reused: it named the readable end of f0, then a waitable set)");
}

// The guest's ends, waitable sets and resources share one table and one
// free list, as in the spec's component instance.
TEST_F(MockHostTest, EveryKindOfHandleSharesOneFreeList) {
  const uint64_t ends = host.FutureNew(kU32);    // r=1 w=2
  const rt::Handle res = host.ResourceNew();     // 3
  const rt::Handle set = host.WaitableSetNew();  // 4
  EXPECT_EQ(res, 3u);
  EXPECT_EQ(set, 4u);
  host.ResourceDrop(res);
  host.FutureDropReadable(kU32, static_cast<rt::Handle>(ends));
  // Last freed first: the reader's index, then the resource's.
  const uint64_t again = host.FutureNew(kU32);
  EXPECT_EQ(static_cast<rt::Handle>(again), 1u);
  EXPECT_EQ(static_cast<rt::Handle>(again >> 32), 3u);
  EXPECT_EQ(host.ResourceNew(), 5u) << "the free list is empty: the table grows";
  EXPECT_TRUE(log.empty()) << log.ToString();
}

TEST_F(MockHostTest, WrongEndKindTraps) {
  const uint64_t ends = host.FutureNew(kU32);
  host.FutureDropWritable(kU32, static_cast<rt::Handle>(ends));  // the readable end
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log.first().invariant, Invariant::kHostTrap);
}

TEST_F(MockHostTest, BufferFreedWhileHostHoldsItIsReported) {
  void* buffer = BlockedWrite();
  host.Free(buffer, 4, 4);
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log.first().invariant, Invariant::kMemorySafety);
}

// An eager copy never holds its buffer, so it must not release a hold
// another copy has on it: a buffer still in flight for one write, reused by
// the runtime for a read that completes at once, stays pinned.
TEST_F(MockHostTest, AnEagerCopyKeepsAnotherCopysHoldOnItsBuffer) {
  void* buffer = BlockedWrite();
  const rt::Handle r = host.Receive(ChannelKind::kFuture, PayloadKind::kU32);
  const uint32_t f1 = host.ChannelOf(ChannelKind::kFuture, r).value_or(0);
  ASSERT_TRUE(host.PeerWrite(ChannelKind::kFuture, f1).ok());
  EXPECT_EQ(host.FutureRead(kU32, r, buffer), 0u) << "completes at once";
  EXPECT_TRUE(log.empty()) << log.ToString();
  host.Free(buffer, 4, 4);
  ASSERT_FALSE(log.empty()) << "the write still holds the buffer";
  EXPECT_EQ(log.first().invariant, Invariant::kMemorySafety);
}

TEST_F(MockHostTest, DoubleFreeAndLeakAreReported) {
  void* a = host.Alloc(8, 8);
  void* b = host.Alloc(8, 8);
  host.Free(a, 8, 8);
  EXPECT_TRUE(log.empty());
  host.Free(a, 8, 8);
  ASSERT_EQ(log.all().size(), 1u);
  EXPECT_EQ(log.first().invariant, Invariant::kMemorySafety);
  host.CheckLedgersEmpty();
  EXPECT_EQ(log.all().back().invariant, Invariant::kMemoryLeak);
  host.Free(b, 8, 8);
}

TEST_F(MockHostTest, ResourceDroppedTwiceTraps) {
  const rt::Handle h = host.ResourceNew();
  host.ResourceDrop(h);
  EXPECT_TRUE(log.empty());
  host.ResourceDrop(h);
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log.first().invariant, Invariant::kHostTrap);
}

// The spec's Buffer: trap_if(ptr != align_to(ptr, alignment(t))). The heap
// hands out exactly the alignment asked, so 4 for a string is always wrong.
TEST_F(MockHostTest, ACopyFromABufferNotAlignedForItsElementsTraps) {
  constexpr rt::FutureTypeId kString{static_cast<uint32_t>(PayloadKind::kString)};
  const uint64_t ends = host.FutureNew(kString);
  void* buffer = host.Alloc(16, 4);
  EXPECT_EQ(host.FutureWrite(kString, static_cast<rt::Handle>(ends >> 32), buffer), rt::kBlocked);
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log.first().invariant, Invariant::kHostTrap);
  EXPECT_EQ(log.first().message,
            "future.write(w=2, buf#1): the buffer is not 8-byte aligned, as string needs");
}

TEST_F(MockHostTest, AStreamCopyOfNothingChecksNoAlignment) {
  constexpr rt::StreamTypeId kString{static_cast<uint32_t>(PayloadKind::kString)};
  void* buffer = host.Alloc(16, 4);
  const uint64_t s0 = host.StreamNew(kString);
  host.StreamWrite(kString, static_cast<rt::Handle>(s0 >> 32), buffer, 0);
  EXPECT_TRUE(log.empty()) << log.ToString();
  const uint64_t s1 = host.StreamNew(kString);
  host.StreamWrite(kString, static_cast<rt::Handle>(s1 >> 32), buffer, 1);
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log.first().invariant, Invariant::kHostTrap);
  EXPECT_NE(log.first().message.find("not 8-byte aligned"), std::string::npos)
      << log.first().message;
}

// load_list_from_range: a list inside a written value is checked too, when
// the host lifts it for the reader.
TEST_F(MockHostTest, LiftingAListNotAlignedForItsElementsTraps) {
  constexpr rt::FutureTypeId kRecord{static_cast<uint32_t>(PayloadKind::kRecord)};
  const uint64_t ends = host.FutureNew(kRecord);
  const auto r = static_cast<rt::Handle>(ends);
  const uint32_t f0 = host.ChannelOf(ChannelKind::kFuture, r).value_or(0);
  host.TransferToPeer(r);
  void* tags = host.Alloc(sizeof(layout::List), 4);  // one empty string, 4-aligned
  layout::Store(tags, layout::List{0, 0});
  layout::Record record{};
  record.tags = layout::List{layout::AsAddress(tags), 1};
  record.res = host.ResourceNew();
  void* buffer = host.Alloc(sizeof(layout::Record), 8);
  layout::Store(buffer, record);
  EXPECT_EQ(host.FutureWrite(kRecord, static_cast<rt::Handle>(ends >> 32), buffer), rt::kBlocked);
  EXPECT_TRUE(log.empty()) << log.ToString();
  (void)host.PeerRead(ChannelKind::kFuture, f0);
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log.first().invariant, Invariant::kHostTrap);
  EXPECT_EQ(log.first().message,
            "lift list<string>: the record's tag list #1 is not 8-byte aligned, as string needs");
}

TEST(ScriptedChoicesTest, IllegalChoiceIsAnError) {
  ScriptedChoices choices({7});
  const std::vector<uint32_t> options = {rt::kBlocked, 0};
  EXPECT_EQ(choices.Choose(ChoicePoint{"call", options}), 0u);
  ASSERT_EQ(choices.errors().size(), 1u);
}

TEST(ScriptedChoicesTest, PicksTheScriptedCode) {
  ScriptedChoices choices({0});
  const std::vector<uint32_t> options = {rt::kBlocked, 0, 1};
  EXPECT_EQ(choices.Choose(ChoicePoint{"call", options}), 1u);
  EXPECT_EQ(choices.Choose(ChoicePoint{"call", options}), 0u);  // ran out: stays put
  EXPECT_TRUE(choices.errors().empty());
}

}  // namespace
}  // namespace fc::model
