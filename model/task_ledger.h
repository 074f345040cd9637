// The task ledger: its own books on every task the executor runs, kept from
// the executor's reports (rt::TaskObserver) and independent of the
// executor's reference counts, so a wrong count shows up as a violation:
//   task-use-after-free  a task touched (woken, polled, its waker cloned or
//                        dropped) after its storage was freed; storage freed
//                        twice, or while its frame lives or wakers point at it
//   no-task-leak         storage never freed, a frame never dropped
//   no-starvation        one turn polls more than `poll_budget` times
// Lost wakeups are checked by the session (Session::CheckWakeups) from the
// host's state, with wakers() from here: a task that is not queued must be
// waiting for the host, and some waker must point at it, or nothing can ever
// poll it again.
#ifndef FUTURECHECK_MODEL_TASK_LEDGER_H_
#define FUTURECHECK_MODEL_TASK_LEDGER_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/container/btree_map.h"
#include "model/trace.h"
#include "model/violation.h"
#include "runtime/task_observer.h"

namespace fc::model {

// Thrown out of a runaway turn (from the poll hook, outside any frame) so the
// harness gets control back; the session reports it as no-starvation.
struct TurnBudgetExceeded {
  uint32_t polls;
};

class TaskLedger final : public rt::TaskObserver {
 public:
  static constexpr uint32_t kDefaultPollBudget = 1000;

  TaskLedger(ViolationLog& log, Trace& trace, uint32_t poll_budget = kDefaultPollBudget)
      : log_(&log), trace_(&trace), poll_budget_(poll_budget) {}

  void OnTask(rt::TaskEvent event, const void* storage, uint32_t id) override;
  void OnTurn() override { polls_this_turn_ = 0; }

  // End of a scenario: every storage freed, every frame dropped.
  void CheckAllFreed();
  size_t live() const;  // storage not yet freed
  // Wakers of task `id` alive now (made or cloned, minus dropped), by the
  // ledger's own count; nullopt for a task it never saw spawned.
  std::optional<int64_t> wakers(uint32_t id) const;
  std::string Describe() const;

 private:
  struct Record {
    uint32_t id = 0;
    bool frame_live = true;
    bool freed = false;
    int64_t wakers = 0;  // made or cloned, minus dropped
    uint64_t spawn = 0;  // the ledger's own count: orders tasks a runtime gave one id
  };
  void Violate(Invariant invariant, const Record& task, const std::string& what);
  // The records in task id order: what reports list, so that they do not
  // depend on where the heap put each task's storage.
  std::vector<const Record*> InIdOrder() const;

  ViolationLog* log_;
  Trace* trace_;
  uint32_t poll_budget_;
  uint32_t polls_this_turn_ = 0;
  uint64_t spawns_ = 0;
  absl::btree_map<const void*, Record> tasks_;  // by storage: never reused (quarantine)
};

}  // namespace fc::model

#endif  // FUTURECHECK_MODEL_TASK_LEDGER_H_
