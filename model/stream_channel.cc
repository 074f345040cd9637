#include "model/stream_channel.h"

#include <algorithm>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"

namespace fc::model {
namespace {

const char* EndName(const StreamEnd& end) { return end.readable ? "readable" : "writable"; }

absl::Status Trap(std::string message) { return absl::FailedPreconditionError(std::move(message)); }

}  // namespace

StreamEnd* StreamChannel::PendingEnd() {
  switch (pending_) {
    case Pending::kNone:
      return nullptr;
    case Pending::kReadable:
      return &readable_;
    case Pending::kWritable:
      return &writable_;
  }
  return nullptr;
}

const StreamEnd* StreamChannel::pending_end() const {
  return const_cast<StreamChannel*>(this)->PendingEnd();
}

void StreamChannel::SetPendingEvent(StreamEnd& end, rt::CopyResult result, bool releases_pending) {
  end.pending_event = result;
  end.event_releases_pending = releases_pending;
  if (!(calling_.has_value() && *calling_ == end.readable)) listener_->OnPendingEvent(*this, end);
}

// The pending copy is over: its end gets `result` and the channel forgets it.
void StreamChannel::NotifyPending(rt::CopyResult result) {
  StreamEnd* pending = PendingEnd();
  pending_ = Pending::kNone;
  SetPendingEvent(*pending, result, /*releases_pending=*/false);
}

absl::Status StreamChannel::Meet(StreamEnd& end) {
  StreamEnd& waiting = *PendingEnd();
  if (end.holder == waiting.holder && !IsNumberPayload(kind_)) {
    return Trap(absl::StrFormat("stream<%s> copy between two ends of the same instance",
                                PayloadKindName(kind_)));
  }
  StreamBuffer& mine = *end.buffer;
  StreamBuffer& theirs = *waiting.buffer;
  if (theirs.remain() > 0) {
    if (mine.remain() > 0) {
      const uint32_t n = std::min(mine.remain(), theirs.remain());
      StreamBuffer& writer = end.readable ? theirs : mine;
      StreamBuffer& reader = end.readable ? mine : theirs;
      std::vector<Value> moved = listener_->MoveElements(*this, writer, reader, n);
      for (Value& v : moved) delivered_.push_back(std::move(v));
      writer.progress += n;
      reader.progress += n;
      SetPendingEvent(waiting, rt::CopyResult::kCompleted, /*releases_pending=*/true);
    }
    SetPendingEvent(end, rt::CopyResult::kCompleted, false);
    return absl::OkStatus();
  }
  if (!end.readable && mine.capacity == 0 && theirs.capacity == 0) {
    // Two zero-length copies: the writer completes, the reader keeps waiting.
    SetPendingEvent(end, rt::CopyResult::kCompleted, false);
    return absl::OkStatus();
  }
  // The waiting copy has nothing left to give or take: it completes and this
  // copy waits in its place.
  NotifyPending(rt::CopyResult::kCompleted);
  pending_ = end.readable ? Pending::kReadable : Pending::kWritable;
  return absl::OkStatus();
}

absl::StatusOr<uint32_t> StreamChannel::Copy(StreamEnd& end, StreamBuffer buffer,
                                             StreamBuffer* released) {
  const char* call = end.readable ? "read" : "write";
  if (end.state != CopyState::kIdle) {
    return Trap(absl::StrFormat("stream.%s on a %s end in state %s (only IDLE may copy)", call,
                                EndName(end), CopyStateName(end.state)));
  }
  if (buffer.capacity > max_length_) {
    return Trap(absl::StrFormat("stream.%s of %u elements, over the limit of %u", call,
                                buffer.capacity, max_length_));
  }
  end.state = CopyState::kCopying;
  end.buffer = std::move(buffer);
  calling_ = end.readable;
  absl::Status status = absl::OkStatus();
  if (shared_dropped_) {
    SetPendingEvent(end, rt::CopyResult::kDropped, false);
  } else if (pending_ == Pending::kNone) {
    pending_ = end.readable ? Pending::kReadable : Pending::kWritable;
  } else if (PendingEnd() == &end) {
    status = absl::InternalError("model: an idle end is still the pending copy");
  } else {
    status = Meet(end);
  }
  calling_.reset();
  if (!status.ok()) return status;
  if (!end.pending_event.has_value()) return rt::kBlocked;
  return TakePendingEvent(end, released);
}

absl::StatusOr<uint32_t> StreamChannel::Cancel(StreamEnd& end, StreamBuffer* released) {
  const char* call = end.readable ? "read" : "write";
  if (end.state == CopyState::kCancellingCopy) {
    return Trap(absl::StrFormat("stream.cancel-%s twice", call));
  }
  if (end.state != CopyState::kCopying) {
    return Trap(absl::StrFormat("stream.cancel-%s with no copy in flight (state %s)", call,
                                CopyStateName(end.state)));
  }
  end.state = CopyState::kCancellingCopy;
  if (!end.pending_event.has_value()) {
    if (PendingEnd() != &end) return absl::InternalError("model: copying end is not pending");
    calling_ = end.readable;
    NotifyPending(rt::CopyResult::kCancelled);
    calling_.reset();
  }
  return TakePendingEvent(end, released);
}

absl::Status StreamChannel::Drop(StreamEnd& end) {
  if (end.copying()) {
    return Trap(absl::StrFormat("drop of a %s stream end with a copy in flight (state %s)",
                                EndName(end), CopyStateName(end.state)));
  }
  end.dropped = true;
  if (!shared_dropped_) {
    shared_dropped_ = true;
    if (pending_ != Pending::kNone) NotifyPending(rt::CopyResult::kDropped);
  }
  return absl::OkStatus();
}

uint32_t StreamChannel::TakePendingEvent(StreamEnd& end, StreamBuffer* released) {
  const rt::CopyResult result = *end.pending_event;
  end.pending_event.reset();
  if (end.event_releases_pending && PendingEnd() == &end) pending_ = Pending::kNone;
  end.event_releases_pending = false;
  end.state = result == rt::CopyResult::kDropped ? CopyState::kDone : CopyState::kIdle;
  const uint32_t progress = end.buffer ? end.buffer->progress : 0;
  if (released != nullptr && end.buffer.has_value()) *released = std::move(*end.buffer);
  end.buffer.reset();
  return rt::ReturnCode::Encode(result, progress);
}

std::string StreamChannel::Describe() const {
  auto end = [](const StreamEnd& e) {
    return absl::StrFormat(
        "%s%s %s%s%s", e.holder == Party::kGuest ? "guest" : "peer",
        e.handle != rt::kNoHandle ? absl::StrFormat("(%u)", e.handle) : "",
        CopyStateName(e.state),
        e.buffer ? absl::StrFormat(" %u/%u", e.buffer->progress, e.buffer->capacity) : "",
        e.dropped ? " dropped" : (e.pending_event ? " event-pending" : ""));
  };
  return absl::StrFormat("s%u stream<%s>: readable %s, writable %s, %u delivered", id_,
                         PayloadKindName(kind_), end(readable_), end(writable_),
                         delivered_.size());
}

}  // namespace fc::model
