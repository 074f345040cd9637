#include "runtime/runtime.h"

#include "absl/strings/str_format.h"
#include "runtime/panic.h"

namespace fc::rt {

Runtime::Runtime(HostAbi& abi) : abi_(&abi), executor_(abi) {}

Runtime::~Runtime() noexcept(false) { Shutdown(); }

void Runtime::Register(Handle waitable, EventSlot* slot) {
  // An operation registers once, when its copy blocks; a second registration
  // means an earlier operation on this end never unregistered.
  auto [it, inserted] = slots_.try_emplace(waitable, slot);
  if (!inserted) {
    Panic(absl::StrFormat("waitable %u already has an operation in flight", waitable));
  }
  if (set_ == kNoHandle) set_ = abi_->WaitableSetNew();
  abi_->WaitableJoin(waitable, set_);
}

void Runtime::Unregister(Handle waitable) {
  if (slots_.erase(waitable) != 0) abi_->WaitableJoin(waitable, kNoHandle);
}

void Runtime::Dispatch(const Event& event) {
  if (event.code == EventCode::kTaskCancelled) {
    if (!executor_.CancelHostTask(event.index)) {
      Panic(absl::StrFormat("TASK_CANCELLED for export task %u, which runs no task", event.index));
    }
    RunTasks();
    return;
  }
  auto it = slots_.find(event.index);
  if (it == slots_.end()) {
    Panic(absl::StrFormat("%s event for waitable %u, which has no operation in flight",
                          EventCodeName(event.code), event.index));
  }
  EventSlot* slot = it->second;
  if (slot->expected != event.code) {
    Panic(absl::StrFormat("%s event for waitable %u, which waits for %s", EventCodeName(event.code),
                          event.index, EventCodeName(slot->expected)));
  }
  if (slot->has_code) {
    Panic(
        absl::StrFormat("second event for waitable %u before the first was consumed", event.index));
  }
  slot->has_code = true;
  slot->code = event.payload;
  // The end is no longer copying: take it out of the set now, not when the
  // operation is next polled. Left in, it would hear of the other end's
  // drop (hosts since CM#720 send an idle end in a set a DROPPED event) with
  // no operation waiting for that event.
  Unregister(event.index);
  slot->waker.Wake();
  RunTasks();
}

void Runtime::WaitForEvent() {
  if (set_ == kNoHandle) Panic("waiting for an event with no waitable set");
  Dispatch(abi_->WaitableSetWait(set_));
}

void Runtime::RunTasks() {
  if (running_tasks_) return;  // a poll that spawns or wakes is picked up by this turn's caller
  running_tasks_ = true;
  struct Reset {
    bool* flag;
    ~Reset() { *flag = false; }
  } reset{&running_tasks_};  // also when a poll panics
  if (!executor_.RunTurn() || set_ == kNoHandle) return;
  // Tasks are still queued (one yielded): before their next turn, take one
  // event the host has ready, as a callback returning YIELD lets it deliver.
  const Event event = abi_->WaitableSetPoll(set_);
  if (event.code != EventCode::kNone) Dispatch(event);
}

void Runtime::Shutdown() {
  executor_.DropAll();
  if (set_ != kNoHandle) abi_->WaitableSetDrop(std::exchange(set_, kNoHandle));
}

}  // namespace fc::rt
