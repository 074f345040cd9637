#include "model/host/event_queue.h"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

namespace fc::model {
namespace {

EventRef Ref(uint32_t channel, bool readable) {
  return EventRef{ChannelKind::kStream, channel, readable};
}

TEST(EventQueueTest, TakesTheOldestAcceptedEntry) {
  EventQueue queue;
  queue.Push(Ref(0, true));
  queue.Push(Ref(1, false));
  queue.Push(Ref(2, true));
  auto readable = [](const EventRef& e) { return e.readable; };
  std::optional<EventRef> first = queue.TakeFirst(readable);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->channel, 0u);
  EXPECT_EQ(queue.Count([](const EventRef&) { return true; }), 2u);
  std::optional<EventRef> second = queue.TakeFirst(readable);
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->channel, 2u) << "entries the filter rejects stay, in order";
  EXPECT_FALSE(queue.TakeFirst(readable).has_value());
  EXPECT_TRUE(queue.Any([](const EventRef& e) { return e.channel == 1; }));
}

TEST(EventQueueTest, ForEachVisitsOldestFirst) {
  EventQueue queue;
  for (uint32_t c : {5u, 3u, 8u}) queue.Push(Ref(c, true));
  std::vector<uint32_t> seen;
  queue.ForEach([&](const EventRef& e) { seen.push_back(e.channel); });
  EXPECT_EQ(seen, (std::vector<uint32_t>{5, 3, 8}));
}

// An end has one pending event at most: a new one for an end whose older
// entry went stale (a cancel took its event) queues last, once.
TEST(EventQueueTest, ANewEventForAnEndReplacesItsStaleEntry) {
  EventQueue queue;
  queue.Push(Ref(0, true));
  queue.Push(Ref(1, false));
  queue.Push(Ref(0, false));  // another end of channel 0: kept
  queue.Push(Ref(0, true));
  std::vector<std::pair<uint32_t, bool>> seen;
  queue.ForEach([&](const EventRef& e) { seen.emplace_back(e.channel, e.readable); });
  EXPECT_EQ(seen, (std::vector<std::pair<uint32_t, bool>>{{1, false}, {0, false}, {0, true}}));
}

}  // namespace
}  // namespace fc::model
