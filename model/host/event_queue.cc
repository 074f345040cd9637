#include "model/host/event_queue.h"

#include <algorithm>

namespace fc::model {

void EventQueue::Push(const EventRef& ref) {
  std::erase_if(queue_, [&ref](const EventRef& e) {
    return e.kind == ref.kind && e.channel == ref.channel && e.readable == ref.readable;
  });
  queue_.push_back(ref);
}

std::optional<EventRef> EventQueue::TakeFirst(Filter ready) {
  for (auto it = queue_.begin(); it != queue_.end(); ++it) {
    if (!ready(*it)) continue;
    const EventRef ref = *it;
    queue_.erase(it);
    return ref;
  }
  return std::nullopt;
}

bool EventQueue::Any(Filter pred) const { return std::any_of(queue_.begin(), queue_.end(), pred); }

size_t EventQueue::Count(Filter pred) const {
  return static_cast<size_t>(std::count_if(queue_.begin(), queue_.end(), pred));
}

void EventQueue::ForEach(absl::FunctionRef<void(const EventRef&)> visit) const {
  for (const EventRef& ref : queue_) visit(ref);
}

}  // namespace fc::model
