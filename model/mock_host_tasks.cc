// The mock host's waitable sets (waitable-set.new/drop/wait/poll,
// waitable.join) and export tasks (task.return, task.cancel, and the
// caller's cancellation delivered as TASK_CANCELLED), with the spec's traps:
// a set dropped with members, a join of something that is no waitable, a
// synchronous cancel of an end still in a set (see GuestCancel), a task
// resolved twice or cancelled without a cancellation delivered. The
// bookkeeping is in model/host/ (WaitableSets, EventQueue, ExportTasks);
// this file turns it into intrinsics, traps and trace lines.
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "model/mock_host.h"

namespace fc::model {

using rt::Handle;

bool MockHost::CheckSet(Handle set, const std::string& call) {
  const HandleEntry* entry = handles_.Find(set);
  if (entry == nullptr || entry->kind != HandleEntry::Kind::kWaitableSet) {
    TrapOnHandle(call, set, absl::StrFormat("handle %u is not a waitable set", set));
    return false;
  }
  return true;
}

bool MockHost::TrapIfInSet(Handle handle, const std::string& call) {
  const Handle set = sets_.SetOf(handle);
  if (set == rt::kNoHandle) return false;
  Trap(call, absl::StrFormat("synchronous cancel of an end still in waitable set %u", set));
  return true;
}

Handle MockHost::WaitableSetNew() {
  if (trapped_) return rt::kNoHandle;
  const Handle set = handles_.Add(HandleEntry::WaitableSet());
  ReportHostTransition({"waitable-set", "set", "NONE", "LIVE", "new"});
  trace_->Host([&] { return absl::StrFormat("waitable-set.new() -> set=%u", set); });
  return set;
}

void MockHost::WaitableSetDrop(Handle set) {
  if (trapped_) return;
  const std::string call =
      CallText([&] { return std::string(absl::StrFormat("waitable-set.drop(set=%u)", set)); });
  if (!CheckSet(set, call)) return;
  const std::vector<Handle> members = sets_.MembersOf(set);
  if (!members.empty()) {
    Trap(call, absl::StrCat("the set still has members: ", absl::StrJoin(members, ", ")));
    return;
  }
  RemoveHandle(set);
  ReportHostTransition({"waitable-set", "set", "LIVE", "DROPPED", "drop"});
  trace_->Host(call);
}

void MockHost::WaitableJoin(Handle waitable, Handle set) {
  if (trapped_) return;
  const std::string call = CallText([&] {
    return std::string(set == rt::kNoHandle
                           ? absl::StrFormat("waitable.join(%u, none)", waitable)
                           : absl::StrFormat("waitable.join(%u, set=%u)", waitable, set));
  });
  const HandleEntry* entry = handles_.Find(waitable);
  if (entry == nullptr || !entry->IsEnd()) {
    TrapOnHandle(call, waitable, absl::StrFormat("handle %u is not a waitable", waitable));
    return;
  }
  if (set != rt::kNoHandle && !CheckSet(set, call)) return;
  const Handle was = sets_.SetOf(waitable);
  const char* from = was == rt::kNoHandle ? "OUT" : "IN";
  if (set == rt::kNoHandle) {
    ReportHostTransition({"waitable-set", "member", from, "OUT", "join-none"});
  } else {
    ReportHostTransition({"waitable-set", "member", from, "IN",
                          was == rt::kNoHandle || was == set ? "join" : "join-other-set"});
  }
  sets_.Join(waitable, set);
  trace_->Host(call);
}

bool MockHost::EventReadyIn(const EventRef& ref, Handle set) const {
  return EventStillPending(ref) && sets_.SetOf(EventHandle(ref)) == set;
}

bool MockHost::HasEventFor(Handle set) const {
  if (trapped_ || set == rt::kNoHandle) return false;
  return events_.Any([&](const EventRef& ref) { return EventReadyIn(ref, set); });
}

std::optional<DeliveredEvent> MockHost::TakeEventFor(Handle set) {
  std::optional<EventRef> ref =
      events_.TakeFirst([&](const EventRef& e) { return EventReadyIn(e, set); });
  if (!ref.has_value()) return std::nullopt;
  return TakeEvent(*ref);
}

rt::Event MockHost::WaitableSetWait(Handle set) {
  if (trapped_) return rt::Event{};
  const std::string call =
      CallText([&] { return std::string(absl::StrFormat("waitable-set.wait(set=%u)", set)); });
  if (!CheckSet(set, call)) return rt::Event{};
  std::optional<DeliveredEvent> event = TakeEventFor(set);
  if (!event.has_value()) {
    // Nothing can ever arrive: the instance would hang.
    Trap(call, "no member has a pending event and nothing else can happen: deadlock");
    return rt::Event{};
  }
  ReportHostTransition({"waitable-set", "set", "LIVE", "LIVE", "wait", "EVENT"});
  return rt::Event{event->code, event->waitable, event->payload};
}

rt::Event MockHost::WaitableSetPoll(Handle set) {
  if (trapped_) return rt::Event{};
  const std::string call =
      CallText([&] { return std::string(absl::StrFormat("waitable-set.poll(set=%u)", set)); });
  if (!CheckSet(set, call)) return rt::Event{};
  ++polls_;
  std::optional<DeliveredEvent> event = TakeEventFor(set);
  ReportHostTransition(
      {"waitable-set", "set", "LIVE", "LIVE", "poll", event.has_value() ? "EVENT" : "NONE"});
  if (!event.has_value()) {
    trace_->Host([&] { return absl::StrCat(call, " -> NONE"); });
    return rt::Event{};
  }
  return rt::Event{event->code, event->waitable, event->payload};
}

// ------------------------------------------------------------ export tasks --

uint32_t MockHost::StartExportTask() {
  const uint32_t task = exports_.Start();
  ReportHostTransition({"export-task", "task", "NONE", "RUNNING", "start"});
  trace_->Host(
      [&] { return absl::StrFormat("the other side calls an async export: task %u", task); });
  return task;
}

absl::StatusOr<rt::Event> MockHost::CancelExportTask(uint32_t task) {
  if (absl::Status status = exports_.DeliverCancel(task); !status.ok()) return status;
  ReportHostTransition({"export-task", "task", "RUNNING", "CANCEL_DELIVERED", "cancel"});
  trace_->Event([&] { return absl::StrFormat("TASK_CANCELLED(task %u)", task); });
  return rt::Event{rt::EventCode::kTaskCancelled, task, 0};
}

void MockHost::TaskReturn(uint32_t task) {
  if (trapped_) return;
  const std::string call =
      CallText([&] { return std::string(absl::StrFormat("task.return(task %u)", task)); });
  absl::StatusOr<ExportState> left = exports_.Return(task);
  if (!left.ok()) {
    Trap(call, std::string(left.status().message()));
    return;
  }
  ReportHostTransition({"export-task", "task",
                        *left == ExportState::kCancelDelivered ? "CANCEL_DELIVERED" : "RUNNING",
                        "RETURNED", "task.return"});
  trace_->Host(call);
}

void MockHost::TaskCancel(uint32_t task) {
  if (trapped_) return;
  const std::string call =
      CallText([&] { return std::string(absl::StrFormat("task.cancel(task %u)", task)); });
  if (absl::Status status = exports_.Cancel(task); !status.ok()) {
    Trap(call, std::string(status.message()));
    return;
  }
  ReportHostTransition({"export-task", "task", "CANCEL_DELIVERED", "CANCELLED", "task.cancel"});
  trace_->Host(call);
}

void MockHost::CheckTasksSettled() {
  const std::vector<std::string> open = exports_.Unresolved();
  if (!open.empty()) {
    log_->Add(Invariant::kQuiescence,
              absl::StrCat("export tasks never resolved by task.return or task.cancel: ",
                           absl::StrJoin(open, ", ")));
  }
}

std::string MockHost::DescribeSetsAndTasks() const {
  std::string out;
  const std::vector<std::pair<Handle, Handle>> joined = sets_.Memberships();
  if (!joined.empty()) {
    absl::StrAppend(&out, "  in waitable sets: ",
                    absl::StrJoin(joined, ", ",
                                  [](std::string* o, const std::pair<Handle, Handle>& j) {
                                    absl::StrAppendFormat(o, "%u in set %u", j.first, j.second);
                                  }),
                    "\n");
  }
  if (exports_.size() != 0) absl::StrAppend(&out, "  export tasks: ", exports_.Describe(), "\n");
  return out;
}

}  // namespace fc::model
