// One stream channel as the Component Model spec defines it
// (canonical-abi/definitions.py: SharedStreamImpl, CopyEnd, stream_copy,
// cancel_copy, drop): partial copies, pending events that carry the count
// copied so far, DROPPED(n), zero-length copies.
//
// What the spec says, and this model does:
// - A copy meeting a pending copy moves min(remaining, remaining) elements.
//   The caller gets COMPLETED(n) at once; the pending end gets a COMPLETED
//   event but stays the pending copy (more elements may be taken from or put
//   into its buffer) until that event is delivered.
// - A pending copy with nothing left to give or take is completed and
//   replaced by the new one; zero-length copies meet without moving anything.
// - Cancel returns the end's queued result if there is one (the count copied
//   so far), else CANCELLED(n). Dropping an end completes the pending copy of
//   the other with DROPPED(n). A copy on a dropped stream is DROPPED(0).
// - A stream end goes back to IDLE on COMPLETED or CANCELLED, to DONE on
//   DROPPED; any copy on a DONE end, a second copy, a drop while copying, and
//   a length over the copy limit trap.
//
// The channel is a value (copyable): the mock host computes the outcome of
// each move the other end could make on a copy before choosing one.
#ifndef FUTURECHECK_MODEL_STREAM_CHANNEL_H_
#define FUTURECHECK_MODEL_STREAM_CHANNEL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "model/future_channel.h"
#include "model/value.h"
#include "runtime/abi.h"
#include "runtime/return_code.h"

namespace fc::model {

// The buffer of a stream copy: guest memory or the peer's values.
struct StreamBuffer {
  Party party = Party::kGuest;
  void* guest_ptr = nullptr;
  uint32_t capacity = 0;
  uint32_t progress = 0;
  std::vector<Value> peer_values;  // peer writer: to send (front first); peer reader: received

  uint32_t remain() const { return capacity - progress; }
};

struct StreamEnd {
  bool readable = true;
  Party holder = Party::kGuest;
  rt::Handle handle = rt::kNoHandle;
  CopyState state = CopyState::kIdle;
  std::optional<rt::CopyResult> pending_event;
  bool event_releases_pending = false;  // a partial copy's event: delivering it ends the copy
  std::optional<StreamBuffer> buffer;
  bool dropped = false;

  bool copying() const {
    return state == CopyState::kCopying || state == CopyState::kCancellingCopy;
  }
};

class StreamChannel;

class StreamListener {
 public:
  virtual ~StreamListener() = default;
  // Moves `n` elements from the writer's buffer (at its progress) into the
  // reader's (at its progress); returns them. Progress is advanced by the
  // channel.
  virtual std::vector<Value> MoveElements(StreamChannel& channel, StreamBuffer& writer,
                                          StreamBuffer& reader, uint32_t n) = 0;
  virtual void OnPendingEvent(StreamChannel& channel, StreamEnd& end) = 0;
};

class StreamChannel {
 public:
  StreamChannel(uint32_t id, PayloadKind kind, StreamListener& listener, uint32_t max_length)
      : id_(id), kind_(kind), listener_(&listener), max_length_(max_length) {
    readable_.readable = true;
    writable_.readable = false;
  }

  uint32_t id() const { return id_; }
  PayloadKind kind() const { return kind_; }
  StreamEnd& readable() { return readable_; }
  StreamEnd& writable() { return writable_; }
  const StreamEnd& readable() const { return readable_; }
  const StreamEnd& writable() const { return writable_; }
  void set_listener(StreamListener& listener) { listener_ = &listener; }

  // `stream.read` / `stream.write`: the eager packed result, or BLOCKED; an
  // error status is a trap. An eager result releases the buffer.
  absl::StatusOr<uint32_t> Copy(StreamEnd& end, StreamBuffer buffer, StreamBuffer* released);
  absl::StatusOr<uint32_t> Cancel(StreamEnd& end, StreamBuffer* released);
  absl::Status Drop(StreamEnd& end);
  uint32_t TakePendingEvent(StreamEnd& end, StreamBuffer* released = nullptr);

  // Every element that reached the reader, in order (for the oracle).
  const std::vector<Value>& delivered() const { return delivered_; }
  bool shared_dropped() const { return shared_dropped_; }
  const StreamEnd* pending_end() const;

  std::string Describe() const;

 private:
  enum class Pending { kNone, kReadable, kWritable };
  StreamEnd* PendingEnd();
  void SetPendingEvent(StreamEnd& end, rt::CopyResult result, bool releases_pending);
  void NotifyPending(rt::CopyResult result);
  absl::Status Meet(StreamEnd& end);

  uint32_t id_;
  PayloadKind kind_;
  StreamListener* listener_;
  uint32_t max_length_;
  StreamEnd readable_;
  StreamEnd writable_;
  bool shared_dropped_ = false;
  Pending pending_ = Pending::kNone;
  std::optional<bool> calling_;  // readable? of the end whose own call is running
  std::vector<Value> delivered_;
};

}  // namespace fc::model

#endif  // FUTURECHECK_MODEL_STREAM_CHANNEL_H_
