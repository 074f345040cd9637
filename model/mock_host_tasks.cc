// The mock host's waitable sets (waitable-set.new/drop/wait/poll,
// waitable.join) and export tasks (task.return, task.cancel, and the
// caller's cancellation delivered as TASK_CANCELLED), with the spec's traps:
// a set dropped with members, a join of something that is no waitable, a
// synchronous cancel of an end still in a set (see GuestCancel), a task
// resolved twice or cancelled without a cancellation delivered.
#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "model/mock_host.h"

namespace fc::model {

using rt::Handle;

namespace {

const char* ExportStateName(MockHost::ExportState state) {
  switch (state) {
    case MockHost::ExportState::kRunning: return "running";
    case MockHost::ExportState::kCancelDelivered: return "cancel delivered";
    case MockHost::ExportState::kReturned: return "returned";
    case MockHost::ExportState::kCancelled: return "cancelled";
  }
  return "?";
}

}  // namespace

Handle MockHost::SetOf(Handle waitable) const {
  auto it = membership_.find(waitable);
  return it == membership_.end() ? rt::kNoHandle : it->second;
}

bool MockHost::CheckSet(Handle set, const std::string& call) {
  auto it = handles_.find(set);
  if (it == handles_.end() || it->second.kind != HandleEntry::Kind::kWaitableSet) {
    Trap(call, absl::StrFormat("handle %u is not a waitable set", set));
    return false;
  }
  return true;
}

bool MockHost::TrapIfInSet(Handle handle, const std::string& call) {
  const Handle set = SetOf(handle);
  if (set == rt::kNoHandle) return false;
  Trap(call, absl::StrFormat("synchronous cancel of an end still in waitable set %u", set));
  return true;
}

Handle MockHost::WaitableSetNew() {
  if (trapped_) return rt::kNoHandle;
  const Handle set = AddHandle({HandleEntry::Kind::kWaitableSet});
  trace_->Host(absl::StrFormat("waitable-set.new() -> set=%u", set));
  return set;
}

void MockHost::WaitableSetDrop(Handle set) {
  if (trapped_) return;
  const std::string call = absl::StrFormat("waitable-set.drop(set=%u)", set);
  if (!CheckSet(set, call)) return;
  std::vector<Handle> members;
  for (const auto& [waitable, in] : membership_) {
    if (in == set) members.push_back(waitable);
  }
  if (!members.empty()) {
    std::sort(members.begin(), members.end());
    Trap(call, absl::StrCat("the set still has members: ", absl::StrJoin(members, ", ")));
    return;
  }
  RemoveHandle(set);
  trace_->Host(call);
}

void MockHost::WaitableJoin(Handle waitable, Handle set) {
  if (trapped_) return;
  const std::string call = set == rt::kNoHandle
                               ? absl::StrFormat("waitable.join(%u, none)", waitable)
                               : absl::StrFormat("waitable.join(%u, set=%u)", waitable, set);
  auto it = handles_.find(waitable);
  if (it == handles_.end() || it->second.kind != HandleEntry::Kind::kChannelEnd) {
    Trap(call, absl::StrFormat("handle %u is not a waitable", waitable));
    return;
  }
  if (set == rt::kNoHandle) {
    membership_.erase(waitable);
  } else {
    if (!CheckSet(set, call)) return;
    membership_[waitable] = set;
  }
  trace_->Host(call);
}

bool MockHost::HasEventFor(Handle set) const {
  if (trapped_ || set == rt::kNoHandle) return false;
  return std::any_of(event_queue_.begin(), event_queue_.end(), [&](const EventRef& ref) {
    return EventStillPending(ref) && SetOf(EventHandle(ref)) == set;
  });
}

std::optional<DeliveredEvent> MockHost::TakeEventFor(Handle set) {
  for (auto it = event_queue_.begin(); it != event_queue_.end(); ++it) {
    if (!EventStillPending(*it) || SetOf(EventHandle(*it)) != set) continue;
    const EventRef ref = *it;
    event_queue_.erase(it);
    return TakeEvent(ref);
  }
  return std::nullopt;
}

rt::Event MockHost::WaitableSetWait(Handle set) {
  if (trapped_) return rt::Event{};
  const std::string call = absl::StrFormat("waitable-set.wait(set=%u)", set);
  if (!CheckSet(set, call)) return rt::Event{};
  std::optional<DeliveredEvent> event = TakeEventFor(set);
  if (!event.has_value()) {
    // Nothing can ever arrive: the instance would hang.
    Trap(call, "no member has a pending event and nothing else can happen: deadlock");
    return rt::Event{};
  }
  return rt::Event{event->code, event->waitable, event->payload};
}

rt::Event MockHost::WaitableSetPoll(Handle set) {
  if (trapped_) return rt::Event{};
  const std::string call = absl::StrFormat("waitable-set.poll(set=%u)", set);
  if (!CheckSet(set, call)) return rt::Event{};
  std::optional<DeliveredEvent> event = TakeEventFor(set);
  if (!event.has_value()) {
    trace_->Host(absl::StrCat(call, " -> NONE"));
    return rt::Event{};
  }
  return rt::Event{event->code, event->waitable, event->payload};
}

// ------------------------------------------------------------ export tasks --

uint32_t MockHost::StartExportTask() {
  exports_.push_back(ExportState::kRunning);
  const auto task = static_cast<uint32_t>(exports_.size());
  trace_->Host(absl::StrFormat("the other side calls an async export: task %u", task));
  return task;
}

absl::StatusOr<rt::Event> MockHost::CancelExportTask(uint32_t task) {
  ExportState* state = FindExport(task);
  if (state == nullptr) return absl::NotFoundError(absl::StrFormat("no export task %u", task));
  if (*state != ExportState::kRunning) {
    return absl::FailedPreconditionError(
        absl::StrFormat("export task %u is %s", task, ExportStateName(*state)));
  }
  *state = ExportState::kCancelDelivered;
  trace_->Event(absl::StrFormat("TASK_CANCELLED(task %u)", task));
  return rt::Event{rt::EventCode::kTaskCancelled, task, 0};
}

void MockHost::TaskReturn(uint32_t task) {
  if (trapped_) return;
  const std::string call = absl::StrFormat("task.return(task %u)", task);
  ExportState* state = FindExport(task);
  if (state == nullptr) {
    Trap(call, "no such export task");
    return;
  }
  if (*state == ExportState::kReturned || *state == ExportState::kCancelled) {
    Trap(call, absl::StrFormat("the task already resolved (%s)", ExportStateName(*state)));
    return;
  }
  *state = ExportState::kReturned;  // a task may still return after its cancel was delivered
  trace_->Host(call);
}

void MockHost::TaskCancel(uint32_t task) {
  if (trapped_) return;
  const std::string call = absl::StrFormat("task.cancel(task %u)", task);
  ExportState* state = FindExport(task);
  if (state == nullptr) {
    Trap(call, "no such export task");
    return;
  }
  if (*state != ExportState::kCancelDelivered) {
    Trap(call, absl::StrFormat("the task is %s: only a task whose cancellation was delivered "
                               "may acknowledge it",
                               ExportStateName(*state)));
    return;
  }
  *state = ExportState::kCancelled;
  trace_->Host(call);
}

void MockHost::CheckTasksSettled() {
  std::vector<std::string> open;
  for (size_t i = 0; i < exports_.size(); ++i) {
    if (exports_[i] == ExportState::kRunning || exports_[i] == ExportState::kCancelDelivered) {
      open.push_back(absl::StrFormat("task %u (%s)", i + 1, ExportStateName(exports_[i])));
    }
  }
  if (!open.empty()) {
    log_->Add(Invariant::kQuiescence,
              absl::StrCat("export tasks never resolved by task.return or task.cancel: ",
                           absl::StrJoin(open, ", ")));
  }
}

std::string MockHost::DescribeSetsAndTasks() const {
  std::string out;
  std::vector<std::pair<Handle, Handle>> joined(membership_.begin(), membership_.end());
  std::sort(joined.begin(), joined.end());
  if (!joined.empty()) {
    absl::StrAppend(&out, "  in waitable sets: ",
                    absl::StrJoin(joined, ", ",
                                  [](std::string* o, const std::pair<Handle, Handle>& j) {
                                    absl::StrAppendFormat(o, "%u in set %u", j.first, j.second);
                                  }),
                    "\n");
  }
  if (!exports_.empty()) {
    std::vector<std::string> tasks;
    for (size_t i = 0; i < exports_.size(); ++i) {
      tasks.push_back(absl::StrFormat("%u %s", i + 1, ExportStateName(exports_[i])));
    }
    absl::StrAppend(&out, "  export tasks: ", absl::StrJoin(tasks, ", "), "\n");
  }
  return out;
}

}  // namespace fc::model
