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

TEST(HandleTableTest, RemovedHandlesAreRememberedAndNeverReused) {
  HandleTable table;
  const rt::Handle a = table.Add(HandleEntry::WaitableSet());
  table.Remove(a);
  EXPECT_EQ(table.Find(a), nullptr);
  EXPECT_TRUE(table.WasRemoved(a));
  EXPECT_FALSE(table.WasRemoved(a + 1)) << "never handed out";
  EXPECT_NE(table.Add(HandleEntry::WaitableSet()), a);
  table.Remove(77);  // unknown: not recorded as removed
  EXPECT_FALSE(table.WasRemoved(77));
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
