// C++20 coroutines as executor tasks, and awaiters over the runtime's
// operations.
//
//   Task Relay(Executor& ex, Runtime& rt, FutureReader<T> in, FutureWriter<T> out) {
//     FutureRead<T> read = std::move(in).Read();
//     T value = co_await Await(read);                       // suspends until the event
//     FutureWrite<T> write = std::move(out).Write(std::move(value));
//     FutureWriteOutcome<T> outcome = co_await Await(write);
//   }
//   ex.SpawnFrame(Relay(ex, ...).Release(), host_task);
//
// The first parameter of a task coroutine is its Executor: the frame is
// allocated as that executor's task storage, header in front (executor.h).
// A task starts suspended and runs on the executor's next turn.
//
// Cancellation is destruction: dropping the frame at any suspension point
// destroys the awaiter and the operation it polls, and destroying an
// operation in flight cancels it exactly as the guest would by hand, then
// everything else the frame owned goes (a writer that never wrote starts
// its default write). There is no separate cancel path to get wrong.
#ifndef FUTURECHECK_RUNTIME_COROUTINE_H_
#define FUTURECHECK_RUNTIME_COROUTINE_H_

#include <coroutine>
#include <cstddef>
#include <optional>
#include <utility>

#include "runtime/executor.h"
#include "runtime/waker.h"

namespace fc::rt {

class Task {
 public:
  struct promise_type;
  using Handle = std::coroutine_handle<promise_type>;

  struct promise_type {
    template <class... Args>
    static void* operator new(size_t size, Executor& executor, Args&...) {
      return executor.AllocateFrame(size, &kVTable);
    }
    // The storage belongs to the task header; the executor frees it when the
    // last reference to the task goes, which may be after the frame.
    static void operator delete(void*, size_t) {}

    template <class... Args>
    explicit promise_type(Executor& executor, Args&...)
        : executor(&executor), header(executor.TakeNewHeader()) {}

    Task get_return_object() {
      Handle handle = Handle::from_promise(*this);
      header->coroutine = handle.address();
      return Task(handle);
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    // A runtime panic inside a task unwinds out of the executor's poll.
    void unhandled_exception() { throw; }

    Executor* executor;
    TaskHeader* header;
  };

  Task(Task&& other) noexcept : handle_(std::exchange(other.handle_, nullptr)) {}
  Task& operator=(Task&&) = delete;
  // A task never handed to the executor is dropped unrun.
  ~Task() noexcept(false) {
    if (handle_) handle_.promise().executor->DiscardUnspawned(handle_.promise().header);
  }

  // The header to pass to Executor::SpawnFrame; the Task gives up the frame.
  TaskHeader* Release() && {
    TaskHeader* header = handle_.promise().header;
    handle_ = nullptr;
    return header;
  }

 private:
  explicit Task(Handle handle) : handle_(handle) {}

  // Resumes the coroutine once what it awaits (if anything) has finished.
  static bool PollFrame(TaskHeader* task) {
    if (task->suspended_on != nullptr) {
      if (!task->suspended_on->PollAwaited(task->executor->CurrentWaker())) return false;
      task->suspended_on = nullptr;
    }
    Handle handle = Handle::from_address(FrameAddress(task));
    handle.resume();
    return handle.done();
  }
  static void DropFrame(TaskHeader* task) { Handle::from_address(FrameAddress(task)).destroy(); }
  // Where the compiler's handle points is its business: ask the promise.
  static void* FrameAddress(TaskHeader* task) { return task->coroutine; }

  static constexpr TaskVTable kVTable{&PollFrame, &DropFrame};

  Handle handle_;
};

// co_await Await(op): the result of `op` (a FutureRead/FutureWrite/stream op:
// anything with `std::optional<R> Poll(const Waker&)` and `bool
// event_arrived() const`), suspending the task until its event arrives.
// The awaiter borrows `op`; the operation must outlive the await.
template <class Op>
class OperationAwaiter final : public Suspension {
 public:
  using Result =
      typename decltype(std::declval<Op&>().Poll(std::declval<const Waker&>()))::value_type;

  explicit OperationAwaiter(Op& op) : op_(&op) {}

  bool await_ready() const noexcept { return false; }
  bool await_suspend(Task::Handle handle) {
    Executor& executor = *handle.promise().executor;
    if (PollAwaited(executor.CurrentWaker())) return false;  // finished at once
    handle.promise().header->suspended_on = this;
    return true;
  }
  Result await_resume() { return std::move(*result_); }

  bool PollAwaited(const Waker& waker) override {
    result_ = op_->Poll(waker);
    return result_.has_value();
  }
  bool WouldProgress() const override { return op_->event_arrived(); }

 private:
  Op* op_;
  std::optional<Result> result_;
};

template <class Op>
OperationAwaiter<Op> Await(Op& op) {
  return OperationAwaiter<Op>(op);
}

// co_await Yield(): lets every other queued task run (and the host deliver
// events) before this one goes on.
class Yield final : public Suspension {
 public:
  bool await_ready() const noexcept { return false; }
  void await_suspend(Task::Handle handle) {
    handle.promise().executor->CurrentWaker().Wake();
    handle.promise().header->suspended_on = this;
  }
  void await_resume() const noexcept {}

  bool PollAwaited(const Waker&) override { return true; }
  bool WouldProgress() const override { return true; }
};

}  // namespace fc::rt

#endif  // FUTURECHECK_RUNTIME_COROUTINE_H_
