// The guest's async export calls, as the host tracks them: each starts
// running, may have a cancellation delivered (TASK_CANCELLED), and must end
// exactly once, by `task.return` or (only after a delivered cancellation)
// by `task.cancel`. A guest call that breaks these rules is an error status
// the mock host turns into a trap; a cancellation the caller cannot deliver
// is an error for the driver that asked for it.
//
//   ExportTasks tasks;
//   uint32_t t = tasks.Start();              // 1, 2, ...
//   tasks.DeliverCancel(t);                  // the caller cancels
//   absl::Status s = tasks.Cancel(t);        // the guest acknowledges
#ifndef FUTURECHECK_MODEL_HOST_EXPORT_TASKS_H_
#define FUTURECHECK_MODEL_HOST_EXPORT_TASKS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace fc::model {

class ExportTasks {
 public:
  enum class State { kRunning, kCancelDelivered, kReturned, kCancelled };
  static const char* StateName(State state);

  // Starts an export call; returns its task number (1, 2, ...).
  uint32_t Start();
  // The caller cancels `task`: NotFound if no such task, FailedPrecondition
  // unless it is running.
  absl::Status DeliverCancel(uint32_t task);
  // `task.return`: legal while running, also after a delivered
  // cancellation; returns the state the task left.
  absl::StatusOr<State> Return(uint32_t task);
  // `task.cancel`: legal only after a delivered cancellation.
  absl::Status Cancel(uint32_t task);

  State state(uint32_t task) const { return states_.at(task - 1); }
  size_t size() const { return states_.size(); }
  const std::vector<State>& states() const { return states_; }  // task n at [n-1]
  // "task 2 (running)" for every task not yet returned or cancelled.
  std::vector<std::string> Unresolved() const;
  // "1 returned, 2 running", or "" with no task.
  std::string Describe() const;

 private:
  State* Find(uint32_t task);

  std::vector<State> states_;  // task n at [n-1]
};

}  // namespace fc::model

#endif  // FUTURECHECK_MODEL_HOST_EXPORT_TASKS_H_
