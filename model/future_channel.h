// One future channel as the Component Model spec defines it
// (canonical-abi/definitions.py at commit 6d28164, 2026-08-21:
// SharedFutureImpl, CopyEnd, future_copy, cancel_copy, drop): two ends, each
// with a copy state, a pending copy on the shared part, and per-end pending
// events that change the end's state only when they are delivered.
//
// The channel knows nothing of memory or handles: it asks its listener to
// move the value when a copy meets its peer, and tells it when an end gets an
// event to deliver.
#ifndef FUTURECHECK_MODEL_FUTURE_CHANNEL_H_
#define FUTURECHECK_MODEL_FUTURE_CHANNEL_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "model/value.h"
#include "runtime/abi.h"
#include "runtime/return_code.h"

namespace fc::model {

enum class CopyState { kIdle, kCopying, kCancellingCopy, kDone };
const char* CopyStateName(CopyState state);

// Who holds an end: the guest under test, or the other side (another
// component or the host), which the model plays itself.
enum class Party { kGuest, kPeer };

// The buffer of a copy: guest memory, or a value held by the peer.
struct CopyBuffer {
  Party party = Party::kGuest;
  void* guest_ptr = nullptr;
  std::optional<Value> peer_value;  // a peer writer's value until it moves
};

struct FutureEnd {
  bool readable = true;
  Party holder = Party::kGuest;
  rt::Handle handle = rt::kNoHandle;  // while the guest holds it
  CopyState state = CopyState::kIdle;
  std::optional<rt::CopyResult> pending_event;
  std::optional<CopyBuffer> buffer;  // the in-flight copy's buffer
  bool dropped = false;

  bool copying() const {
    return state == CopyState::kCopying || state == CopyState::kCancellingCopy;
  }
};

class FutureChannel;

class ChannelListener {
 public:
  virtual ~ChannelListener() = default;
  // The writer's and the reader's copies met: move the value and return it.
  // `reader_buffer` receives it (a peer buffer gets `peer_value` set).
  virtual Value MoveValue(FutureChannel& channel, CopyBuffer& writer_buffer,
                         CopyBuffer& reader_buffer) = 0;
  // `end` has an event to deliver (not called for the end whose own call is
  // returning the result eagerly).
  virtual void OnPendingEvent(FutureChannel& channel, FutureEnd& end) = 0;
};

class FutureChannel {
 public:
  FutureChannel(uint32_t id, PayloadKind kind, ChannelListener& listener)
      : id_(id), kind_(kind), listener_(&listener) {
    readable_.readable = true;
    writable_.readable = false;
  }

  uint32_t id() const { return id_; }
  PayloadKind kind() const { return kind_; }
  FutureEnd& readable() { return readable_; }
  FutureEnd& writable() { return writable_; }
  const FutureEnd& readable() const { return readable_; }
  const FutureEnd& writable() const { return writable_; }
  FutureEnd& other(const FutureEnd& end) { return end.readable ? writable_ : readable_; }

  // `future.read` / `future.write` on `end`: the eager result, or BLOCKED.
  // An error status is a trap.
  // A result returned eagerly releases the buffer into `released`.
  absl::StatusOr<uint32_t> Copy(FutureEnd& end, CopyBuffer buffer, CopyBuffer* released);
  // `future.cancel-read` / `future.cancel-write` (synchronous).
  absl::StatusOr<uint32_t> Cancel(FutureEnd& end, CopyBuffer* released);
  // `future.drop-readable` / `future.drop-writable`.
  absl::Status Drop(FutureEnd& end);
  // Delivers `end`'s pending event: its state moves on, its buffer is
  // released back to its owner (returned), and the code is returned.
  uint32_t TakePendingEvent(FutureEnd& end, CopyBuffer* released = nullptr);

  // What happened, for the oracle.
  bool value_delivered() const { return value_delivered_; }
  const Value& delivered_value() const { return delivered_value_; }
  bool reader_dropped() const { return shared_dropped_ && readable_.dropped; }
  bool shared_dropped() const { return shared_dropped_; }
  // Which end's copy waits on the shared part, if any.
  const FutureEnd* pending_end() const { return pending_; }

  std::string Describe() const;

 private:
  void SetPendingEvent(FutureEnd& end, rt::CopyResult result);
  void NotifyPending(rt::CopyResult result);
  absl::Status Rendezvous(FutureEnd& end);

  uint32_t id_;
  PayloadKind kind_;
  ChannelListener* listener_;
  FutureEnd readable_;
  FutureEnd writable_;
  bool shared_dropped_ = false;
  FutureEnd* pending_ = nullptr;
  const FutureEnd* calling_ = nullptr;
  bool value_delivered_ = false;
  Value delivered_value_;
};

}  // namespace fc::model

#endif  // FUTURECHECK_MODEL_FUTURE_CHANNEL_H_
