// One channel of a scenario as the guest program holds it (a future or a
// stream): its ends, the operation in flight, the values handed back. A slot
// applies the actions on its channel, guest's and other end's, and checks
// every result the runtime reports against what the model says happened.
//
// What every channel slot does alike is here, in ChannelSlot: the ends and
// operations it holds, which moves apply when (in a fixed order), the
// dispatch of an action to its move (scenario.h's Move), the other end's
// moves, dropping ends and operations, held-ends-live, and reporting under
// the panic oracle. future_slot.h and stream_slot.h keep what differs per
// kind: the counts a move takes, how a write or read starts, what a result
// must be, the tasks, the state signature.
#ifndef FUTURECHECK_SCENARIO_SLOT_H_
#define FUTURECHECK_SCENARIO_SLOT_H_

#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "model/any_payload.h"
#include "model/channel.h"
#include "model/payloads.h"
#include "model/value.h"
#include "model/violation.h"
#include "runtime/abi.h"
#include "scenario/scenario.h"
#include "scenario/world.h"
#include "sut/channel_ends.h"
#include "sut/runtime_under_test.h"

namespace fc::scenario {

using model::AnyPayload;

// Destroys the object in `slot` now, letting a runtime panic raised by its
// destructor propagate: std::unique_ptr's own reset is noexcept and would
// terminate the harness instead (a delete-expression frees the storage
// whether or not the destructor throws).
template <class U>
void DropNow(std::unique_ptr<U>& slot) {
  delete slot.release();
}

class Slot {
 public:
  // noexcept(false): runtime objects may panic while being destroyed.
  virtual ~Slot() noexcept(false) = default;
  // Performs an action on this slot; an error means it does not apply now.
  virtual absl::Status Apply(const Action& action) = 0;
  // Appends the actions that apply now (`index` is this slot's), in a fixed order.
  virtual void AppendEnabled(uint32_t index, std::vector<Action>& out) const = 0;
  // Destroys everything the guest still holds of this channel.
  virtual void DropAll() = 0;
  // Checks, after teardown, what must hold once the channel is gone.
  virtual void CheckEnd() = 0;
  // What the guest holds, for Session::StateSignature.
  virtual std::string Signature() const = 0;
  // Checks, after every step, that every end the guest program holds (a
  // writer or reader, one handed back by a cancel included) is a live
  // handle of its kind on the host (held-ends-live).
  virtual void CheckHeldEnds() = 0;

  // The host's end of this slot's channel that the guest side holds (the
  // writer's or the reader's), wherever the guest program keeps it: in the
  // slot, or in a task that took it or borrows its operation. A task working
  // on this slot awaits a copy on that end.
  struct HostEnd {
    const model::Channel* channel;
    bool readable;
  };
  virtual HostEnd GuestEnd() const = 0;
  // The host's channel behind this slot.
  virtual model::MockHost::ChannelRef HostChannel() const = 0;

  // Tasks: the task actions that apply to this slot,
  // its payload kind if it can be a relay's source (or target), and starting
  // a task (`target`: a relay's other slot).
  virtual void AppendTaskEnabled(uint32_t, std::vector<Action>&) const {}
  virtual std::optional<model::PayloadKind> RelayKind(bool /*source*/) const {
    return std::nullopt;
  }
  virtual absl::Status StartTask(const Action&, Slot* /*target*/) {
    return absl::InvalidArgumentError("no task runs on this slot");
  }
};

// What every slot shares: its name in traces (f3, s4), reporting results
// and violations, and running polls and cancels under the panic oracle.
class ReportingSlot : public Slot {
 protected:
  ReportingSlot(World& world, uint32_t index, char letter)
      : world_(&world), index_(index), letter_(letter) {}

  // What an action returned, under the action's own line.
  void Result(const std::string& text) const {
    world_->trace.User([&] { return absl::StrFormat("  %c%u => %s", letter_, index_, text); });
  }
  void Violate(model::Invariant invariant, const std::string& text) const {
    world_->trace.Check(
        [&] { return absl::StrFormat("%c%u VIOLATION: %s", letter_, index_, text); });
    world_->log.Add(invariant, absl::StrFormat("%c%u: %s", letter_, index_, text));
  }
  absl::Status Missing(const char* what) const {
    return absl::FailedPreconditionError(
        absl::StrFormat("%c%u: the guest holds no %s", letter_, index_, what));
  }

  // Runs `body` (a poll or cancel), expecting a documented panic or not.
  template <class F>
  void Guard(bool panic_documented, const char* what, F&& body) {
    try {
      body();
    } catch (const sut::RuntimePanic& panic) {
      world_->trace.Runtime(
          [&] { return absl::StrFormat("%c%u PANIC: %s", letter_, index_, panic.message); });
      if (!panic_documented) {
        Violate(model::Invariant::kPanic, absl::StrCat(what, " panicked: ", panic.message));
      }
      return;
    } catch (const std::exception& e) {
      // Not the runtime's panic path: C++ threw from a state it should never
      // have reached (in a real guest, undefined behaviour).
      world_->trace.Runtime(
          [&] { return absl::StrFormat("%c%u EXCEPTION: %s", letter_, index_, e.what()); });
      Violate(model::Invariant::kPanic,
              absl::StrCat(what, " threw ", e.what(), " instead of a runtime panic"));
      return;
    }
    if (panic_documented) {
      Violate(model::Invariant::kPanic,
              absl::StrCat(what, " did not panic, though the operation had finished"));
    }
  }

  // A poll or cancel (`what`: "poll-read", ...) of the operation in `op`
  // (`missing` names it when there is none): polling or cancelling one that
  // finished must panic, as the runtime documents.
  template <class Operation, class F>
  absl::Status PollOrCancel(const std::unique_ptr<Operation>& op, const char* missing,
                            const char* what, F&& body) {
    if (!op) return Missing(missing);
    Guard(Finished(op->state()), what, std::forward<F>(body));
    return absl::OkStatus();
  }

  static bool Finished(sut::OpState state) {
    return state == sut::OpState::kDone || state == sut::OpState::kCancelled;
  }

  // One letter per operation state for signatures: - none, n not started,
  // p in progress, d done, c cancelled.
  template <class Operation>
  static char StateLetter(const std::unique_ptr<Operation>& op) {
    if (!op) return '-';
    switch (op->state()) {
      case sut::OpState::kNotStarted:
        return 'n';
      case sut::OpState::kInProgress:
        return 'p';
      case sut::OpState::kDone:
        return 'd';
      case sut::OpState::kCancelled:
        return 'c';
    }
    return '?';
  }

  World* world_;
  uint32_t index_;

 private:
  char letter_;
};

// The counts offered for a move that takes none (every future move).
inline constexpr uint32_t kNoCount[] = {0};

// A slot of one kind of channel (`kKind`), holding the runtime's ends and
// operations of that kind.
template <model::ChannelKind kKind, class Writer, class Write, class Reader, class Read>
class ChannelSlot : public ReportingSlot {
 public:
  // The session calls DropAll first (where a panic can be reported).
  ~ChannelSlot() override = default;

  absl::Status Apply(const Action& action) final {
    const std::optional<Move> move = MoveOf(action.op);
    if (!move || IsStreamOp(action.op) != (kKind == model::ChannelKind::kStream)) {
      return absl::InvalidArgumentError(kKind == model::ChannelKind::kStream
                                            ? "not an action on a stream"
                                            : "not a guest action on a future");
    }
    model::MockHost& host = world_->host;
    // A stream's peer-read and peer-write carry their count; a future's move one value.
    const uint32_t amount = TakesCount(action.op) ? action.count : 1;
    switch (*move) {
      case Move::kStartWrite:
      case Move::kStartWriteAll:
        return Start(writer_, "writer", Writing(), "free write slot (a write operation exists)",
                     [&] { StartWrite(action); });
      case Move::kPollWrite:
        return PollWrite();
      case Move::kCancelWrite:
        return CancelWrite();
      case Move::kDropWriteOp:
        if (!Writing()) return Missing("write operation");
        DropWrites(/*teardown=*/false);
        return absl::OkStatus();
      case Move::kDropWriter:
        return DropEnd(writer_, "writer");
      case Move::kStartRead:
        return Start(reader_, "reader", read_ != nullptr,
                     "free read slot (a read operation exists)",
                     [&] { read_ = StartRead(action); });
      case Move::kPollRead:
        return PollRead();
      case Move::kCancelRead:
        return CancelRead();
      case Move::kDropReadOp:
        if (!read_) return Missing("read operation");
        DropNow(read_);
        return absl::OkStatus();
      case Move::kDropReader:
        return DropEnd(reader_, "reader");
      case Move::kPeerRead:
        return host.PeerRead(kKind, channel_, amount);
      case Move::kPeerWrite:
        return host.PeerWrite(kKind, channel_, amount);
      case Move::kPeerCancel:
        return host.PeerCancel(kKind, channel_);
      case Move::kPeerDrop:
        return host.PeerDrop(kKind, channel_);
    }
    return absl::InternalError("unknown move");
  }

  // The order is a wire format (fuzz inputs and explorer paths index into
  // it; //fuzz:format_guard_test): the writer's moves, the reader's, then
  // the other end's.
  void AppendEnabled(uint32_t index, std::vector<Action>& out) const final {
    auto offer = [&](Move move) {
      const std::optional<Op> op = OpFor(kKind, move);
      if (!op) return;
      for (uint32_t n : Counts(move)) out.push_back(Action{.op = *op, .slot = index, .count = n});
    };
    if (writer_ && !Writing()) {
      offer(Move::kStartWrite);
      offer(Move::kStartWriteAll);
    }
    if (Writing() && !borrowed_) {
      offer(Move::kPollWrite);
      if (write_) offer(Move::kCancelWrite);  // a write-all cannot be cancelled
      offer(Move::kDropWriteOp);
    }
    if (writer_) offer(Move::kDropWriter);
    if (reader_ && !read_) offer(Move::kStartRead);
    if (read_ && !borrowed_) {
      offer(Move::kPollRead);
      offer(Move::kCancelRead);
      offer(Move::kDropReadOp);
    }
    if (reader_) offer(Move::kDropReader);
    using PeerAction = model::MockHost::PeerAction;
    const model::MockHost& host = world_->host;
    if (host.PeerMay(kKind, channel_, PeerAction::kRead)) offer(Move::kPeerRead);
    if (host.PeerMay(kKind, channel_, PeerAction::kWrite)) offer(Move::kPeerWrite);
    if (host.PeerMay(kKind, channel_, PeerAction::kCancel)) offer(Move::kPeerCancel);
    if (host.PeerMay(kKind, channel_, PeerAction::kDrop)) offer(Move::kPeerDrop);
  }

  void DropAll() final {
    DropNow(read_);
    DropWrites(/*teardown=*/true);
    reader_.reset();
    writer_.reset();
  }

  void CheckHeldEnds() final {
    if (writer_) CheckHeld(writer_->handle(), /*readable=*/false, "writer");
    if (reader_) CheckHeld(reader_->handle(), /*readable=*/true, "reader");
  }

  HostEnd GuestEnd() const final { return {&Channel(), !guest_writes_}; }
  model::MockHost::ChannelRef HostChannel() const final { return {kKind, channel_}; }

 protected:
  // Guest-created (`guest_writes`): the guest keeps the writer of a channel
  // the runtime makes (`create`) and passes the reader to the other side.
  // Otherwise the other side makes one and the runtime takes its reader
  // (`receive`).
  template <class NewEnds>
  ChannelSlot(World& world, uint32_t index, model::PayloadKind payload, bool guest_writes,
              NewEnds (sut::Runtime::*create)(model::PayloadKind),
              std::unique_ptr<Reader> (sut::Runtime::*receive)(model::PayloadKind, rt::Handle))
      : ReportingSlot(world, index, model::ChannelLetter(kKind)),
        payload_(payload),
        guest_writes_(guest_writes) {
    if (guest_writes) {
      NewEnds ends = (*world.runtime.*create)(payload);
      channel_ = world.host.ChannelOf(kKind, ends.writer->handle()).value_or(0);
      writable_handle_ = ends.writer->handle();
      world.host.TransferToPeer(ends.readable);
      writer_ = std::move(ends.writer);
    } else {
      const rt::Handle handle = world.host.Receive(kKind, payload);
      channel_ = world.host.ChannelOf(kKind, handle).value_or(0);
      readable_handle_ = handle;
      reader_ = (*world.runtime.*receive)(payload, handle);
    }
  }

  // ---- what each kind does its own way
  // The counts drivers pick from for `move` (kNoCount: it takes none).
  virtual std::span<const uint32_t> Counts(Move /*move*/) const { return kNoCount; }
  // Starts the write (or write-all) `action` asks for from writer_.
  virtual void StartWrite(const Action& action) = 0;
  // Starts the read `action` asks for from reader_.
  virtual std::unique_ptr<Read> StartRead(const Action& action) = 0;
  virtual absl::Status PollWrite() = 0;
  virtual absl::Status CancelWrite() = 0;
  virtual absl::Status PollRead() = 0;
  virtual absl::Status CancelRead() = 0;
  // Whether a write operation exists (a stream's write-all too).
  virtual bool Writing() const { return write_ != nullptr; }
  // Destroys the write operation(s): drop-write-op, or everything at teardown.
  virtual void DropWrites(bool /*teardown*/) { DropNow(write_); }

  const model::Channel& Channel() const { return world_->host.channel(kKind, channel_); }
  model::Value ValueOf(const AnyPayload& value) const {
    return model::PayloadValue(value, world_->env);
  }

  model::PayloadKind payload_;
  bool guest_writes_;
  bool borrowed_ = false;  // a task-await task polls this slot's operation
  uint32_t channel_ = 0;   // the channel's id on the host
  rt::Handle writable_handle_ = rt::kNoHandle;
  rt::Handle readable_handle_ = rt::kNoHandle;
  std::unique_ptr<Writer> writer_;
  std::unique_ptr<Write> write_;
  std::unique_ptr<Reader> reader_;
  std::unique_ptr<Read> read_;
  // The guest drops a value handed back to it (by a cancel, a dropped
  // reader, a read) as soon as the checks on it are done, as a program with
  // no further use for it would. Destroying it then, not at teardown, makes
  // any harm in it (a resource or memory the runtime still uses) show at
  // the step that handed it back, and leaves no harness-owned values in a
  // state: how many a run was handed back cannot change what happens next,
  // and the explorer's state space stays finite.
  static void DropHandedBack(AnyPayload value) { (void)value; }

 private:
  // Starts an operation from `end` (`what`: "writer", "reader"), which
  // `start` moves into it, unless one exists already (`busy`).
  template <class End, class F>
  absl::Status Start(std::unique_ptr<End>& end, const char* what, bool busy, const char* busy_what,
                     F&& start) {
    if (!end) return Missing(what);
    if (busy) return Missing(busy_what);
    start();
    end.reset();
    return absl::OkStatus();
  }
  // drop-writer, drop-reader (std::unique_ptr's reset, as the guest drops it).
  template <class End>
  absl::Status DropEnd(std::unique_ptr<End>& end, const char* what) {
    if (!end) return Missing(what);
    end.reset();
    return absl::OkStatus();
  }

  // held-ends-live for one end the guest holds (`what`: "writer", "reader").
  void CheckHeld(rt::Handle handle, bool readable, const char* what) const {
    if (std::optional<std::string> problem =
            world_->host.HeldEndProblem(handle, kKind, readable, channel_)) {
      Violate(model::Invariant::kHeldEnd,
              absl::StrCat("the guest program holds a ", what, ", but ", *problem));
    }
  }
};

}  // namespace fc::scenario

#endif  // FUTURECHECK_SCENARIO_SLOT_H_
