// A single-threaded executor in the style of the nexus-async-rt seed: every
// task is ONE guest-heap allocation, a header followed by the task's frame
// (a C++20 coroutine frame, runtime/coroutine.h, or a poll object such as a
// writer's deferred default write).
//
//   [ TaskHeader: vtable (poll, drop frame), queued / frame-live flags,
//     reference count, what the task awaits ][ frame ... ]
//
// References: one for the frame while it lives, one per queue entry, one per
// Waker. The frame is dropped when the task completes or is cancelled (which
// destroys what it owns: an in-flight operation cancels, a writer that never
// wrote starts its default write); the storage is freed only when the last
// reference goes, so a waker that outlives its task stays safe to wake.
//
// A turn (RunTurn) polls each task that was queued when the turn began, once:
// a task woken during the turn, a yielding task included, waits for the next
// turn, so a busy-yield loop cannot keep the event loop from the host.
#ifndef FUTURECHECK_RUNTIME_EXECUTOR_H_
#define FUTURECHECK_RUNTIME_EXECUTOR_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

#include "runtime/abi.h"
#include "runtime/task_observer.h"
#include "runtime/waker.h"

namespace fc::rt {

class Executor;

// What a suspended task awaits (set by coroutine awaiters, see coroutine.h).
class Suspension {
 public:
  // Polls the awaited operation; true once it finished and the task may go on.
  virtual bool PollAwaited(const Waker& waker) = 0;
  // Whether a poll now would make progress (its event arrived, a yield is
  // due). A task for which this holds must be queued: else its wakeup was lost.
  virtual bool WouldProgress() const = 0;

 protected:
  ~Suspension() = default;
};

struct TaskHeader;

struct TaskVTable {
  bool (*poll)(TaskHeader* task);        // true once the task finished
  void (*drop_frame)(TaskHeader* task);  // destroys the frame, never the storage
};

struct TaskHeader {
  const TaskVTable* vtable;
  Executor* executor;
  void* frame;                // the coroutine frame / poll object after the header
  void* coroutine = nullptr;  // a coroutine's handle address (inside the frame)
  size_t storage_size;        // header + frame, as allocated
  uint32_t id;                // spawn order, from 1
  uint32_t host_task;         // the export task it runs (0: runtime background work)
  uint32_t refs = 1;          // the frame's own reference
  bool queued = false;
  bool frame_live = true;
  bool cancelled = false;
  Suspension* suspended_on = nullptr;
};

class Executor {
 public:
  explicit Executor(HostAbi& abi) : abi_(&abi) {}
  // Drops every frame still live (see DropAll).
  ~Executor() noexcept(false);
  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;

  HostAbi& abi() const { return *abi_; }
  void set_observer(TaskObserver* observer) { observer_ = observer; }

  // Queues a task whose frame was built in storage from AllocateFrame (a
  // coroutine: see coroutine.h). Spawned from inside another task's poll,
  // it is polled once at once, so its first copy starts before the
  // spawning task goes on; otherwise it waits for the next turn.
  void SpawnFrame(TaskHeader* task, uint32_t host_task);

  // Drops a frame built by AllocateFrame that was never spawned.
  void DiscardUnspawned(TaskHeader* task) {
    Notify(TaskEvent::kSpawned, task);
    DropFrame(task);
  }

  // Runs `work` (movable, with `bool Poll(const Waker&)`, true once done) as
  // a background task in one allocation, like SpawnFrame.
  template <class F>
  void SpawnPollable(F work);

  // One turn of the loop. Returns whether tasks are still queued after it.
  bool RunTurn();
  bool has_queued() const { return !queue_.empty(); }

  // The export task `host_task` was cancelled (TASK_CANCELLED): drops its
  // frame, which cancels whatever it awaits, then acknowledges with
  // task.cancel. False if no live task runs it.
  bool CancelHostTask(uint32_t host_task);
  // Drops every live frame (teardown): background work included.
  void DropAll();

  // A waker for the task being polled (one more reference on it); a no-op
  // waker outside any poll.
  Waker CurrentWaker();

  // Harness inspection: the tasks whose frames live.
  struct TaskInfo {
    uint32_t id;
    uint32_t host_task;
    bool queued;
    bool would_progress;  // what it awaits would make progress if polled
  };
  std::vector<TaskInfo> LiveTasks() const;

  // For coroutine promises: storage for a frame of `frame_size` bytes, the
  // header built in front of it; TakeNewHeader() returns that header.
  void* AllocateFrame(size_t frame_size, const TaskVTable* vtable);
  TaskHeader* TakeNewHeader() { return std::exchange(new_header_, nullptr); }

  static constexpr size_t kHeaderSize = (sizeof(TaskHeader) + 15) / 16 * 16;

 private:
  friend struct TaskWakerOps;
  void Notify(TaskEvent event, TaskHeader* task) {
    if (observer_ != nullptr) observer_->OnTask(event, task, task->id);
  }
  void Wake(TaskHeader* task);
  void Retain(TaskHeader* task) { ++task->refs; }
  void Release(TaskHeader* task);
  void Poll(TaskHeader* task);
  void DropFrame(TaskHeader* task);
  void Queue(TaskHeader* task);

  HostAbi* abi_;
  TaskObserver* observer_ = nullptr;
  std::vector<TaskHeader*> tasks_;  // storage not yet freed, in spawn order
  std::deque<TaskHeader*> queue_;   // each entry holds a reference
  TaskHeader* current_ = nullptr;
  TaskHeader* new_header_ = nullptr;
  uint32_t next_id_ = 1;
};

template <class F>
void Executor::SpawnPollable(F work) {
  static_assert(alignof(F) <= 16, "task frames are 16-byte aligned");
  struct Ops {
    static bool Poll(TaskHeader* task) {
      return static_cast<F*>(task->frame)->Poll(task->executor->CurrentWaker());
    }
    static void Drop(TaskHeader* task) { static_cast<F*>(task->frame)->~F(); }
  };
  static constexpr TaskVTable kVTable{&Ops::Poll, &Ops::Drop};
  void* frame = AllocateFrame(sizeof(F), &kVTable);
  new (frame) F(std::move(work));
  SpawnFrame(TakeNewHeader(), 0);
}

}  // namespace fc::rt

#endif  // FUTURECHECK_RUNTIME_EXECUTOR_H_
