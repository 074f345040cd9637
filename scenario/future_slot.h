// One future of a scenario as the guest program holds it (what every
// channel slot shares is in slot.h): the one value written, and the checks
// of every result the runtime reports against what the model says the
// other end really did; the task programs over futures.
#ifndef FUTURECHECK_SCENARIO_FUTURE_SLOT_H_
#define FUTURECHECK_SCENARIO_FUTURE_SLOT_H_

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

class FutureSlot final : public ChannelSlot<model::ChannelKind::kFuture, sut::FutureWriter,
                                            sut::FutureWrite, sut::FutureReader, sut::FutureRead>,
                         public sut::FutureTaskReports {
 public:
  FutureSlot(World& world, uint32_t index, model::PayloadKind payload, bool guest_writes)
      : ChannelSlot(world, index, payload, guest_writes, &sut::Runtime::CreateFuture,
                    &sut::Runtime::ReceiveFuture) {}

  // Every future the guest wrote ends with its value delivered or its reader
  // gone: the spec's write-before-drop rule, as an outcome.
  void CheckEnd() override {
    if (!guest_writes_) return;
    const model::Channel& ch = Channel();
    if (!ch.value_delivered() && !ch.reader_dropped()) {
      Violate(model::Invariant::kOutcome, "the writer went away without delivering a value");
    }
  }

  std::string Signature() const override {
    // Built once per state the explorer meets: appends, not a format.
    std::string out(1, guest_writes_ ? 'w' : 'r');
    absl::StrAppend(&out, model::PayloadKindName(payload_), ":W", writer_ ? "1" : "0", "w");
    out.push_back(StateLetter(write_));
    absl::StrAppend(&out, "R", reader_ ? "1" : "0", "r");
    out.push_back(StateLetter(read_));
    if (borrowed_) out.push_back('b');
    return out;
  }

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
    if (source ? reader_ != nullptr : writer_ != nullptr) return payload_;
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
        if (to == nullptr || to == this || to->payload_ != payload_) {
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
    AnyPayload value = model::MakePayload(payload_, world_->env, world_->next_serial++);
    written_ = ValueOf(value);
    return value;
  }
  void WillWrite(const AnyPayload& value) override { written_ = ValueOf(value); }
  void TaskRead(const sut::TaskRecord& task, const AnyPayload& value) override {
    Result(absl::StrFormat("t%u read %s", task.host_task, ValueOf(value).ToString()));
    CheckReadValue(value, "the task's read returned");
  }
  void Keep(AnyPayload value) override { DropHandedBack(std::move(value)); }
  void TaskWrote(const sut::TaskRecord& task, sut::FutureWriteOutcome outcome) override {
    ReportWriteOutcome(absl::StrFormat("t%u: ", task.host_task), std::move(outcome));
  }

 private:
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

  void StartWrite(const Action&) override {
    AnyPayload value = model::MakePayload(payload_, world_->env, world_->next_serial++);
    written_ = ValueOf(value);
    Result(absl::StrCat("writing ", written_.ToString()));
    write_ = writer_->Write(std::move(value));
  }

  absl::Status PollWrite() override {
    return PollOrCancel(write_, "write operation", "poll-write", [&] {
      std::optional<sut::FutureWriteOutcome> outcome = write_->Poll();
      if (!outcome.has_value()) {
        Result("pending");
        return;
      }
      ReportWriteOutcome("", std::move(*outcome));
    });
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
    if (outcome.value) DropHandedBack(std::move(*outcome.value));
  }

  absl::Status CancelWrite() override {
    return PollOrCancel(write_, "write operation", "cancel-write", [&] {
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
      if (result.value) DropHandedBack(std::move(*result.value));
      if (result.writer) writer_ = std::move(result.writer);
    });
  }

  std::unique_ptr<sut::FutureRead> StartRead(const Action&) override { return reader_->Read(); }

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

  absl::Status PollRead() override {
    return PollOrCancel(read_, "read operation", "poll-read", [&] {
      std::optional<AnyPayload> value = read_->Poll();
      if (!value.has_value()) {
        Result("pending");
        return;
      }
      Result(absl::StrCat("value ", ValueOf(*value).ToString()));
      CheckReadValue(*value, "read returned");
      DropHandedBack(std::move(*value));
    });
  }

  absl::Status CancelRead() override {
    return PollOrCancel(read_, "read operation", "cancel-read", [&] {
      sut::FutureReadCancel result = read_->Cancel();
      const model::Channel& ch = Channel();
      if (result.kind == sut::FutureReadCancel::Kind::kReady) {
        Result(absl::StrCat("ready: ", result.value ? ValueOf(*result.value).ToString() : "none"));
        if (!result.value.has_value()) {
          Violate(model::Invariant::kOutcome, "cancel-read said ready without a value");
        } else {
          CheckReadValue(*result.value, "cancel-read returned");
          DropHandedBack(std::move(*result.value));
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
        Violate(
            model::Invariant::kOutcome,
            absl::StrFormat("the reader handed back (handle %u, end %s) cannot read again",
                            result.reader->handle(), model::CopyStateName(ch.readable().state)));
      }
      if (result.reader) reader_ = std::move(result.reader);
    });
  }

  template <class Operation>
  static bool Awaitable(const std::unique_ptr<Operation>& op) {
    return op && !Finished(op->state());
  }

  model::Value written_;
};

}  // namespace fc::scenario

#endif  // FUTURECHECK_SCENARIO_FUTURE_SLOT_H_
