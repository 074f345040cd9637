#include "model/host/waitable_sets.h"

#include <gtest/gtest.h>

namespace fc::model {
namespace {

TEST(WaitableSetsTest, JoinMovesAndNoHandleLeaves) {
  WaitableSets sets;
  EXPECT_EQ(sets.SetOf(3), rt::kNoHandle);
  sets.Join(3, 10);
  sets.Join(4, 10);
  EXPECT_EQ(sets.SetOf(3), 10u);
  sets.Join(3, 11);  // a join moves a waitable from one set to another
  EXPECT_EQ(sets.SetOf(3), 11u);
  EXPECT_EQ(sets.MembersOf(10), std::vector<rt::Handle>{4});
  sets.Join(4, rt::kNoHandle);
  EXPECT_TRUE(sets.MembersOf(10).empty());
  sets.Leave(3);
  EXPECT_EQ(sets.SetOf(3), rt::kNoHandle);
  sets.Leave(3);  // leaving twice is harmless (a dropped end that was never joined)
}

TEST(WaitableSetsTest, ListsAreInHandleOrder) {
  WaitableSets sets;
  for (rt::Handle h : {9u, 2u, 7u, 4u}) sets.Join(h, h % 2 == 0 ? 100 : 200);
  EXPECT_EQ(sets.MembersOf(100), (std::vector<rt::Handle>{2, 4}));
  const auto all = sets.Memberships();
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all.front(), (std::pair<rt::Handle, rt::Handle>{2, 100}));
  EXPECT_EQ(all.back(), (std::pair<rt::Handle, rt::Handle>{9, 200}));
}

}  // namespace
}  // namespace fc::model
