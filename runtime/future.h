// future<T>: the writer and reader ends and their pollable operations, a
// C++20 port of wit-bindgen's `future_support.rs`.
//
//   auto [writer, reader] = FutureNew<T>(runtime, payload_abi, default_fn);
//   FutureWrite<T> write = std::move(writer).Write(value);
//   write.Poll(waker);    // nullopt while the host holds the value
//   write.Cancel();       // AlreadySent | Dropped(value) | Cancelled(value, writer)
//
// Ownership rules carried over from the Rust runtime:
// - Writing consumes the value (lowered into a guest buffer); COMPLETED frees
//   the buffer's lists (the reader copied them), DROPPED and CANCELLED lift the
//   value back to the caller.
// - A writer that never delivered a value writes `default_fn()` when it is
//   destroyed (in the background if that write blocks): the spec traps on
//   dropping a writable future end that never wrote.
// - Destroying an operation in flight cancels it; a cancelled write hands its
//   writer back, whose destruction then writes the default value.
#ifndef FUTURECHECK_RUNTIME_FUTURE_H_
#define FUTURECHECK_RUNTIME_FUTURE_H_

#include <functional>
#include <memory>
#include <optional>
#include <utility>

#include "runtime/abi.h"
#include "runtime/guest_buffer.h"
#include "runtime/panic.h"
#include "runtime/return_code.h"
#include "runtime/runtime.h"
#include "runtime/waitable_operation.h"

namespace fc::rt {

template <class T>
class FutureWrite;
template <class T>
class FutureRead;
template <class T>
class FutureWriteOp;
template <class T>
class FutureReadOp;

// ---------------------------------------------------------------- writer --

template <class T>
class FutureWriter {
 public:
  FutureWriter(Runtime& runtime, PayloadAbi<T>& abi, Handle handle, std::function<T()> default_fn)
      : runtime_(&runtime), abi_(&abi), handle_(handle), default_fn_(std::move(default_fn)) {}
  FutureWriter(FutureWriter&& other) noexcept
      : runtime_(other.runtime_),
        abi_(other.abi_),
        handle_(std::exchange(other.handle_, kNoHandle)),
        should_write_default_(other.should_write_default_),
        default_fn_(std::move(other.default_fn_)) {}
  FutureWriter& operator=(FutureWriter&& other) noexcept {
    if (this != &other) {
      Close();
      runtime_ = other.runtime_;
      abi_ = other.abi_;
      handle_ = std::exchange(other.handle_, kNoHandle);
      should_write_default_ = other.should_write_default_;
      default_fn_ = std::move(other.default_fn_);
    }
    return *this;
  }
  ~FutureWriter() { Close(); }

  Handle handle() const { return handle_; }

  // Starts writing `value`; nothing reaches the host until the first poll.
  FutureWrite<T> Write(T value) &&;

  // Gives up the handle (e.g. to pass the end to another component): this
  // object no longer drops it or writes a default into it.
  Handle TakeHandle() && { return std::exchange(handle_, kNoHandle); }

 private:
  friend class FutureWriteOp<T>;

  void Close();

  Runtime* runtime_;
  PayloadAbi<T>* abi_;
  Handle handle_;
  bool should_write_default_ = true;
  std::function<T()> default_fn_;
};

// What a finished write reports from Poll.
template <class T>
struct FutureWriteOutcome {
  // True when the reader took the value; false when the reader end was
  // dropped first, in which case `value` is the value handed back.
  bool written = false;
  std::optional<T> value;
};

// What cancelling a write reports.
template <class T>
struct FutureWriteCancel {
  enum class Kind { kAlreadySent, kDropped, kCancelled };
  Kind kind = Kind::kAlreadySent;
  std::optional<T> value;                 // kDropped, kCancelled
  std::optional<FutureWriter<T>> writer;  // kCancelled: may write again
};

template <class T>
class FutureWriteOp {
 public:
  static constexpr EventCode kEvent = EventCode::kFutureWrite;

  struct Start {
    FutureWriter<T> writer;
    T value;
  };
  struct InProgress {
    FutureWriter<T> writer;
    GuestBuffer buffer;
  };
  enum class Completion { kWritten, kDropped, kCancelled };
  struct Result {
    Completion completion;
    std::optional<T> value;
    FutureWriter<T> writer;
  };
  using CancelResult = FutureWriteCancel<T>;

  std::pair<uint32_t, InProgress> StartCopy(Start start) {
    FutureWriter<T>& w = start.writer;
    GuestBuffer buffer(w.runtime_->abi(), w.abi_->size(), w.abi_->align());
    w.abi_->Lower(std::move(start.value), buffer.get());
    uint32_t raw = w.runtime_->abi().FutureWrite(w.abi_->type(), w.handle_, buffer.get());
    return {raw, InProgress{std::move(start.writer), std::move(buffer)}};
  }

  ReturnCode Decode(uint32_t raw) const { return ReturnCode::DecodeFuture(raw); }

  Result Finish(InProgress in_progress, ReturnCode code) {
    FutureWriter<T>& w = in_progress.writer;
    void* ptr = in_progress.buffer.get();
    switch (code.result) {
      case CopyResult::kCompleted:
        w.should_write_default_ = false;
        w.abi_->DeallocLists(ptr);
        return Result{Completion::kWritten, std::nullopt, std::move(w)};
      case CopyResult::kDropped:
        w.should_write_default_ = false;
        return Result{Completion::kDropped, w.abi_->Lift(ptr), std::move(w)};
      case CopyResult::kCancelled:
        return Result{Completion::kCancelled, w.abi_->Lift(ptr), std::move(w)};
    }
    Panic("unreachable copy result");
  }

  CancelResult CancelBeforeStart(Start start) {
    return CancelResult{CancelResult::Kind::kCancelled, std::move(start.value),
                        std::move(start.writer)};
  }

  Handle Waitable(const InProgress& in_progress) const { return in_progress.writer.handle_; }

  uint32_t CancelCopy(InProgress& in_progress) {
    FutureWriter<T>& w = in_progress.writer;
    return w.runtime_->abi().FutureCancelWrite(w.abi_->type(), w.handle_);
  }

  CancelResult IntoCancelResult(Result result) {
    switch (result.completion) {
      case Completion::kWritten:
        return CancelResult{CancelResult::Kind::kAlreadySent, std::nullopt, std::nullopt};
      case Completion::kDropped:
        return CancelResult{CancelResult::Kind::kDropped, std::move(result.value), std::nullopt};
      case Completion::kCancelled:
        return CancelResult{CancelResult::Kind::kCancelled, std::move(result.value),
                            std::move(result.writer)};
    }
    Panic("unreachable write completion");
  }
};

template <class T>
class FutureWrite {
 public:
  using Op = FutureWriteOp<T>;

  FutureWrite(Runtime& runtime, FutureWriter<T> writer, T value)
      : op_(runtime, Op{}, typename Op::Start{std::move(writer), std::move(value)}) {}

  // nullopt while the host holds the value. Panics once finished.
  std::optional<FutureWriteOutcome<T>> Poll(const Waker& waker) {
    std::optional<typename Op::Result> result = op_->Poll(waker);
    if (!result.has_value()) return std::nullopt;
    switch (result->completion) {
      case Op::Completion::kWritten:
        return FutureWriteOutcome<T>{true, std::nullopt};
      case Op::Completion::kDropped:
        return FutureWriteOutcome<T>{false, std::move(result->value)};
      case Op::Completion::kCancelled:
        break;
    }
    Panic("future.write reported CANCELLED without a cancel");
  }

  FutureWriteCancel<T> Cancel() { return op_->Cancel(); }

  OperationState state() const { return op_->state(); }
  bool event_arrived() const { return op_->event_arrived(); }

 private:
  OperationBox<Op> op_;
};

// The default write of a writer destroyed before it delivered a value: runs
// on the runtime until the value is taken or the reader is gone.
template <class T>
class DeferredDefaultWrite {
 public:
  explicit DeferredDefaultWrite(FutureWrite<T> write) : write_(std::move(write)) {}
  bool Poll(const Waker& waker) { return write_.Poll(waker).has_value(); }

 private:
  FutureWrite<T> write_;
};

template <class T>
FutureWrite<T> FutureWriter<T>::Write(T value) && {
  Runtime& runtime = *runtime_;
  return FutureWrite<T>(runtime, std::move(*this), std::move(value));
}

template <class T>
void FutureWriter<T>::Close() {
  if (handle_ == kNoHandle) return;
  if (should_write_default_) {
    // Hand the end to a background write of the default value; that write's
    // writer must not write a default again, whatever happens to it.
    FutureWriter<T> writer(*runtime_, *abi_, std::exchange(handle_, kNoHandle), default_fn_);
    writer.should_write_default_ = false;
    T value = default_fn_();
    runtime_->executor().SpawnPollable(
        DeferredDefaultWrite<T>(std::move(writer).Write(std::move(value))));
    return;
  }
  runtime_->abi().FutureDropWritable(abi_->type(), std::exchange(handle_, kNoHandle));
}

// ---------------------------------------------------------------- reader --

template <class T>
class FutureReader {
 public:
  FutureReader(Runtime& runtime, PayloadAbi<T>& abi, Handle handle)
      : runtime_(&runtime), abi_(&abi), handle_(handle) {}
  FutureReader(FutureReader&& other) noexcept
      : runtime_(other.runtime_),
        abi_(other.abi_),
        handle_(std::exchange(other.handle_, kNoHandle)) {}
  FutureReader& operator=(FutureReader&& other) noexcept {
    if (this != &other) {
      Close();
      runtime_ = other.runtime_;
      abi_ = other.abi_;
      handle_ = std::exchange(other.handle_, kNoHandle);
    }
    return *this;
  }
  ~FutureReader() { Close(); }

  Handle handle() const { return handle_; }

  // Starts reading; nothing reaches the host until the first poll.
  FutureRead<T> Read() &&;

  Handle TakeHandle() && { return std::exchange(handle_, kNoHandle); }

 private:
  friend class FutureReadOp<T>;

  void Close() {
    if (handle_ == kNoHandle) return;
    const Handle handle = std::exchange(handle_, kNoHandle);
    runtime_->abi().FutureDropReadable(abi_->type(), handle);
  }

  Runtime* runtime_;
  PayloadAbi<T>* abi_;
  Handle handle_;
};

// What cancelling a read reports.
template <class T>
struct FutureReadCancel {
  enum class Kind { kReady, kCancelled };
  Kind kind = Kind::kCancelled;
  std::optional<T> value;                 // kReady: the read raced to completion
  std::optional<FutureReader<T>> reader;  // kCancelled: may read again
};

template <class T>
class FutureReadOp {
 public:
  static constexpr EventCode kEvent = EventCode::kFutureRead;

  using Start = FutureReader<T>;
  struct InProgress {
    FutureReader<T> reader;
    GuestBuffer buffer;
  };
  struct Result {
    std::optional<T> value;  // set on COMPLETED
    FutureReader<T> reader;  // destroyed after COMPLETED, handed back otherwise
  };
  using CancelResult = FutureReadCancel<T>;

  std::pair<uint32_t, InProgress> StartCopy(Start reader) {
    GuestBuffer buffer(reader.runtime_->abi(), reader.abi_->size(), reader.abi_->align());
    uint32_t raw =
        reader.runtime_->abi().FutureRead(reader.abi_->type(), reader.handle_, buffer.get());
    return {raw, InProgress{std::move(reader), std::move(buffer)}};
  }

  ReturnCode Decode(uint32_t raw) const { return ReturnCode::DecodeFuture(raw); }

  Result Finish(InProgress in_progress, ReturnCode code) {
    FutureReader<T>& r = in_progress.reader;
    switch (code.result) {
      case CopyResult::kCompleted:
        return Result{r.abi_->Lift(in_progress.buffer.get()), std::move(r)};
      case CopyResult::kDropped:
        Panic("future.read returned DROPPED: a writer must write before it drops");
      case CopyResult::kCancelled:
        return Result{std::nullopt, std::move(r)};
    }
    Panic("unreachable copy result");
  }

  CancelResult CancelBeforeStart(Start reader) {
    return CancelResult{CancelResult::Kind::kCancelled, std::nullopt, std::move(reader)};
  }

  Handle Waitable(const InProgress& in_progress) const { return in_progress.reader.handle_; }

  uint32_t CancelCopy(InProgress& in_progress) {
    FutureReader<T>& r = in_progress.reader;
    return r.runtime_->abi().FutureCancelRead(r.abi_->type(), r.handle_);
  }

  CancelResult IntoCancelResult(Result result) {
    if (result.value.has_value()) {
      return CancelResult{CancelResult::Kind::kReady, std::move(result.value), std::nullopt};
    }
    return CancelResult{CancelResult::Kind::kCancelled, std::nullopt, std::move(result.reader)};
  }
};

template <class T>
class FutureRead {
 public:
  using Op = FutureReadOp<T>;

  FutureRead(Runtime& runtime, FutureReader<T> reader) : op_(runtime, Op{}, std::move(reader)) {}

  // The value once read; nullopt while waiting. Panics once finished.
  std::optional<T> Poll(const Waker& waker) {
    std::optional<typename Op::Result> result = op_->Poll(waker);
    if (!result.has_value()) return std::nullopt;
    if (!result->value.has_value()) Panic("future.read reported CANCELLED without a cancel");
    return std::move(result->value);
  }

  FutureReadCancel<T> Cancel() { return op_->Cancel(); }

  OperationState state() const { return op_->state(); }
  bool event_arrived() const { return op_->event_arrived(); }

 private:
  OperationBox<Op> op_;
};

template <class T>
FutureRead<T> FutureReader<T>::Read() && {
  Runtime& runtime = *runtime_;
  return FutureRead<T>(runtime, std::move(*this));
}

// ------------------------------------------------------------------ new --

template <class T>
struct FutureEnds {
  FutureWriter<T> writer;
  FutureReader<T> reader;
};

// `future.new`, wrapped: both ends of a fresh future. `default_fn` makes the
// value written if the writer is destroyed before it delivers one.
template <class T>
FutureEnds<T> FutureNew(Runtime& runtime, PayloadAbi<T>& abi, std::function<T()> default_fn) {
  const uint64_t ends = runtime.abi().FutureNew(abi.type());
  const auto readable = static_cast<Handle>(ends & 0xffff'ffffu);
  const auto writable = static_cast<Handle>(ends >> 32);
  return FutureEnds<T>{FutureWriter<T>(runtime, abi, writable, std::move(default_fn)),
                       FutureReader<T>(runtime, abi, readable)};
}

}  // namespace fc::rt

#endif  // FUTURECHECK_RUNTIME_FUTURE_H_
