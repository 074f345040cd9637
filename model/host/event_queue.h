// The events the host has for the guest, oldest first. An entry names the
// channel end whose pending event it is; the event itself lives on the end
// (model/copy_end.h), so an entry whose event a cancel already took is
// stale and skipped (the owner says which entries are still pending). An
// end has at most one pending event, so a new entry replaces any older
// (stale) one for the same end: the new event queues behind those raised
// before it, and stale entries do not pile up.
//
//   EventQueue queue;
//   queue.Push({ChannelKind::kFuture, 0, /*readable=*/true});
//   std::optional<EventRef> next = queue.TakeFirst(
//       [&](const EventRef& e) { return StillPending(e) && InSet(e, set); });
#ifndef FUTURECHECK_MODEL_HOST_EVENT_QUEUE_H_
#define FUTURECHECK_MODEL_HOST_EVENT_QUEUE_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>

#include "absl/functional/function_ref.h"
#include "model/copy_end.h"

namespace fc::model {

// The end an event is for.
struct EventRef {
  ChannelKind kind = ChannelKind::kFuture;
  uint32_t channel = 0;
  bool readable = false;
};

class EventQueue {
 public:
  using Filter = absl::FunctionRef<bool(const EventRef&)>;

  // Queues `ref` last, dropping any older entry for the same end.
  void Push(const EventRef& ref);
  // Removes and returns the oldest entry `ready` accepts.
  std::optional<EventRef> TakeFirst(Filter ready);
  bool Any(Filter pred) const;
  size_t Count(Filter pred) const;
  // Calls `visit` on every entry, oldest first.
  void ForEach(absl::FunctionRef<void(const EventRef&)> visit) const;

 private:
  std::deque<EventRef> queue_;
};

}  // namespace fc::model

#endif  // FUTURECHECK_MODEL_HOST_EVENT_QUEUE_H_
