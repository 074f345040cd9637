// The state machine shared by every async copy: a future or stream read or
// write is "not started" until first polled, "in progress" while the host
// holds its buffer (registered for an event), then "done" or "cancelled".
// A port of wit-bindgen's `WaitableOperation`.
//
// `Op` supplies the per-operation steps:
//   using Start, InProgress, Result, CancelResult;
//   static constexpr EventCode kEvent;
//   std::pair<uint32_t, InProgress> StartCopy(Start);   // calls read/write
//   ReturnCode Decode(uint32_t raw);                      // future or stream codes
//   Result Finish(InProgress, ReturnCode);                // never called with BLOCKED
//   CancelResult CancelBeforeStart(Start);
//   Handle Waitable(const InProgress&);
//   uint32_t CancelCopy(InProgress&);                     // calls cancel-read/-write
//   CancelResult IntoCancelResult(Result);
//
// Documented panics: polling after completion, polling after cancel,
// cancelling after completion, cancelling twice.
#ifndef FUTURECHECK_RUNTIME_WAITABLE_OPERATION_H_
#define FUTURECHECK_RUNTIME_WAITABLE_OPERATION_H_

#include <optional>
#include <utility>
#include <variant>

#include "runtime/panic.h"
#include "runtime/return_code.h"
#include "runtime/runtime.h"
#include "runtime/waker.h"

namespace fc::rt {

enum class OperationState { kNotStarted, kInProgress, kDone, kCancelled };

template <class Op>
class WaitableOperation {
 public:
  using Start = typename Op::Start;
  using InProgress = typename Op::InProgress;
  using Result = typename Op::Result;
  using CancelResult = typename Op::CancelResult;

  WaitableOperation(Runtime& runtime, Op op, Start start)
      : runtime_(&runtime), op_(std::move(op)), state_(std::in_place_index<0>, std::move(start)) {
    slot_.expected = Op::kEvent;
  }

  // Dropping an operation the host still holds cancels it first, so the
  // buffer is back in our hands before it is freed.
  // noexcept(false): a runtime panic while cancelling propagates out of the
  // destructor, as a Rust panic unwinds out of Drop, instead of terminating.
  ~WaitableOperation() noexcept(false) {
    if (std::holds_alternative<InProgress>(state_)) {
      (void)Cancel();
    }
  }

  WaitableOperation(const WaitableOperation&) = delete;
  WaitableOperation& operator=(const WaitableOperation&) = delete;

  OperationState state() const {
    if (std::holds_alternative<Start>(state_)) return OperationState::kNotStarted;
    if (std::holds_alternative<InProgress>(state_)) return OperationState::kInProgress;
    return cancelled_ ? OperationState::kCancelled : OperationState::kDone;
  }

  // Whether its event was delivered and not yet consumed by a poll: a poll
  // now finishes it (what a coroutine awaiting it waits for).
  bool event_arrived() const { return slot_.has_code; }

  // The result once the operation finished; nullopt while it waits, in which
  // case `waker` is woken when its event arrives.
  std::optional<Result> Poll(const Waker& waker) {
    if (std::holds_alternative<Start>(state_)) {
      auto [raw, in_progress] = op_.StartCopy(std::get<Start>(std::move(state_)));
      state_.template emplace<InProgress>(std::move(in_progress));
      return Advance(raw, waker);
    }
    if (std::holds_alternative<InProgress>(state_)) {
      if (!slot_.has_code) {
        slot_.waker = waker;
        return std::nullopt;
      }
      slot_.has_code = false;
      return Advance(slot_.code, waker);
    }
    Panic(cancelled_ ? "cannot poll a future operation after it was cancelled"
                     : "cannot poll a future operation after it completed");
  }

  CancelResult Cancel() {
    if (std::holds_alternative<Start>(state_)) {
      Start start = std::get<Start>(std::move(state_));
      Finish();
      return op_.CancelBeforeStart(std::move(start));
    }
    if (std::holds_alternative<InProgress>(state_)) {
      uint32_t raw;
      if (slot_.has_code) {
        // The event already arrived: the end is no longer copying, and
        // cancelling now would trap. Its result is the outcome.
        raw = slot_.code;
        slot_.has_code = false;
        runtime_->Unregister(Waitable());
      } else {
        // A synchronous cancel of an end still in a waitable set traps: leave
        // the set first (nothing else will wait for this event now).
        runtime_->Unregister(Waitable());
        raw = op_.CancelCopy(std::get<InProgress>(state_));
      }
      ReturnCode code = op_.Decode(raw);
      if (code.blocked) Panic("synchronous cancel returned BLOCKED");
      Result result = op_.Finish(TakeInProgress(), code);
      return op_.IntoCancelResult(std::move(result));
    }
    Panic(cancelled_ ? "cannot cancel a future operation twice"
                     : "cannot cancel a future operation after it completed");
  }

 private:
  Handle Waitable() const { return op_.Waitable(std::get<InProgress>(state_)); }

  std::optional<Result> Advance(uint32_t raw, const Waker& waker) {
    ReturnCode code = op_.Decode(raw);
    if (code.blocked) {
      slot_.waker = waker;
      runtime_->Register(Waitable(), &slot_);
      return std::nullopt;
    }
    runtime_->Unregister(Waitable());
    cancelled_ = false;
    InProgress in_progress = TakeInProgress(/*cancelled=*/false);
    return op_.Finish(std::move(in_progress), code);
  }

  InProgress TakeInProgress(bool cancelled = true) {
    InProgress in_progress = std::get<InProgress>(std::move(state_));
    state_.template emplace<std::monostate>();
    cancelled_ = cancelled;
    return in_progress;
  }

  void Finish() {
    state_.template emplace<std::monostate>();
    cancelled_ = true;
  }

  Runtime* runtime_;
  Op op_;
  std::variant<Start, InProgress, std::monostate> state_;
  bool cancelled_ = false;
  EventSlot slot_;
};

// Owns one heap-allocated WaitableOperation: its event slot's address is
// registered with the runtime, so the operation never moves. Unlike
// unique_ptr, destruction lets a runtime panic raised while cancelling
// propagate (unique_ptr's destructor is noexcept and would terminate).
template <class Op>
class OperationBox {
 public:
  template <class... Args>
  explicit OperationBox(Args&&... args)
      : op_(new WaitableOperation<Op>(std::forward<Args>(args)...)) {}
  OperationBox(OperationBox&& other) noexcept : op_(std::exchange(other.op_, nullptr)) {}
  OperationBox& operator=(OperationBox&&) = delete;
  ~OperationBox() noexcept(false) { delete std::exchange(op_, nullptr); }

  WaitableOperation<Op>* operator->() const { return op_; }

 private:
  WaitableOperation<Op>* op_;
};

}  // namespace fc::rt

#endif  // FUTURECHECK_RUNTIME_WAITABLE_OPERATION_H_
