#include "model/host/handle_table.h"

#include <gtest/gtest.h>

namespace fc::model {
namespace {

TEST(HandleTableTest, NumbersFromOneAndFindsWhatItHolds) {
  HandleTable table;
  const rt::Handle r = table.Add(HandleEntry::End(ChannelKind::kStream, true, 4));
  const rt::Handle res = table.Add(HandleEntry::Resource(9));
  EXPECT_EQ(r, 1u);
  EXPECT_EQ(res, 2u);
  ASSERT_NE(table.Find(r), nullptr);
  EXPECT_TRUE(table.Find(r)->IsEnd(ChannelKind::kStream, true));
  EXPECT_FALSE(table.Find(r)->IsEnd(ChannelKind::kFuture, true));
  EXPECT_FALSE(table.Find(r)->IsEnd(ChannelKind::kStream, false));
  EXPECT_EQ(table.Find(r)->channel, 4u);
  EXPECT_EQ(table.Find(res)->rep, 9u);
  EXPECT_FALSE(table.Find(res)->IsEnd());
  EXPECT_EQ(table.Find(rt::kNoHandle), nullptr);
}

TEST(HandleTableTest, RemovedHandlesAreRemembered) {
  HandleTable table;
  const rt::Handle a = table.Add(HandleEntry::WaitableSet());
  table.Remove(a);
  EXPECT_EQ(table.Find(a), nullptr);
  EXPECT_TRUE(table.WasRemoved(a));
  EXPECT_FALSE(table.WasRemoved(a + 1)) << "never handed out";
  EXPECT_FALSE(table.WasRemoved(rt::kNoHandle));
  EXPECT_EQ(table.size(), 0u);
  table.Remove(77);  // unknown: not recorded as removed, not freed
  EXPECT_FALSE(table.WasRemoved(77));
  table.Remove(a);  // already free: not freed twice
  EXPECT_EQ(table.Add(HandleEntry::WaitableSet()), a);
  EXPECT_EQ(table.Add(HandleEntry::WaitableSet()), a + 1) << "a was on the free list once";
}

// The spec's Table (definitions.py): index 0 is never used, `add` pops the
// most recently freed index before it grows, `remove` pushes the index.
TEST(HandleTableTest, ReusesFreedIndicesLastFreedFirst) {
  HandleTable table;
  for (uint64_t i = 1; i <= 5; ++i) EXPECT_EQ(table.Add(HandleEntry::Resource(i)), i);
  table.Remove(2);
  table.Remove(4);
  table.Remove(3);
  EXPECT_EQ(table.size(), 2u);
  EXPECT_EQ(table.Add(HandleEntry::Resource(6)), 3u);
  EXPECT_EQ(table.Add(HandleEntry::Resource(7)), 4u);
  table.Remove(1);
  EXPECT_EQ(table.Add(HandleEntry::Resource(8)), 1u);
  EXPECT_EQ(table.Add(HandleEntry::Resource(9)), 2u);
  EXPECT_EQ(table.Add(HandleEntry::Resource(10)), 6u) << "free list empty: the table grows";
  EXPECT_EQ(table.Find(3)->rep, 6u);
  EXPECT_FALSE(table.WasRemoved(3)) << "live again";
}

// Every kind of handle shares the one numbering: a freed end's index can
// come back as a waitable set or a resource, as in the spec's instance table.
TEST(HandleTableTest, OneNumberingForEveryKind) {
  HandleTable table;
  const rt::Handle r = table.Add(HandleEntry::End(ChannelKind::kFuture, true, 0));
  const rt::Handle w = table.Add(HandleEntry::End(ChannelKind::kFuture, false, 0));
  table.Remove(r);
  EXPECT_EQ(table.Add(HandleEntry::WaitableSet()), r);
  table.Remove(w);
  EXPECT_EQ(table.Add(HandleEntry::Resource(1)), w);
  EXPECT_EQ(table.Find(r)->kind, HandleEntry::Kind::kWaitableSet);
  EXPECT_EQ(table.Find(w)->kind, HandleEntry::Kind::kResource);
}

// A stale handle hits the new end its index names now: the table answers
// with the new end (the spec cannot tell either), and remembers what the
// index named before, so a report can say the handle was reused.
TEST(HandleTableTest, AStaleHandleHitsTheNewEndAndTheHistorySaysSo) {
  HandleTable table;
  const rt::Handle old_reader = table.Add(HandleEntry::End(ChannelKind::kFuture, true, 0));
  EXPECT_EQ(table.ReuseNote(old_reader), "");
  table.Remove(old_reader);
  const rt::Handle new_reader = table.Add(HandleEntry::End(ChannelKind::kStream, true, 1));
  ASSERT_EQ(new_reader, old_reader);
  const HandleEntry* hit = table.Find(old_reader);
  ASSERT_NE(hit, nullptr);
  EXPECT_TRUE(hit->IsEnd(ChannelKind::kStream, true));
  EXPECT_EQ(hit->channel, 1u);
  ASSERT_EQ(table.Tenants(old_reader).size(), 2u);
  EXPECT_TRUE(table.Tenants(old_reader)[0].IsEnd(ChannelKind::kFuture, true));
  EXPECT_EQ(table.ReuseNote(old_reader),
            " (handle 1 was reused: it named the readable end of f0, then the readable end of s1)");
  EXPECT_TRUE(table.Tenants(99).empty());
}

TEST(HandleTableTest, DescribesEachKind) {
  EXPECT_EQ(HandleEntry::End(ChannelKind::kStream, false, 2).Describe(), "the writable end of s2");
  EXPECT_EQ(HandleEntry::Resource(3).Describe(), "own<resource> res#3");
  EXPECT_EQ(HandleEntry::WaitableSet().Describe(), "a waitable set");
}

TEST(HandleTableTest, LiveIsInHandleOrder) {
  HandleTable table;
  for (int i = 0; i < 20; ++i) table.Add(HandleEntry::Resource(i));
  table.Remove(5);
  const auto live = table.Live();
  ASSERT_EQ(live.size(), 19u);
  EXPECT_EQ(table.size(), 19u);
  for (size_t i = 1; i < live.size(); ++i) EXPECT_LT(live[i - 1].first, live[i].first);
}

}  // namespace
}  // namespace fc::model
