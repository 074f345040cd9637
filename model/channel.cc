#include "model/channel.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_format.h"
#include "model/enum_names.h"

namespace fc::model {
namespace {

const char* EndName(const CopyEnd& end) { return end.readable ? "readable" : "writable"; }
const char* CopyName(const CopyEnd& end) { return end.readable ? "read" : "write"; }

absl::Status Trap(std::string message) { return absl::FailedPreconditionError(std::move(message)); }

}  // namespace

const char* ChannelKindName(ChannelKind kind) {
  return kind == ChannelKind::kFuture ? "future" : "stream";
}

char ChannelLetter(ChannelKind kind) { return kind == ChannelKind::kFuture ? 'f' : 's'; }

const char* CopyStateName(CopyState state) {
  static constexpr const char* kNames[] = {"IDLE", "COPYING", "CANCELLING_COPY", "DONE"};
  static_assert(std::size(kNames) == EnumCount(CopyState::kDone));
  return NameIn(kNames, state);
}

Channel::Channel(ChannelKind kind, uint32_t id, PayloadKind payload, uint32_t max_length,
                 SpecRules rules)
    : kind_(kind), id_(id), payload_(payload), max_length_(max_length), rules_(rules) {
  readable_.readable = true;
  writable_.readable = false;
}

std::string Channel::Label() const { return absl::StrFormat("%c%u", ChannelLetter(kind_), id_); }

CopyEnd* Channel::PendingEnd() {
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

const CopyEnd* Channel::pending_end() const { return const_cast<Channel*>(this)->PendingEnd(); }

void Channel::Report(const CopyEnd& end, EndState from, EndState to, TransitionCause cause,
                     std::optional<uint32_t> code) const {
  ReportCopyTransition(CopyTransition{kind_, end.readable, end.holder, from, to, cause, code});
}

// ------------------------------------------------------ shared by both kinds --

void Channel::SetPendingEvent(CopyEnd& end, rt::CopyResult result, bool releases_pending,
                              ChannelListener& listener) {
  end.pending_event = result;
  end.event_releases_pending = releases_pending;
  if (!(calling_.has_value() && *calling_ == end.readable)) listener.OnPendingEvent(*this, end);
}

void Channel::NotifyPending(rt::CopyResult result, ChannelListener& listener) {
  CopyEnd* pending = PendingEnd();
  pending_ = Pending::kNone;
  SetPendingEvent(*pending, result, /*releases_pending=*/false, listener);
}

// `stream_copy` / `future_copy`: the checks every copy makes, then the
// shared part's read or write.
absl::StatusOr<uint32_t> Channel::Copy(CopyEnd& end, CopyBuffer buffer, ChannelListener& listener,
                                       CopyBuffer* released) {
  if (end.state != CopyState::kIdle) {
    return Trap(absl::StrFormat("%s.%s on a %s end in state %s (only IDLE may copy)",
                                ChannelKindName(kind_), CopyName(end), EndName(end),
                                CopyStateName(end.state)));
  }
  if (!is_stream() && buffer.capacity != 1) {
    return absl::InternalError("model: a future's copy has a buffer of one element");
  }
  if (is_stream() && buffer.capacity > max_length_) {
    return Trap(absl::StrFormat("stream.%s of %u elements, over the limit of %u", CopyName(end),
                                buffer.capacity, max_length_));
  }
  end.state = CopyState::kCopying;
  end.buffer = std::move(buffer);
  calling_ = end.readable;
  absl::Status status = absl::OkStatus();
  if (shared_dropped_) {
    // The other end is gone. A future's reader can never get here: its
    // writer drops only after the value moved, and then the reader is DONE.
    if (!is_stream() && end.readable) {
      status = absl::InternalError("model: read after the writable end was dropped");
    } else {
      SetPendingEvent(end, rt::CopyResult::kDropped, false, listener);
    }
  } else if (pending_ == Pending::kNone) {
    SetPending(end);
  } else if (PendingEnd() == &end) {
    status = absl::InternalError("model: an idle end is still the pending copy");
  } else {
    status = Rendezvous(end, listener);
  }
  calling_.reset();
  if (!status.ok()) return status;
  if (!end.pending_event.has_value()) {
    Report(end, EndState::kIdle, EndState::kCopying, TransitionCause::kCopyBlocked, rt::kBlocked);
    return rt::kBlocked;
  }
  return DeliverEvent(end, released, EndState::kIdle, TransitionCause::kCopyEager);
}

// `cancel_copy`: the end's queued result wins over CANCELLED (before
// CM#719). With nothing queued the shared part cancels the pending copy at
// once, unless the host blocks the cancel (`host_blocks`).
absl::StatusOr<uint32_t> Channel::Cancel(CopyEnd& end, ChannelListener& listener,
                                         CopyBuffer* released, bool host_blocks) {
  if (end.state == CopyState::kCancellingCopy) {
    return Trap(absl::StrFormat("%s.cancel-%s twice", ChannelKindName(kind_), CopyName(end)));
  }
  if (end.state != CopyState::kCopying) {
    return Trap(absl::StrFormat("%s.cancel-%s with no copy in flight (state %s)",
                                ChannelKindName(kind_), CopyName(end), CopyStateName(end.state)));
  }
  end.state = CopyState::kCancellingCopy;
  Report(end, EndState::kCopying, EndState::kCancellingCopy, TransitionCause::kCancel,
         std::nullopt);
  if (!end.pending_event.has_value()) {
    if (PendingEnd() != &end)
      return absl::InternalError("model: copying end is not the pending one");
    // The spec's `cancel_copy` returns BLOCKED when the cancel does not
    // finish at once; the copy stays pending until FinishCancel or the
    // other end's move ends it.
    if (host_blocks) return rt::kBlocked;
    calling_ = end.readable;
    NotifyPending(rt::CopyResult::kCancelled, listener);
    calling_.reset();
  }
  return DeliverEvent(end, released, EndState::kCancellingCopy, TransitionCause::kCancelResult);
}

absl::Status Channel::FinishCancel(CopyEnd& end, ChannelListener& listener) {
  if (end.state != CopyState::kCancellingCopy || end.pending_event.has_value()) {
    return absl::InternalError("model: no blocked cancel to finish");
  }
  if (PendingEnd() != &end) return absl::InternalError("model: cancelling end is not pending");
  NotifyPending(rt::CopyResult::kCancelled, listener);
  return absl::OkStatus();
}

// `CopyEnd.drop` and the shared part's `drop`.
absl::Status Channel::Drop(CopyEnd& end, ChannelListener& listener) {
  if (end.copying()) {
    return Trap(absl::StrFormat("drop of a %s %s end with a copy in flight (state %s)",
                                EndName(end), ChannelKindName(kind_), CopyStateName(end.state)));
  }
  if (!MayDrop(end)) {
    return Trap(absl::StrFormat("drop of a writable future end that never wrote a value (state %s)",
                                CopyStateName(end.state)));
  }
  end.dropped = true;
  Report(end, ToEndState(end.state), EndState::kDropped, TransitionCause::kDrop, std::nullopt);
  if (!shared_dropped_) {
    shared_dropped_ = true;
    if (pending_ != Pending::kNone) {
      // A future writer drops only once its write is done, so never under
      // a waiting read.
      if (!is_stream() && pending_ == Pending::kReadable) {
        return absl::InternalError("model: writer dropped under a read");
      }
      NotifyPending(rt::CopyResult::kDropped, listener);
    }
    HearDrop(this->end(!end.readable), listener);
  }
  // An event an idle end got (CM#720) goes with it: nothing awaits it.
  end.pending_event.reset();
  return absl::OkStatus();
}

// After the other end dropped, by revision: a COMPLETED not yet delivered
// becomes DROPPED with its count (CM#719), and an idle end in a waitable
// set gets a DROPPED event of its own (CM#720). 6d28164 leaves both to
// the end's next copy, which returns DROPPED at once.
void Channel::HearDrop(CopyEnd& end, ChannelListener& listener) {
  if (end.dropped || end.holder != Party::kGuest) return;
  if (end.pending_event == rt::CopyResult::kCompleted &&
      rules_.dropped_replaces_queued_completion && CompletionMayChange()) {
    end.pending_event = rt::CopyResult::kDropped;
    return;
  }
  if (end.state == CopyState::kIdle && !end.pending_event.has_value() &&
      rules_.idle_end_in_set_hears_drop && listener.InWaitableSet(*this, end)) {
    SetPendingEvent(end, rt::CopyResult::kDropped, /*releases_pending=*/false, listener);
  }
}

uint32_t Channel::TakePendingEvent(CopyEnd& end, CopyBuffer* released) {
  return DeliverEvent(end, released, ToEndState(end.state), TransitionCause::kEvent);
}

// `get_pending_event` and the copy's event closure: the end's state moves
// on, its buffer goes back to its owner, and the pending copy is released
// if this event ends it.
uint32_t Channel::DeliverEvent(CopyEnd& end, CopyBuffer* released, EndState from,
                               TransitionCause cause) {
  rt::CopyResult result = *end.pending_event;
  if (end.state == CopyState::kCancellingCopy && result == rt::CopyResult::kCompleted &&
      !rules_.cancel_returns_queued_completion && CompletionMayChange()) {
    // CM#719: after a cancel, CANCELLED with the count moved so far wins.
    result = rt::CopyResult::kCancelled;
  }
  end.pending_event.reset();
  if (end.event_releases_pending && PendingEnd() == &end) pending_ = Pending::kNone;
  end.event_releases_pending = false;
  end.state = StateAfter(result);
  const uint32_t code = Encode(result, end);
  if (released != nullptr && end.buffer.has_value()) *released = std::move(*end.buffer);
  end.buffer.reset();
  Report(end, from, ToEndState(end.state), cause, code);
  return code;
}

std::string Channel::Describe() const {
  auto describe = [this](const CopyEnd& e) {
    return absl::StrFormat(
        "%s%s %s%s%s", e.holder == Party::kGuest ? "guest" : "peer",
        e.handle != rt::kNoHandle ? absl::StrFormat("(%u)", e.handle) : "", CopyStateName(e.state),
        is_stream() && e.buffer ? absl::StrFormat(" %u/%u", e.buffer->progress, e.buffer->capacity)
                                : "",
        e.dropped ? " dropped" : (e.pending_event ? " event-pending" : ""));
  };
  if (is_stream()) {
    return absl::StrFormat("%s stream<%s>: readable %s, writable %s, %u delivered", Label(),
                           PayloadKindName(payload_), describe(readable_), describe(writable_),
                           delivered_.size());
  }
  return absl::StrFormat("%s future<%s>: readable %s, writable %s%s", Label(),
                         PayloadKindName(payload_), describe(readable_), describe(writable_),
                         value_delivered() ? ", value delivered" : "");
}

// ---------------------------------------------------------- per-kind rules --
// Everything below is where futures and streams really differ in the spec.

// A future's writer must finish its one write before it may drop
// (futures-must-write); a stream's ends may drop whenever idle.
bool Channel::MayDrop(const CopyEnd& end) const {
  if (end.copying()) return false;
  return is_stream() || end.readable || end.state == CopyState::kDone;
}

// The state an end reaches when its result is delivered. A future's copy
// is over unless it was cancelled; a stream's end may copy again unless the
// other end dropped.
CopyState Channel::StateAfter(rt::CopyResult result) const {
  if (is_stream()) return result == rt::CopyResult::kDropped ? CopyState::kDone : CopyState::kIdle;
  return result == rt::CopyResult::kCancelled ? CopyState::kIdle : CopyState::kDone;
}

// A future's completion means its one value moved, so it is final unless the
// rules say otherwise (spec_rules.h says why); a stream's COMPLETED(n) may
// turn into CANCELLED(n) or DROPPED(n) with the same n moved.
bool Channel::CompletionMayChange() const {
  return is_stream() || !rules_.future_completion_is_final;
}

// A stream's result carries the count its buffer moved; a future's none.
uint32_t Channel::Encode(rt::CopyResult result, const CopyEnd& end) const {
  if (!is_stream()) return rt::ReturnCode::Encode(result);
  return rt::ReturnCode::Encode(result, end.buffer ? end.buffer->progress : 0);
}

absl::Status Channel::Rendezvous(CopyEnd& end, ChannelListener& listener) {
  const CopyEnd& waiting = *PendingEnd();
  // Same-instance copies of anything but numbers trap ("temporary" in the spec).
  if (end.holder == waiting.holder && !IsNumberPayload(payload_)) {
    return Trap(absl::StrFormat("%s<%s> copy between two ends of the same instance",
                                ChannelKindName(kind_), PayloadKindName(payload_)));
  }
  return is_stream() ? StreamRendezvous(end, listener) : FutureRendezvous(end, listener);
}

// `SharedFutureImpl.read` / `.write` meeting the other's pending copy: the
// value moves, and both copies are over at once.
absl::Status Channel::FutureRendezvous(CopyEnd& end, ChannelListener& listener) {
  CopyEnd& waiting = *PendingEnd();
  CopyBuffer& writer = end.readable ? *waiting.buffer : *end.buffer;
  CopyBuffer& reader = end.readable ? *end.buffer : *waiting.buffer;
  for (Value& v : listener.MoveElements(*this, writer, reader, 1))
    delivered_.push_back(std::move(v));
  ++writer.progress;
  ++reader.progress;
  NotifyPending(rt::CopyResult::kCompleted, listener);
  SetPendingEvent(end, rt::CopyResult::kCompleted, false, listener);
  return absl::OkStatus();
}

// `SharedStreamImpl.read` / `.write` meeting the other's pending copy.
// - Both have room: min(remaining) elements move; the caller completes, and
//   the waiting copy gets a COMPLETED event but stays pending (more may be
//   moved into or out of its buffer) until that event is delivered.
// - Two zero-length copies: the writer completes, the reader keeps waiting.
// - The waiting copy has nothing left to give or take: it completes, and
//   the new copy waits in its place.
absl::Status Channel::StreamRendezvous(CopyEnd& end, ChannelListener& listener) {
  CopyEnd& waiting = *PendingEnd();
  CopyBuffer& mine = *end.buffer;
  CopyBuffer& theirs = *waiting.buffer;
  if (theirs.remain() > 0) {
    if (mine.remain() > 0) {
      const uint32_t n = std::min(mine.remain(), theirs.remain());
      CopyBuffer& writer = end.readable ? theirs : mine;
      CopyBuffer& reader = end.readable ? mine : theirs;
      for (Value& v : listener.MoveElements(*this, writer, reader, n)) {
        delivered_.push_back(std::move(v));
      }
      writer.progress += n;
      reader.progress += n;
      SetPendingEvent(waiting, rt::CopyResult::kCompleted, /*releases_pending=*/true, listener);
    }
    SetPendingEvent(end, rt::CopyResult::kCompleted, false, listener);
    return absl::OkStatus();
  }
  if (!end.readable && mine.capacity == 0 && theirs.capacity == 0) {
    SetPendingEvent(end, rt::CopyResult::kCompleted, false, listener);
    return absl::OkStatus();
  }
  NotifyPending(rt::CopyResult::kCompleted, listener);
  SetPending(end);
  return absl::OkStatus();
}

}  // namespace fc::model
