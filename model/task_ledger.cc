#include "model/task_ledger.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "model/enum_names.h"

namespace fc::model {
namespace {

const char* EventName(rt::TaskEvent event) {
  static constexpr const char* kNames[] = {
      "spawned", "polled", "waker cloned", "waker dropped", "woken", "frame dropped", "freed"};
  static_assert(std::size(kNames) == EnumCount(rt::TaskEvent::kFreed));
  return NameIn(kNames, event);
}

}  // namespace

void TaskLedger::Violate(Invariant invariant, const Record& task, const std::string& what) {
  const std::string text = absl::StrFormat("task %u: %s", task.id, what);
  trace_->Check([&] { return absl::StrCat("VIOLATION: ", text); });
  log_->Add(invariant, text);
}

void TaskLedger::OnTask(rt::TaskEvent event, const void* storage, uint32_t id) {
  using rt::TaskEvent;
  if (event == TaskEvent::kSpawned) {
    tasks_[storage] = Record{.id = id, .spawn = spawns_++};
    return;
  }
  auto it = tasks_.find(storage);
  if (it == tasks_.end()) {
    log_->Add(Invariant::kTaskMemory,
              absl::StrFormat("%s on storage no task was spawned in", EventName(event)));
    return;
  }
  Record& task = it->second;
  if (task.freed) {
    Violate(Invariant::kTaskMemory, task,
            absl::StrFormat("%s after its storage was freed (use after free)", EventName(event)));
    return;
  }
  switch (event) {
    case TaskEvent::kSpawned:
      break;
    case TaskEvent::kPolled:
      if (!task.frame_live)
        Violate(Invariant::kTaskMemory, task, "polled after its frame was dropped");
      if (++polls_this_turn_ > poll_budget_) {
        Violate(Invariant::kStarvation, task,
                absl::StrFormat("one turn of the task loop polled %u times and is still going: "
                                "a busy task keeps events from the guest",
                                polls_this_turn_ - 1));
        throw TurnBudgetExceeded{polls_this_turn_ - 1};
      }
      break;
    case TaskEvent::kWakerCloned:
      ++task.wakers;
      break;
    case TaskEvent::kWakerDropped:
      if (--task.wakers < 0) Violate(Invariant::kTaskMemory, task, "more wakers dropped than made");
      break;
    case TaskEvent::kWoken:
      break;
    case TaskEvent::kFrameDropped:
      if (!task.frame_live) Violate(Invariant::kTaskMemory, task, "frame dropped twice");
      task.frame_live = false;
      break;
    case TaskEvent::kFreed:
      if (task.frame_live) {
        Violate(Invariant::kTaskMemory, task, "storage freed while its frame is still live");
      } else if (task.wakers > 0) {
        Violate(Invariant::kTaskMemory, task,
                absl::StrFormat("storage freed while %d waker(s) still point at it", task.wakers));
      }
      task.freed = true;
      break;
  }
}

std::optional<int64_t> TaskLedger::wakers(uint32_t id) const {
  for (const auto& [storage, task] : tasks_) {
    if (task.id == id && !task.freed) return task.wakers;
  }
  return std::nullopt;
}

size_t TaskLedger::live() const {
  size_t n = 0;
  for (const auto& [storage, task] : tasks_) n += task.freed ? 0 : 1;
  return n;
}

std::vector<const TaskLedger::Record*> TaskLedger::InIdOrder() const {
  std::vector<const Record*> records;
  for (const auto& [storage, task] : tasks_) records.push_back(&task);
  std::sort(records.begin(), records.end(), [](const Record* a, const Record* b) {
    return a->id != b->id ? a->id < b->id : a->spawn < b->spawn;
  });
  return records;
}

void TaskLedger::CheckAllFreed() {
  std::vector<std::string> leaked;
  for (const Record* task : InIdOrder()) {
    if (task->freed) continue;
    leaked.push_back(absl::StrFormat("task %u (%s, %d waker(s))", task->id,
                                     task->frame_live ? "frame live" : "frame dropped",
                                     task->wakers));
  }
  if (!leaked.empty()) {
    log_->Add(Invariant::kTaskLeak,
              absl::StrCat("task storage never freed: ", absl::StrJoin(leaked, ", ")));
  }
}

std::string TaskLedger::Describe() const {
  if (tasks_.empty()) return "";
  std::vector<std::string> parts;
  for (const Record* task : InIdOrder()) {
    parts.push_back(absl::StrFormat("%u:%s", task->id,
                                    task->freed ? "freed"
                                    : task->frame_live
                                        ? absl::StrFormat("live/%dw", task->wakers)
                                        : absl::StrFormat("dropped/%dw", task->wakers)));
  }
  return absl::StrCat("  tasks: ", absl::StrJoin(parts, ", "), "\n");
}

}  // namespace fc::model
