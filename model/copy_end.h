// The end of a channel as the Component Model spec defines it
// (canonical-abi/definitions.py: CopyState, CopyEnd, and the buffers that
// stream_copy / future_copy hand to the shared part). Futures and streams
// share this type, as the spec's ReadableFutureEnd and ReadableStreamEnd
// share CopyEnd: a copy state, the in-flight copy's buffer, and a pending
// event that changes the end's state only when it is delivered.
//
// Everything here is a plain value: a channel (model/channel.h) holding two
// ends can be copied to try a move without touching the real one.
#ifndef FUTURECHECK_MODEL_COPY_END_H_
#define FUTURECHECK_MODEL_COPY_END_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "model/value.h"
#include "runtime/abi.h"
#include "runtime/return_code.h"

namespace fc::model {

// The two kinds of channel the spec defines. A future carries exactly one
// value, a stream any number in copies of up to the copy limit.
enum class ChannelKind { kFuture, kStream };
const char* ChannelKindName(ChannelKind kind);  // "future", "stream"
// The letter traces and signatures put before a channel's number: f0, s2.
char ChannelLetter(ChannelKind kind);

enum class CopyState { kIdle, kCopying, kCancellingCopy, kDone };
const char* CopyStateName(CopyState state);

// Who holds an end: the guest under test, or the other side (another
// component or the host), which the model plays itself.
enum class Party { kGuest, kPeer };

// The buffer of a copy: guest memory, or values the peer holds. A future's
// copy is a buffer of capacity 1.
struct CopyBuffer {
  Party party = Party::kGuest;
  void* guest_ptr = nullptr;
  uint32_t capacity = 1;
  uint32_t progress = 0;           // elements moved so far
  std::vector<Value> peer_values;  // peer writer: to send (front first); peer reader: received

  uint32_t remain() const { return capacity - progress; }
};

struct CopyEnd {
  bool readable = true;
  Party holder = Party::kGuest;
  rt::Handle handle = rt::kNoHandle;  // while the guest holds it
  CopyState state = CopyState::kIdle;
  std::optional<rt::CopyResult> pending_event;
  // A stream's partial-copy event: the copy stays the channel's pending one
  // (more may be moved into or out of its buffer) until this is delivered.
  bool event_releases_pending = false;
  std::optional<CopyBuffer> buffer;  // the in-flight copy's buffer
  bool dropped = false;

  bool copying() const {
    return state == CopyState::kCopying || state == CopyState::kCancellingCopy;
  }
  // Whether a result is still to come from the host for this end: its copy
  // is in flight, or its event has not been taken. False before any copy and
  // once the host handed the result over (returned at once, delivered as an
  // event, or returned by a cancel).
  bool result_outstanding() const { return copying() || pending_event.has_value(); }
};

}  // namespace fc::model

#endif  // FUTURECHECK_MODEL_COPY_END_H_
