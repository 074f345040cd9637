#include "runtime/runtime.h"

#include <utility>

#include "absl/strings/str_format.h"
#include "runtime/panic.h"

namespace fc::rt {

Runtime::Runtime(HostAbi& abi) : abi_(&abi) {}

Runtime::~Runtime() {
  // Destroying a task that is still waiting cancels its operation; that may
  // touch the host, so do it while the runtime is still whole.
  tasks_.clear();
}

void Runtime::Register(Handle waitable, EventSlot* slot) {
  // An operation registers once, when its copy blocks; a second registration
  // means an earlier operation on this end never unregistered.
  auto [it, inserted] = slots_.try_emplace(waitable, slot);
  if (!inserted) {
    Panic(absl::StrFormat("waitable %u already has an operation in flight", waitable));
  }
}

void Runtime::Unregister(Handle waitable) { slots_.erase(waitable); }

void Runtime::DeliverEvent(EventCode code, Handle waitable, uint32_t payload) {
  auto it = slots_.find(waitable);
  if (it == slots_.end()) {
    Panic(absl::StrFormat("%s event for waitable %u, which has no operation in flight",
                          EventCodeName(code), waitable));
  }
  EventSlot* slot = it->second;
  if (slot->expected != code) {
    Panic(absl::StrFormat("%s event for waitable %u, which waits for %s", EventCodeName(code),
                          waitable, EventCodeName(slot->expected)));
  }
  if (slot->has_code) {
    Panic(absl::StrFormat("second event for waitable %u before the first was consumed", waitable));
  }
  slot->has_code = true;
  slot->code = payload;
  slot->waker.Wake();
  RunTasks();
}

void Runtime::Spawn(std::unique_ptr<BackgroundTask> task) {
  tasks_.push_back(std::make_unique<TaskEntry>(TaskEntry{this, std::move(task), true}));
}

void Runtime::WakeTask(void* entry) { static_cast<TaskEntry*>(entry)->woken = true; }

void Runtime::RunTasks() {
  if (running_tasks_) return;  // a poll that spawns or wakes is picked up below
  running_tasks_ = true;
  struct Reset {
    bool* flag;
    ~Reset() { *flag = false; }
  } reset{&running_tasks_};  // also when a poll panics
  bool progressed = true;
  while (progressed) {
    progressed = false;
    for (size_t i = 0; i < tasks_.size(); ++i) {
      TaskEntry* entry = tasks_[i].get();
      if (!entry->woken) continue;
      entry->woken = false;
      progressed = true;
      if (entry->task->Poll(Waker(&Runtime::WakeTask, entry))) {
        tasks_.erase(tasks_.begin() + static_cast<std::ptrdiff_t>(i));
        --i;
      }
    }
  }
}

}  // namespace fc::rt
