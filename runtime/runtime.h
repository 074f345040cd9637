// The runtime context every future end belongs to: the host seam, the table
// of in-flight waitables that host events are routed to, the waitable set
// they join while they wait, and the executor that runs tasks (the guest's
// own and the runtime's background work, such as the deferred default write
// of a writer dropped before it wrote).
//
// The event loop follows the callback ABI: between turns the host answers
// waitable-set.wait on the runtime's set with one event (WaitForEvent); after
// a turn that left tasks queued (a yield), the runtime polls the set once so
// ready events keep flowing.
//
// A real guest has one of these per component instance; the harness makes a
// fresh one per scenario.
#ifndef FUTURECHECK_RUNTIME_RUNTIME_H_
#define FUTURECHECK_RUNTIME_RUNTIME_H_

#include <cstdint>

#include "absl/container/flat_hash_map.h"
#include "runtime/abi.h"
#include "runtime/executor.h"
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

class Runtime {
 public:
  explicit Runtime(HostAbi& abi);
  ~Runtime() noexcept(false);
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  HostAbi& abi() const { return *abi_; }

  // The most elements one stream copy may move: the spec's 2^28-1, lowered
  // by the harness (on both sides) so scenarios can exceed it cheaply.
  uint32_t max_copy_length() const { return max_copy_length_; }
  void set_max_copy_length(uint32_t n) { max_copy_length_ = n; }

  // An operation whose copy blocked waits for its event: its waitable joins
  // the runtime's waitable set (made on first use). Unregister takes it out
  // of the set again, which must happen before a synchronous cancel.
  void Register(Handle waitable, EventSlot* slot);
  void Unregister(Handle waitable);
  // Waitables with an operation registered for events (0 once all settled).
  size_t registered_waitables() const { return slots_.size(); }

  // The host's event entry point (what the callback ABI's callback receives):
  // records the code in the waiting operation's slot and wakes it, or, for
  // TASK_CANCELLED, cancels the export task; then runs a turn.
  void Dispatch(const Event& event);
  // Waits on the set for one event (waitable-set.wait) and dispatches it.
  // Only when the host has one to give: the harness asks the host first.
  void WaitForEvent();
  Handle waitable_set() const { return set_; }

  Executor& executor() { return executor_; }
  // One turn of the task loop, then (if tasks are still queued) one
  // waitable-set.poll. Reentrant calls (from inside a turn) do nothing.
  void RunTasks();
  // Drops every task frame and the waitable set. The destructor does it too,
  // but a harness checks its ledgers after, so it calls this first.
  void Shutdown();

 private:
  HostAbi* abi_;
  uint32_t max_copy_length_ = kMaxCopyLength;
  absl::flat_hash_map<Handle, EventSlot*> slots_;
  Executor executor_;
  Handle set_ = kNoHandle;
  bool running_tasks_ = false;
};

}  // namespace fc::rt

#endif  // FUTURECHECK_RUNTIME_RUNTIME_H_
