// One future of a scenario as the guest program holds it: its writer or
// reader, the operation in flight, the values handed back. Applies guest
// actions to the runtime and checks every result the runtime reports
// against what the model says the other end really did.
#ifndef FUTURECHECK_SCENARIO_FUTURE_SLOT_H_
#define FUTURECHECK_SCENARIO_FUTURE_SLOT_H_

#include <exception>
#include <memory>
#include <optional>
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
#include "scenario/scenario.h"
#include "scenario/slot.h"
#include "scenario/world.h"
#include "sut/channel_ends.h"
#include "sut/runtime_under_test.h"
#include "sut/task_reports.h"

namespace fc::scenario {

using model::AnyPayload;

class FutureSlot final : public ReportingSlot, public sut::FutureTaskReports {
 public:
  // Guest-created (`guest_writes`): the guest keeps the writer and passes
  // the reader to the other side. Otherwise the guest receives a reader.
  FutureSlot(World& world, uint32_t index, model::PayloadKind kind, bool guest_writes)
      : ReportingSlot(world, index, 'f'), kind_(kind), guest_writes_(guest_writes) {
    if (guest_writes) {
      sut::NewFuture ends = world.runtime->CreateFuture(kind);
      channel_ =
          world.host.ChannelOf(model::ChannelKind::kFuture, ends.writer->handle()).value_or(0);
      writable_handle_ = ends.writer->handle();
      world.host.TransferToPeer(ends.readable);
      writer_ = std::move(ends.writer);
    } else {
      const rt::Handle handle = world.host.Receive(model::ChannelKind::kFuture, kind);
      channel_ = world.host.ChannelOf(model::ChannelKind::kFuture, handle).value_or(0);
      readable_handle_ = handle;
      reader_ = world.runtime->ReceiveFuture(kind, handle);
    }
  }

  // The session calls DropAll first (where a panic can be reported).
  ~FutureSlot() override = default;

  absl::Status Apply(const Action& action) override {
    model::MockHost& host = world_->host;
    switch (action.op) {
      case Op::kPeerRead:
        return host.PeerRead(model::ChannelKind::kFuture, channel_);
      case Op::kPeerWrite:
        return host.PeerWrite(model::ChannelKind::kFuture, channel_);
      case Op::kPeerCancel:
        return host.PeerCancel(model::ChannelKind::kFuture, channel_);
      case Op::kPeerDrop:
        return host.PeerDrop(model::ChannelKind::kFuture, channel_);
      case Op::kWrite:
        return Write();
      case Op::kPollWrite:
        return PollWrite();
      case Op::kCancelWrite:
        return CancelWrite();
      case Op::kDropWrite:
        if (!write_) return Missing("write operation");
        DropNow(write_);
        return absl::OkStatus();
      case Op::kDropWriter:
        if (!writer_) return Missing("writer");
        writer_.reset();
        return absl::OkStatus();
      case Op::kRead:
        return Read();
      case Op::kPollRead:
        return PollRead();
      case Op::kCancelRead:
        return CancelRead();
      case Op::kDropRead:
        if (!read_) return Missing("read operation");
        DropNow(read_);
        return absl::OkStatus();
      case Op::kDropReader:
        if (!reader_) return Missing("reader");
        reader_.reset();
        return absl::OkStatus();
      default:
        return absl::InvalidArgumentError("not a guest action on a future");
    }
  }

  void AppendEnabled(uint32_t index, std::vector<Action>& out) const override {
    for (Op op : EnabledOps()) out.push_back(Action{op, index});
    using PeerAction = model::MockHost::PeerAction;
    const model::MockHost& host = world_->host;
    if (host.PeerMay(model::ChannelKind::kFuture, channel_, PeerAction::kRead))
      out.push_back(Action{Op::kPeerRead, index});
    if (host.PeerMay(model::ChannelKind::kFuture, channel_, PeerAction::kWrite))
      out.push_back(Action{Op::kPeerWrite, index});
    if (host.PeerMay(model::ChannelKind::kFuture, channel_, PeerAction::kCancel))
      out.push_back(Action{Op::kPeerCancel, index});
    if (host.PeerMay(model::ChannelKind::kFuture, channel_, PeerAction::kDrop))
      out.push_back(Action{Op::kPeerDrop, index});
  }

  // Every future the guest wrote ends with its value delivered or its reader
  // gone: the spec's write-before-drop rule, as an outcome.
  void CheckEnd() override {
    if (!guest_writes_) return;
    const model::Channel& ch = Channel();
    if (!ch.value_delivered() && !ch.reader_dropped()) {
      Violate(model::Invariant::kOutcome, "the writer went away without delivering a value");
    }
  }

  std::vector<Op> EnabledOps() const {
    std::vector<Op> ops;
    if (writer_ && !write_) ops.push_back(Op::kWrite);
    if (write_ && !borrowed_) {
      ops.insert(ops.end(), {Op::kPollWrite, Op::kCancelWrite, Op::kDropWrite});
    }
    if (writer_) ops.push_back(Op::kDropWriter);
    if (reader_ && !read_) ops.push_back(Op::kRead);
    if (read_ && !borrowed_) {
      ops.insert(ops.end(), {Op::kPollRead, Op::kCancelRead, Op::kDropRead});
    }
    if (reader_) ops.push_back(Op::kDropReader);
    return ops;
  }

  std::string Signature() const override {
    return absl::StrFormat("%c%s:W%dw%cR%dr%c:h%u%s", guest_writes_ ? 'w' : 'r',
                           model::PayloadKindName(kind_), writer_ ? 1 : 0,
                           StateLetter(write_), reader_ ? 1 : 0, StateLetter(read_), held_.size(),
                           borrowed_ ? "b" : "");
  }

  void CheckHeldEnds() override {
    constexpr bool kStream = false;
    if (writer_) CheckHeld(writer_->handle(), kStream, /*readable=*/false, channel_, "writer");
    if (reader_) CheckHeld(reader_->handle(), kStream, /*readable=*/true, channel_, "reader");
  }

  HostEnd GuestEnd() const override { return {&Channel(), !guest_writes_}; }

  // ---- tasks
  void AppendTaskEnabled(uint32_t index, std::vector<Action>& out) const override {
    if (reader_) out.push_back(Action{Op::kTaskRead, index});
    if (writer_) out.push_back(Action{Op::kTaskWrite, index});
    if (!borrowed_ && (Awaitable(read_) || Awaitable(write_))) {
      out.push_back(Action{Op::kTaskAwait, index});
    }
    if (writer_) out.push_back(Action{Op::kTaskDropWriter, index});
  }
  std::optional<model::PayloadKind> RelayKind(bool source) const override {
    if (source ? reader_ != nullptr : writer_ != nullptr) return kind_;
    return std::nullopt;
  }
  absl::Status StartTask(const Action& action, Slot* target) override {
    sut::Runtime& runtime = *world_->runtime;
    switch (action.op) {
      case Op::kTaskRead: {
        if (!reader_) return Missing("reader");
        sut::TaskRecord* task = world_->StartTask('r', index_);
        runtime.SpawnFutureRead(*task, *this, std::move(reader_));
        return absl::OkStatus();
      }
      case Op::kTaskWrite:
      case Op::kTaskDropWriter: {
        if (!writer_) return Missing("writer");
        const bool write = action.op == Op::kTaskWrite;
        sut::TaskRecord* task = world_->StartTask(write ? 'w' : 'd', index_);
        if (write) {
          runtime.SpawnFutureWrite(*task, *this, std::move(writer_));
        } else {
          runtime.SpawnFutureDropWriter(*task, std::move(writer_));
        }
        return absl::OkStatus();
      }
      case Op::kTaskRelay: {
        auto* to = dynamic_cast<FutureSlot*>(target);
        if (to == nullptr || to == this || to->kind_ != kind_) {
          return absl::FailedPreconditionError("task-relay needs another future of the same type");
        }
        if (!reader_) return Missing("reader");
        if (!to->writer_) return to->Missing("writer");
        sut::TaskRecord* task = world_->StartTask('l', index_);
        task->target = to->index_;
        runtime.SpawnFutureRelay(*task, *this, std::move(reader_), *to, std::move(to->writer_));
        return absl::OkStatus();
      }
      case Op::kTaskAwait: {
        if (borrowed_) return Missing("operation free to borrow (a task has it)");
        if (Awaitable(read_)) {
          sut::TaskRecord* task = world_->StartTask('a', index_);
          runtime.SpawnAwaitRead(*task, *this, *read_, &borrowed_);
          return absl::OkStatus();
        }
        if (Awaitable(write_)) {
          sut::TaskRecord* task = world_->StartTask('a', index_);
          runtime.SpawnAwaitWrite(*task, *this, *write_, &borrowed_);
          return absl::OkStatus();
        }
        return Missing("unfinished read or write operation");
      }
      default:
        return absl::InvalidArgumentError("not a task action on a future");
    }
  }

  // ---- FutureTaskReports
  AnyPayload MakeValue() override {
    AnyPayload value = model::MakePayload(kind_, world_->env, world_->next_serial++);
    written_ = ValueOf(value);
    return value;
  }
  void WillWrite(const AnyPayload& value) override { written_ = ValueOf(value); }
  void TaskRead(const sut::TaskRecord& task, const AnyPayload& value) override {
    Result(absl::StrFormat("t%u read %s", task.host_task, ValueOf(value).ToString()));
    CheckReadValue(value, "the task's read returned");
  }
  void Keep(AnyPayload value) override { held_.push_back(std::move(value)); }
  void TaskWrote(const sut::TaskRecord& task, sut::FutureWriteOutcome outcome) override {
    ReportWriteOutcome(absl::StrFormat("t%u: ", task.host_task), std::move(outcome));
  }

  void DropAll() override {
    DropNow(read_);
    DropNow(write_);
    reader_.reset();
    writer_.reset();
    held_.clear();
  }

 private:
  const model::Channel& Channel() const {
    return world_->host.channel(model::ChannelKind::kFuture, channel_);
  }
  model::Value ValueOf(const AnyPayload& value) const {
    return model::PayloadValue(value, world_->env);
  }

  // The value handed back must be the one written, unchanged.
  void CheckSameValue(const std::optional<AnyPayload>& value, const char* what) {
    if (!value.has_value()) {
      Violate(model::Invariant::kOutcome, absl::StrCat(what, " without the value"));
    } else if (ValueOf(*value) != written_) {
      Violate(model::Invariant::kOutcome,
              absl::StrFormat("%s with %s, but %s was written", what, ValueOf(*value).ToString(),
                              written_.ToString()));
    }
  }

  absl::Status Write() {
    if (!writer_) return Missing("writer");
    if (write_) return Missing("free write slot (a write operation exists)");
    AnyPayload value = model::MakePayload(kind_, world_->env, world_->next_serial++);
    written_ = ValueOf(value);
    Result(absl::StrCat("writing ", written_.ToString()));
    write_ = writer_->Write(std::move(value));
    writer_.reset();
    return absl::OkStatus();
  }

  absl::Status PollWrite() {
    if (!write_) return Missing("write operation");
    const bool documented = Finished(write_->state());
    Guard(documented, "poll-write", [&] {
      std::optional<sut::FutureWriteOutcome> outcome = write_->Poll();
      if (!outcome.has_value()) {
        Result("pending");
        return;
      }
      ReportWriteOutcome("", std::move(*outcome));
    });
    return absl::OkStatus();
  }

  // Checks a finished write's outcome against what the reader really did.
  void ReportWriteOutcome(const std::string& who, sut::FutureWriteOutcome outcome) {
    const model::Channel& ch = Channel();
    if (outcome.written) {
      Result(absl::StrCat(who, "written"));
      if (!ch.value_delivered()) {
        Violate(model::Invariant::kOutcome, "write reported written, but no reader took it");
      } else if (ch.delivered().front() != written_) {
        Violate(model::Invariant::kOutcome,
                absl::StrFormat("reader got %s, but %s was written",
                                ch.delivered().front().ToString(), written_.ToString()));
      }
      return;
    }
    Result(absl::StrCat(who, "reader dropped, value back: ",
                        outcome.value ? ValueOf(*outcome.value).ToString() : "none"));
    if (ch.value_delivered() || !ch.reader_dropped()) {
      Violate(model::Invariant::kOutcome,
              "write reported the reader dropped, but the reader is alive or took the value");
    }
    CheckSameValue(outcome.value, "write reported the reader dropped");
    if (outcome.value) held_.push_back(std::move(*outcome.value));
  }

  absl::Status CancelWrite() {
    if (!write_) return Missing("write operation");
    const bool documented = Finished(write_->state());
    Guard(documented, "cancel-write", [&] {
      sut::FutureWriteCancel result = write_->Cancel();
      const model::Channel& ch = Channel();
      using Kind = sut::FutureWriteCancel::Kind;
      switch (result.kind) {
        case Kind::kAlreadySent:
          Result("already sent");
          if (!ch.value_delivered()) {
            Violate(model::Invariant::kOutcome,
                    "cancel said AlreadySent, but the reader never took the value");
          }
          break;
        case Kind::kDropped:
          Result(absl::StrCat("reader dropped, value back: ",
                            result.value ? ValueOf(*result.value).ToString() : "none"));
          if (ch.value_delivered() || !ch.reader_dropped()) {
            Violate(model::Invariant::kOutcome,
                    "cancel said Dropped, but the reader is alive or took the value");
          }
          CheckSameValue(result.value, "cancel said Dropped");
          break;
        case Kind::kCancelled:
          Result(absl::StrCat("cancelled, value back: ",
                            result.value ? ValueOf(*result.value).ToString() : "none"));
          if (ch.value_delivered()) {
            Violate(model::Invariant::kOutcome,
                    "cancel said Cancelled, but the reader took the value");
          }
          CheckSameValue(result.value, "cancel said Cancelled");
          if (result.writer == nullptr) {
            Violate(model::Invariant::kOutcome, "cancel said Cancelled but gave no writer back");
          } else if (result.writer->handle() != writable_handle_ ||
                     ch.writable().state != model::CopyState::kIdle) {
            Violate(model::Invariant::kOutcome,
                    absl::StrFormat("the writer handed back (handle %u, end %s) cannot write again",
                                    result.writer->handle(),
                                    model::CopyStateName(ch.writable().state)));
          }
          break;
      }
      if (result.value) held_.push_back(std::move(*result.value));
      if (result.writer) writer_ = std::move(result.writer);
    });
    return absl::OkStatus();
  }

  absl::Status Read() {
    if (!reader_) return Missing("reader");
    if (read_) return Missing("free read slot (a read operation exists)");
    read_ = reader_->Read();
    reader_.reset();
    return absl::OkStatus();
  }

  void CheckReadValue(const AnyPayload& value, const char* what) {
    const model::Channel& ch = Channel();
    if (!ch.value_delivered()) {
      Violate(model::Invariant::kOutcome, absl::StrCat(what, ", but no value was delivered"));
    } else if (ValueOf(value) != ch.delivered().front()) {
      Violate(model::Invariant::kOutcome,
              absl::StrFormat("%s %s, but %s was delivered", what, ValueOf(value).ToString(),
                              ch.delivered().front().ToString()));
    }
  }

  absl::Status PollRead() {
    if (!read_) return Missing("read operation");
    const bool documented = Finished(read_->state());
    Guard(documented, "poll-read", [&] {
      std::optional<AnyPayload> value = read_->Poll();
      if (!value.has_value()) {
        Result("pending");
        return;
      }
      Result(absl::StrCat("value ", ValueOf(*value).ToString()));
      CheckReadValue(*value, "read returned");
      held_.push_back(std::move(*value));
    });
    return absl::OkStatus();
  }

  absl::Status CancelRead() {
    if (!read_) return Missing("read operation");
    const bool documented = Finished(read_->state());
    Guard(documented, "cancel-read", [&] {
      sut::FutureReadCancel result = read_->Cancel();
      const model::Channel& ch = Channel();
      if (result.kind == sut::FutureReadCancel::Kind::kReady) {
        Result(absl::StrCat("ready: ",
                          result.value ? ValueOf(*result.value).ToString() : "none"));
        if (!result.value.has_value()) {
          Violate(model::Invariant::kOutcome, "cancel-read said ready without a value");
        } else {
          CheckReadValue(*result.value, "cancel-read returned");
          held_.push_back(std::move(*result.value));
        }
        return;
      }
      Result("cancelled");
      if (ch.value_delivered()) {
        Violate(model::Invariant::kOutcome,
                "cancel-read said Cancelled, but the value was delivered (and is lost)");
      }
      if (result.reader == nullptr) {
        Violate(model::Invariant::kOutcome, "cancel-read said Cancelled but gave no reader back");
      } else if (result.reader->handle() != readable_handle_ ||
                 ch.readable().state != model::CopyState::kIdle) {
        Violate(model::Invariant::kOutcome,
                absl::StrFormat("the reader handed back (handle %u, end %s) cannot read again",
                                result.reader->handle(), model::CopyStateName(ch.readable().state)));
      }
      if (result.reader) reader_ = std::move(result.reader);
    });
    return absl::OkStatus();
  }

  template <class Operation>
  static bool Awaitable(const std::unique_ptr<Operation>& op) {
    return op && !Finished(op->state());
  }

  model::PayloadKind kind_;
  bool guest_writes_;
  bool borrowed_ = false;  // a task-await task polls this slot's operation
  uint32_t channel_ = 0;
  rt::Handle writable_handle_ = rt::kNoHandle;
  rt::Handle readable_handle_ = rt::kNoHandle;
  model::Value written_;
  std::unique_ptr<sut::FutureWriter> writer_;
  std::unique_ptr<sut::FutureWrite> write_;
  std::unique_ptr<sut::FutureReader> reader_;
  std::unique_ptr<sut::FutureRead> read_;
  std::vector<AnyPayload> held_;
};

}  // namespace fc::scenario

#endif  // FUTURECHECK_SCENARIO_FUTURE_SLOT_H_
