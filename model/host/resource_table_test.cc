#include "model/host/resource_table.h"

#include <gtest/gtest.h>

namespace fc::model {
namespace {

TEST(ResourceTableTest, TracksOwnersAndCountsThem) {
  ResourceTable resources;
  const uint64_t a = resources.New(ResourceOwner::kGuest);
  const uint64_t b = resources.New(ResourceOwner::kPeer);
  EXPECT_NE(a, b);
  EXPECT_EQ(resources.owner(a), ResourceOwner::kGuest);
  EXPECT_EQ(resources.owner(b), ResourceOwner::kPeer);
  EXPECT_EQ(resources.owner(999), ResourceOwner::kDropped) << "never handed out";
  EXPECT_EQ(resources.OwnedBy(ResourceOwner::kGuest), 1u);
  resources.set_owner(a, ResourceOwner::kPeer);
  EXPECT_EQ(resources.OwnedBy(ResourceOwner::kGuest), 0u);
  EXPECT_EQ(resources.OwnedBy(ResourceOwner::kPeer), 2u);
}

TEST(ResourceTableTest, TransferAllMovesOnlyTheGivenOwner) {
  ResourceTable resources;
  const uint64_t guest = resources.New(ResourceOwner::kGuest);
  resources.New(ResourceOwner::kPeer);
  resources.New(ResourceOwner::kPeer);
  resources.TransferAll(ResourceOwner::kPeer, ResourceOwner::kDropped);
  EXPECT_EQ(resources.OwnedBy(ResourceOwner::kPeer), 0u);
  EXPECT_EQ(resources.OwnedBy(ResourceOwner::kDropped), 2u);
  EXPECT_EQ(resources.owner(guest), ResourceOwner::kGuest);
}

}  // namespace
}  // namespace fc::model
