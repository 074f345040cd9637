#include "model/future_channel.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "model/copy_transition.h"

namespace fc::model {
namespace {

const char* EndName(const FutureEnd& end) { return end.readable ? "readable" : "writable"; }

absl::Status Trap(std::string message) {
  return absl::FailedPreconditionError(std::move(message));
}

// Delivers `end`'s pending result (eagerly, through a cancel, or as an
// event), reporting the move from `from` for coverage.
uint32_t TakeEvent(FutureEnd& end, CopyBuffer* released, EndState from, TransitionCause cause) {
  const rt::CopyResult result = *end.pending_event;
  end.pending_event.reset();
  end.state = (result == rt::CopyResult::kCancelled) ? CopyState::kIdle : CopyState::kDone;
  if (released != nullptr && end.buffer.has_value()) *released = std::move(*end.buffer);
  end.buffer.reset();
  const uint32_t code = rt::ReturnCode::Encode(result);
  ReportCopyTransition(end, from, ToEndState(end.state), cause, code);
  return code;
}

}  // namespace

const char* CopyStateName(CopyState state) {
  switch (state) {
    case CopyState::kIdle:
      return "IDLE";
    case CopyState::kCopying:
      return "COPYING";
    case CopyState::kCancellingCopy:
      return "CANCELLING_COPY";
    case CopyState::kDone:
      return "DONE";
  }
  return "?";
}

void FutureChannel::SetPendingEvent(FutureEnd& end, rt::CopyResult result) {
  end.pending_event = result;
  if (&end != calling_) listener_->OnPendingEvent(*this, end);
}

void FutureChannel::NotifyPending(rt::CopyResult result) {
  FutureEnd* pending = std::exchange(pending_, nullptr);
  SetPendingEvent(*pending, result);
}

absl::Status FutureChannel::Rendezvous(FutureEnd& end) {
  FutureEnd& waiting = *pending_;
  // Same-instance copies of anything but numbers trap ("temporary" in the spec).
  if (end.holder == waiting.holder && !IsNumberPayload(kind_)) {
    return Trap(absl::StrFormat("future<%s> copy between two ends of the same instance",
                                PayloadKindName(kind_)));
  }
  FutureEnd& writer = end.readable ? waiting : end;
  FutureEnd& reader = end.readable ? end : waiting;
  delivered_value_ = listener_->MoveValue(*this, *writer.buffer, *reader.buffer);
  value_delivered_ = true;
  NotifyPending(rt::CopyResult::kCompleted);
  SetPendingEvent(end, rt::CopyResult::kCompleted);
  return absl::OkStatus();
}

absl::StatusOr<uint32_t> FutureChannel::Copy(FutureEnd& end, CopyBuffer buffer,
                                             CopyBuffer* released) {
  if (end.state != CopyState::kIdle) {
    return Trap(absl::StrFormat("future.%s on a %s end in state %s (only IDLE may copy)",
                                end.readable ? "read" : "write", EndName(end),
                                CopyStateName(end.state)));
  }
  end.state = CopyState::kCopying;
  end.buffer = std::move(buffer);
  calling_ = &end;
  absl::Status status = absl::OkStatus();
  if (!end.readable && shared_dropped_) {
    SetPendingEvent(end, rt::CopyResult::kDropped);
  } else if (end.readable && shared_dropped_) {
    status = absl::InternalError("model: read after the writable end was dropped");
  } else if (pending_ == nullptr) {
    pending_ = &end;
  } else {
    status = Rendezvous(end);
  }
  calling_ = nullptr;
  if (!status.ok()) return status;
  if (!end.pending_event.has_value()) {
    ReportCopyTransition(end, EndState::kIdle, EndState::kCopying, TransitionCause::kCopyBlocked,
                         rt::kBlocked);
    return rt::kBlocked;
  }
  return TakeEvent(end, released, EndState::kIdle, TransitionCause::kCopyEager);
}

absl::StatusOr<uint32_t> FutureChannel::Cancel(FutureEnd& end, CopyBuffer* released) {
  if (end.state == CopyState::kCancellingCopy) {
    return Trap(absl::StrFormat("future.cancel-%s twice", end.readable ? "read" : "write"));
  }
  if (end.state != CopyState::kCopying) {
    return Trap(absl::StrFormat("future.cancel-%s with no copy in flight (state %s)",
                                end.readable ? "read" : "write", CopyStateName(end.state)));
  }
  end.state = CopyState::kCancellingCopy;
  ReportCopyTransition(end, EndState::kCopying, EndState::kCancellingCopy, TransitionCause::kCancel,
                       std::nullopt);
  if (!end.pending_event.has_value()) {
    if (pending_ != &end) return absl::InternalError("model: copying end is not the pending one");
    calling_ = &end;
    NotifyPending(rt::CopyResult::kCancelled);
    calling_ = nullptr;
  }
  return TakeEvent(end, released, EndState::kCancellingCopy, TransitionCause::kCancelResult);
}

absl::Status FutureChannel::Drop(FutureEnd& end) {
  if (end.copying()) {
    return Trap(absl::StrFormat("drop of a %s future end with a copy in flight (state %s)",
                                EndName(end), CopyStateName(end.state)));
  }
  if (!end.readable && end.state != CopyState::kDone) {
    return Trap(absl::StrFormat(
        "drop of a writable future end that never wrote a value (state %s)",
        CopyStateName(end.state)));
  }
  end.dropped = true;
  ReportCopyTransition(end, ToEndState(end.state), EndState::kDropped, TransitionCause::kDrop,
                       std::nullopt);
  if (!shared_dropped_) {
    shared_dropped_ = true;
    if (pending_ != nullptr) {
      if (pending_->readable) return absl::InternalError("model: writer dropped under a read");
      NotifyPending(rt::CopyResult::kDropped);
    }
  }
  return absl::OkStatus();
}

uint32_t FutureChannel::TakePendingEvent(FutureEnd& end, CopyBuffer* released) {
  return TakeEvent(end, released, ToEndState(end.state), TransitionCause::kEvent);
}

std::string FutureChannel::Describe() const {
  auto end = [](const FutureEnd& e) {
    return absl::StrFormat("%s%s %s%s", e.holder == Party::kGuest ? "guest" : "peer",
                           e.handle != rt::kNoHandle ? absl::StrFormat("(%u)", e.handle) : "",
                           CopyStateName(e.state),
                           e.dropped ? " dropped" : (e.pending_event ? " event-pending" : ""));
  };
  return absl::StrFormat("f%u future<%s>: readable %s, writable %s%s", id_, PayloadKindName(kind_),
                         end(readable_), end(writable_),
                         value_delivered_ ? ", value delivered" : "");
}

}  // namespace fc::model
