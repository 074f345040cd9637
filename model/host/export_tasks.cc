#include "model/host/export_tasks.h"

#include <utility>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "model/enum_names.h"

namespace fc::model {

const char* ExportTasks::StateName(State state) {
  static constexpr const char* kNames[] = {"running", "cancel delivered", "returned", "cancelled"};
  static_assert(std::size(kNames) == EnumCount(State::kCancelled));
  return NameIn(kNames, state);
}

ExportTasks::State* ExportTasks::Find(uint32_t task) {
  return task == 0 || task > states_.size() ? nullptr : &states_[task - 1];
}

uint32_t ExportTasks::Start() {
  states_.push_back(State::kRunning);
  return static_cast<uint32_t>(states_.size());
}

absl::Status ExportTasks::DeliverCancel(uint32_t task) {
  State* state = Find(task);
  if (state == nullptr) return absl::NotFoundError(absl::StrFormat("no export task %u", task));
  if (*state != State::kRunning) {
    return absl::FailedPreconditionError(
        absl::StrFormat("export task %u is %s", task, StateName(*state)));
  }
  *state = State::kCancelDelivered;
  return absl::OkStatus();
}

absl::StatusOr<ExportTasks::State> ExportTasks::Return(uint32_t task) {
  State* state = Find(task);
  if (state == nullptr) return absl::NotFoundError("no such export task");
  if (*state == State::kReturned || *state == State::kCancelled) {
    return absl::FailedPreconditionError(
        absl::StrFormat("the task already resolved (%s)", StateName(*state)));
  }
  // A task may still return after its cancel was delivered.
  return std::exchange(*state, State::kReturned);
}

absl::Status ExportTasks::Cancel(uint32_t task) {
  State* state = Find(task);
  if (state == nullptr) return absl::NotFoundError("no such export task");
  if (*state != State::kCancelDelivered) {
    return absl::FailedPreconditionError(
        absl::StrFormat("the task is %s: only a task whose cancellation was delivered "
                        "may acknowledge it",
                        StateName(*state)));
  }
  *state = State::kCancelled;
  return absl::OkStatus();
}

std::vector<std::string> ExportTasks::Unresolved() const {
  std::vector<std::string> open;
  for (size_t i = 0; i < states_.size(); ++i) {
    if (states_[i] == State::kRunning || states_[i] == State::kCancelDelivered) {
      open.push_back(absl::StrFormat("task %u (%s)", i + 1, StateName(states_[i])));
    }
  }
  return open;
}

std::string ExportTasks::Describe() const {
  std::vector<std::string> tasks;
  for (size_t i = 0; i < states_.size(); ++i) {
    tasks.push_back(absl::StrFormat("%u %s", i + 1, StateName(states_[i])));
  }
  return absl::StrJoin(tasks, ", ");
}

}  // namespace fc::model
