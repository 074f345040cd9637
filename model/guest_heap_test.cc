#include "model/guest_heap.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <set>

#include "model/ledger_test_util.h"
#include "model/violation.h"

namespace fc::model {
namespace {

using testing::ElementsAre;
using testing::IsEmpty;

class GuestHeapTest : public testing::Test {
 protected:
  char* Alloc(size_t size, size_t align = 1) {
    return static_cast<char*>(heap_.Alloc(size, align));
  }

  ViolationLog log_;
  GuestHeap heap_{log_};
};

TEST_F(GuestHeapTest, CountsAllocationsAndFreesWithIdsInOrder) {
  EXPECT_EQ(heap_.live_count(), 0u);
  EXPECT_EQ(heap_.total_allocations(), 0u);
  char* a = Alloc(16, 8);
  char* b = Alloc(4, 4);
  char* c = Alloc(1);
  EXPECT_EQ(heap_.IdOf(a), 1u);
  EXPECT_EQ(heap_.IdOf(b), 2u);
  EXPECT_EQ(heap_.IdOf(c), 3u);
  EXPECT_EQ(heap_.live_count(), 3u);
  EXPECT_EQ(heap_.total_allocations(), 3u);

  heap_.Free(b, 4, 4);
  EXPECT_EQ(heap_.live_count(), 2u);
  EXPECT_EQ(heap_.total_allocations(), 3u);  // a freed allocation still counts
  heap_.Free(a, 16, 8);
  heap_.Free(c, 1, 1);
  EXPECT_EQ(heap_.live_count(), 0u);
  EXPECT_THAT(log_.all(), IsEmpty());
}

TEST_F(GuestHeapTest, IdOfIsZeroForAnythingButTheStartOfABlock) {
  char* a = Alloc(8);
  int on_the_stack = 0;
  EXPECT_EQ(heap_.IdOf(&on_the_stack), 0u);
  EXPECT_EQ(heap_.IdOf(a + 1), 0u);
  EXPECT_EQ(heap_.IdOf(nullptr), 0u);
  heap_.Free(a, 8, 1);
  EXPECT_EQ(heap_.IdOf(a), 1u);  // freed blocks keep their id (quarantine)
}

TEST_F(GuestHeapTest, NeverHandsOutAnAddressTwice) {
  std::set<char*> seen;
  for (int i = 0; i < 8; ++i) {
    char* p = Alloc(i % 2 == 0 ? 0 : 4);  // zero-sized requests too
    EXPECT_TRUE(seen.insert(p).second) << "address handed out twice, allocation " << i + 1;
    heap_.Free(p, i % 2 == 0 ? 0 : 4, 1);  // freed at once: quarantined, not reused
  }
  EXPECT_THAT(log_.all(), IsEmpty());
}

// Exactly the alignment asked and no more, every time: a runtime that asks
// for less than its payload needs is caught deterministically.
TEST_F(GuestHeapTest, ReturnsExactlyTheAlignmentAsked) {
  for (size_t align : {1, 2, 4, 8, 16}) {
    for (size_t size : {0, 1, 3, 24}) {
      const auto address = reinterpret_cast<uintptr_t>(Alloc(size, align));
      EXPECT_EQ(address % align, 0u) << "size " << size << ", align " << align;
      EXPECT_NE(address % (2 * align), 0u) << "size " << size << ", align " << align;
    }
  }
  EXPECT_THAT(log_.all(), IsEmpty());
}

TEST_F(GuestHeapTest, TheBytesBeforeABlockAreNoHostAccess) {
  char* a = Alloc(8, 8);
  EXPECT_TRUE(heap_.CheckHostAccess(a, 8, "read"));
  EXPECT_FALSE(heap_.CheckHostAccess(a - 1, 1, "read"));
  EXPECT_THAT(log_.all(), ElementsAre(IsViolation(Invariant::kMemorySafety,
                                                  "read: not a guest heap allocation")));
}

TEST_F(GuestHeapTest, BadAlignmentIsAViolation) {
  for (size_t align : {0, 3, 32}) {
    const auto address = reinterpret_cast<uintptr_t>(Alloc(4, align));
    EXPECT_EQ(address % 16, 0u) << "align " << align << " falls back to 16";
  }
  EXPECT_THAT(
      log_.all(),
      ElementsAre(IsViolation(Invariant::kMemorySafety, "allocation with bad alignment 0"),
                  IsViolation(Invariant::kMemorySafety, "allocation with bad alignment 3"),
                  IsViolation(Invariant::kMemorySafety, "allocation with bad alignment 32")));
  EXPECT_EQ(heap_.live_count(), 3u);  // still allocated and counted
}

TEST_F(GuestHeapTest, DoubleFreeIsAViolationAndCountsOnce) {
  char* a = Alloc(8, 4);
  Alloc(8, 4);
  heap_.Free(a, 8, 4);
  EXPECT_THAT(log_.all(), IsEmpty());
  heap_.Free(a, 8, 4);
  EXPECT_THAT(log_.all(),
              ElementsAre(IsViolation(Invariant::kMemorySafety, "double free of allocation #1")));
  EXPECT_EQ(heap_.live_count(), 1u);
}

TEST_F(GuestHeapTest, FreeOfAPointerNeverReturnedIsAViolation) {
  char* a = Alloc(8);
  int on_the_stack = 0;
  heap_.Free(&on_the_stack, sizeof on_the_stack, alignof(int));
  heap_.Free(a + 4, 4, 1);  // inside a block, but not its start
  const auto never_returned =
      IsViolation(Invariant::kMemorySafety, "free of a pointer the guest heap never returned");
  EXPECT_THAT(log_.all(), ElementsAre(never_returned, never_returned));
  EXPECT_EQ(heap_.live_count(), 1u);
}

TEST_F(GuestHeapTest, FreeWithAnotherSizeOrAlignmentIsAViolation) {
  char* a = Alloc(16, 8);
  char* b = Alloc(16, 8);
  heap_.Free(a, 12, 8);
  heap_.Free(b, 16, 4);
  EXPECT_THAT(log_.all(),
              ElementsAre(IsViolation(Invariant::kMemorySafety,
                                      "allocation #1 (16 B, align 8) freed as 12 B, align 8"),
                          IsViolation(Invariant::kMemorySafety,
                                      "allocation #2 (16 B, align 8) freed as 16 B, align 4")));
  EXPECT_EQ(heap_.live_count(), 0u);  // freed all the same
}

TEST_F(GuestHeapTest, FreeingAPinnedBufferIsAViolation) {
  char* a = Alloc(4, 4);
  heap_.Pin(a, "future.write 2");
  heap_.Free(a, 4, 4);
  EXPECT_THAT(log_.all(),
              ElementsAre(IsViolation(
                  Invariant::kMemorySafety,
                  "allocation #1 freed while the host may still use it (future.write 2)")));
  EXPECT_EQ(heap_.live_count(), 0u);
}

TEST_F(GuestHeapTest, UnpinnedBufferFreesCleanly) {
  char* a = Alloc(4, 4);
  heap_.Pin(a, "stream.read 3");
  heap_.Unpin(a);
  heap_.Free(a, 4, 4);
  int on_the_stack = 0;
  heap_.Pin(&on_the_stack, "nothing");  // not a block: ignored
  heap_.Unpin(&on_the_stack);
  EXPECT_THAT(log_.all(), IsEmpty());
}

TEST_F(GuestHeapTest, HostAccessInsideALiveBlockIsAllowed) {
  char* a = Alloc(16, 4);
  EXPECT_TRUE(heap_.CheckHostAccess(a, 16, "whole"));
  EXPECT_TRUE(heap_.CheckHostAccess(a + 12, 4, "last element"));
  EXPECT_TRUE(heap_.CheckHostAccess(a + 4, 0, "nothing"));
  char* empty = Alloc(0);
  EXPECT_TRUE(heap_.CheckHostAccess(empty, 0, "zero-length copy"));
  EXPECT_THAT(log_.all(), IsEmpty());
}

TEST_F(GuestHeapTest, HostAccessPastTheEndIsAViolation) {
  char* a = Alloc(16, 4);
  EXPECT_FALSE(heap_.CheckHostAccess(a, 17, "stream.write"));
  EXPECT_FALSE(heap_.CheckHostAccess(a + 12, 8, "stream.read"));
  char* empty = Alloc(0);
  EXPECT_FALSE(heap_.CheckHostAccess(empty, 1, "future.read"));
  EXPECT_THAT(
      log_.all(),
      ElementsAre(IsViolation(Invariant::kMemorySafety,
                              "stream.write: 17 B needed at offset 0, allocation #1 has 16 B"),
                  IsViolation(Invariant::kMemorySafety,
                              "stream.read: 8 B needed at offset 12, allocation #1 has 16 B"),
                  IsViolation(Invariant::kMemorySafety,
                              "future.read: 1 B needed at offset 0, allocation #2 has 0 B")));
}

TEST_F(GuestHeapTest, HostAccessOutsideEveryBlockIsAViolation) {
  char* a = Alloc(16, 4);
  int on_the_stack = 0;
  EXPECT_FALSE(heap_.CheckHostAccess(&on_the_stack, 4, "future.write"));
  EXPECT_FALSE(heap_.CheckHostAccess(a + 16, 1, "just past the end"));
  EXPECT_FALSE(heap_.CheckHostAccess(a - 1, 1, "just before the start"));
  EXPECT_THAT(
      log_.all(),
      ElementsAre(
          IsViolation(Invariant::kMemorySafety, "future.write: not a guest heap allocation"),
          IsViolation(Invariant::kMemorySafety, "just past the end: not a guest heap allocation"),
          IsViolation(Invariant::kMemorySafety,
                      "just before the start: not a guest heap allocation")));
}

TEST_F(GuestHeapTest, HostAccessToAFreedBlockIsAViolation) {
  char* a = Alloc(8, 4);
  heap_.Free(a, 8, 4);
  EXPECT_FALSE(heap_.CheckHostAccess(a + 4, 4, "future.read"));
  EXPECT_THAT(log_.all(), ElementsAre(IsViolation(Invariant::kMemorySafety,
                                                  "future.read: allocation #1 was already freed")));
}

TEST_F(GuestHeapTest, DescribeLiveListsTheLiveBlocksById) {
  EXPECT_EQ(heap_.DescribeLive(), "");
  // The large block first: the system allocator maps it apart from the
  // small ones, so the ids' order is not the addresses' order.
  const size_t sizes[] = {size_t{1} << 20, 4, 8, 12, 16};
  char* blocks[5];
  for (int i = 0; i < 5; ++i) blocks[i] = Alloc(sizes[i]);
  heap_.Free(blocks[1], 4, 1);
  heap_.Free(blocks[3], 12, 1);
  EXPECT_EQ(heap_.DescribeLive(), "#1 (1048576 B), #3 (8 B), #5 (16 B)");
  heap_.Free(blocks[0], sizes[0], 1);
  heap_.Free(blocks[2], 8, 1);
  heap_.Free(blocks[4], 16, 1);
  EXPECT_EQ(heap_.DescribeLive(), "");
  EXPECT_THAT(log_.all(), IsEmpty());
}

}  // namespace
}  // namespace fc::model
