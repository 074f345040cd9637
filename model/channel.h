// One channel, future or stream, as the Component Model spec defines it
// (canonical-abi/definitions.py at commit 6d28164, 2026-08-21, with the
// CM#708 fix): two CopyEnds over a shared part that holds at most one
// pending copy.
//
// As in the spec, one design serves both kinds. Shared: the state checks of
// a copy (`stream_copy` / `future_copy`), `cancel_copy`, `drop`, and how a
// pending event is set and delivered (`Waitable.set_pending_event`,
// `get_pending_event`). Per kind, in one marked section of channel.cc:
// the rendezvous (`SharedFutureImpl` moves the one value and forgets both
// copies at once; `SharedStreamImpl` moves min(remaining) elements and
// keeps the waiting copy pending until its event is delivered), the state an
// end reaches after its result, whether a writer may drop unwritten, the
// copy limit, and how a result is encoded (a stream's carries its count).
//
// What the spec says, and this model does, for both kinds unless noted:
// - Only an IDLE end may copy; a second copy, a copy on a DONE end, a cancel
//   with nothing in flight, a second cancel and a drop while copying trap.
// - A copy that finds no other copy waits (BLOCKED); one that meets the
//   other's pending copy completes both (the caller eagerly, the other by
//   event). Copies between two ends of one instance trap unless the payload
//   is a number type.
// - Cancel returns the end's queued result if there is one, else CANCELLED.
// - Dropping an end completes the other's pending copy with DROPPED; a write
//   (any stream copy) after the other end dropped is DROPPED at once.
// - Futures: a writable end may not be dropped before its write finished.
//   Streams: a copy over the copy limit traps; results carry a count.
// Where later revisions differ (model/spec_rules.h), a SpecRules switch
// says which rule a channel follows: what a cancel returns over a queued
// completion, whether the other end's drop turns a queued COMPLETED into
// DROPPED, and whether an idle end in a waitable set hears of that drop.
//
// The channel is a value: no pointer into itself, no listener stored. Each
// call takes the ChannelListener that moves values and learns of events, so
// the mock host can try a move on a copy before choosing one.
#ifndef FUTURECHECK_MODEL_CHANNEL_H_
#define FUTURECHECK_MODEL_CHANNEL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "model/copy_end.h"
#include "model/copy_transition.h"
#include "model/spec_rules.h"
#include "model/value.h"
#include "runtime/return_code.h"

namespace fc::model {

class Channel;

class ChannelListener {
 public:
  virtual ~ChannelListener() = default;
  // Moves `n` elements from the writer's buffer (at its progress) into the
  // reader's (at its progress) and returns them; the channel then advances
  // both buffers' progress. A future moves one.
  virtual std::vector<Value> MoveElements(const Channel& channel, CopyBuffer& writer,
                                          CopyBuffer& reader, uint32_t n) = 0;
  // `end` has an event to deliver. Not called for the end whose own call is
  // returning its result eagerly.
  virtual void OnPendingEvent(Channel& channel, CopyEnd& end) = 0;
  // Whether the guest's `end` sits in a waitable set (CM#720 tells such an
  // idle end of the other end's drop). A listener trying moves on a copy
  // of the channel may answer false: the end it asks about is the one
  // the trial copies or cancels on, never an idle one.
  virtual bool InWaitableSet(const Channel& channel, const CopyEnd& end) const {
    (void)channel;
    (void)end;
    return false;
  }
};

class Channel {
 public:
  // `max_length` is the copy limit of a stream (ignored for a future).
  Channel(ChannelKind kind, uint32_t id, PayloadKind payload, uint32_t max_length = 0,
          SpecRules rules = SpecRules());

  ChannelKind kind() const { return kind_; }
  bool is_stream() const { return kind_ == ChannelKind::kStream; }
  uint32_t id() const { return id_; }
  PayloadKind payload() const { return payload_; }
  // "f3", "s0": how traces and reports name the channel.
  std::string Label() const;
  CopyEnd& readable() { return readable_; }
  CopyEnd& writable() { return writable_; }
  const CopyEnd& readable() const { return readable_; }
  const CopyEnd& writable() const { return writable_; }
  CopyEnd& end(bool readable) { return readable ? readable_ : writable_; }
  const CopyEnd& end(bool readable) const { return readable ? readable_ : writable_; }

  // `{future,stream}.{read,write}` on `end`: the eager result, or BLOCKED.
  // An error status is a trap (kFailedPrecondition) or a model inconsistency
  // (kInternal). An eager result releases the buffer into `released`.
  absl::StatusOr<uint32_t> Copy(CopyEnd& end, CopyBuffer buffer, ChannelListener& listener,
                                CopyBuffer* released);
  // `{future,stream}.cancel-{read,write}`: the end's result, or BLOCKED
  // when `host_blocks` and no result is queued. A blocked cancel leaves the
  // end CANCELLING_COPY with its copy still pending (the other end may yet
  // complete it); its result comes as an event, once FinishCancel or the
  // other end's move sets one. A second cancel meanwhile traps (CM#593),
  // as do a copy and a drop. The runtimes here call the synchronous
  // variant, which waits for that event: the host blocking it shows them
  // only the other end's moves, which LegalOutcomes offers before a cancel.
  absl::StatusOr<uint32_t> Cancel(CopyEnd& end, ChannelListener& listener, CopyBuffer* released,
                                  bool host_blocks = false);
  // The host ends a blocked cancel: the copy is over with CANCELLED (and
  // the count moved so far), as an event.
  absl::Status FinishCancel(CopyEnd& end, ChannelListener& listener);
  // `{future,stream}.drop-{readable,writable}`.
  absl::Status Drop(CopyEnd& end, ChannelListener& listener);
  // Whether the spec lets `end` be dropped now (Drop traps otherwise).
  bool MayDrop(const CopyEnd& end) const;
  // Delivers `end`'s pending event: its state moves on, its buffer is
  // released to `released`, and the encoded result is returned.
  uint32_t TakePendingEvent(CopyEnd& end, CopyBuffer* released = nullptr);

  // What happened, for the oracle: every element that reached the reader,
  // in order (a future: at most one).
  const std::vector<Value>& delivered() const { return delivered_; }
  bool value_delivered() const { return !delivered_.empty(); }
  bool shared_dropped() const { return shared_dropped_; }
  bool reader_dropped() const { return shared_dropped_ && readable_.dropped; }
  // The end whose copy waits on the shared part, if any.
  const CopyEnd* pending_end() const;

  std::string Describe() const;

 private:
  enum class Pending { kNone, kReadable, kWritable };
  CopyEnd* PendingEnd();
  void SetPending(const CopyEnd& end) {
    pending_ = end.readable ? Pending::kReadable : Pending::kWritable;
  }
  // `Waitable.set_pending_event`: `end` gets `result`; the listener hears of
  // it unless `end` is the caller's own (its result is returned eagerly).
  void SetPendingEvent(CopyEnd& end, rt::CopyResult result, bool releases_pending,
                       ChannelListener& listener);
  // `reset_and_notify_pending`: the pending copy is over with `result`.
  void NotifyPending(rt::CopyResult result, ChannelListener& listener);
  // Delivers `end`'s result (eagerly, through a cancel, or as an event),
  // reporting the move from `from` for coverage.
  uint32_t DeliverEvent(CopyEnd& end, CopyBuffer* released, EndState from, TransitionCause cause);
  void Report(const CopyEnd& end, EndState from, EndState to, TransitionCause cause,
              std::optional<uint32_t> code) const;

  // Per kind (channel.cc, "Per-kind rules").
  absl::Status Rendezvous(CopyEnd& end, ChannelListener& listener);
  absl::Status FutureRendezvous(CopyEnd& end, ChannelListener& listener);
  absl::Status StreamRendezvous(CopyEnd& end, ChannelListener& listener);
  CopyState StateAfter(rt::CopyResult result) const;
  uint32_t Encode(rt::CopyResult result, const CopyEnd& end) const;
  // Whether a queued COMPLETED of `end` may be turned into another result
  // (by a cancel or the other end's drop) under these rules.
  bool CompletionMayChange() const;
  // What the other end's drop does to `end` (its copy no longer pending).
  void HearDrop(CopyEnd& end, ChannelListener& listener);

  ChannelKind kind_;
  uint32_t id_;
  PayloadKind payload_;
  uint32_t max_length_;
  SpecRules rules_;
  CopyEnd readable_;
  CopyEnd writable_;
  bool shared_dropped_ = false;
  Pending pending_ = Pending::kNone;
  std::optional<bool> calling_;  // readable? of the end whose own call is running
  std::vector<Value> delivered_;
};

}  // namespace fc::model

#endif  // FUTURECHECK_MODEL_CHANNEL_H_
