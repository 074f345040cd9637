// The runtime context every future end belongs to: the host seam, the table
// of in-flight waitables that host events are routed to, and the background
// tasks the runtime runs on its own (the deferred default write of a writer
// dropped before it wrote).
//
// A real guest has one of these per component instance; the harness makes a
// fresh one per scenario.
#ifndef FUTURECHECK_RUNTIME_RUNTIME_H_
#define FUTURECHECK_RUNTIME_RUNTIME_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "runtime/abi.h"
#include "runtime/return_code.h"
#include "runtime/waker.h"

namespace fc::rt {

// Where an in-flight operation waits for its event. Owned by the operation,
// which registers it while the host holds its buffer and unregisters it when
// the operation finishes or is cancelled.
struct EventSlot {
  EventCode expected = EventCode::kNone;
  bool has_code = false;
  uint32_t code = kBlocked;
  Waker waker;
};

// Work the runtime drives by itself, polled again whenever it is woken.
class BackgroundTask {
 public:
  // A task may own operations whose cancel can panic (see OperationBox).
  virtual ~BackgroundTask() noexcept(false) = default;
  // Returns true once the task has finished.
  virtual bool Poll(const Waker& waker) = 0;
};

class Runtime {
 public:
  explicit Runtime(HostAbi& abi);
  ~Runtime();
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  HostAbi& abi() const { return *abi_; }

  // The most elements one stream copy may move: the spec's 2^28-1, lowered
  // by the harness (on both sides) so scenarios can exceed it cheaply.
  uint32_t max_copy_length() const { return max_copy_length_; }
  void set_max_copy_length(uint32_t n) { max_copy_length_ = n; }

  void Register(Handle waitable, EventSlot* slot);
  void Unregister(Handle waitable);
  bool IsRegistered(Handle waitable) const { return slots_.contains(waitable); }
  // Waitables with an operation registered for events (0 once all settled).
  size_t registered_waitables() const { return slots_.size(); }

  // The host's event entry point (what the callback ABI's callback receives
  // after waitable-set wait/poll): records the code in the waiting
  // operation's slot, wakes it, then runs any background task that woke.
  void DeliverEvent(EventCode code, Handle waitable, uint32_t payload);

  // Takes ownership of `task`; it is polled on the next turn of the loop
  // (RunTasks) and again whenever woken. Spawning never polls in place, so
  // a destructor that spawns (a writer's default write) cannot panic.
  void Spawn(std::unique_ptr<BackgroundTask> task);
  // One turn of the loop: polls every woken task until none is woken.
  void RunTasks();
  size_t background_tasks() const { return tasks_.size(); }

 private:
  struct TaskEntry {
    Runtime* runtime;
    std::unique_ptr<BackgroundTask> task;
    bool woken = false;
  };
  static void WakeTask(void* entry);

  HostAbi* abi_;
  uint32_t max_copy_length_ = kMaxCopyLength;
  absl::flat_hash_map<Handle, EventSlot*> slots_;
  std::vector<std::unique_ptr<TaskEntry>> tasks_;
  bool running_tasks_ = false;
};

}  // namespace fc::rt

#endif  // FUTURECHECK_RUNTIME_RUNTIME_H_
