#include "model/invariants.h"

#include <cstddef>
#include <iterator>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"

namespace fc::model {
namespace {

constexpr InvariantInfo kTable[] = {
    {Invariant::kHostTrap, "no-host-trap",
     "the runtime never makes the host trap: a second copy in flight, a cancel with nothing in "
     "flight, a drop mid-copy, dropping a writable future end that never wrote, a copy after "
     "DONE, a stream length over the limit, a copy buffer (or a list inside a value) not aligned "
     "for its element type, a synchronous cancel of an end still in a waitable set, any use of a "
     "dropped handle whose index names nothing now or another kind of handle (freed indices are "
     "reused, as in the spec: a stale handle that hits a new end of its kind is caught by "
     "held-ends-live or the trap it leads to)",
     "model/mock_host.cc MockHost::Trap"},
    {Invariant::kMemorySafety, "buffer-safety",
     "every guest allocation freed exactly once, never while the host may read or write it; host "
     "accesses stay inside live buffers; a written buffer is not changed while the host holds it",
     "model/guest_heap.cc GuestHeap::Alloc, Free, CheckHostAccess; "
     "model/mock_host_channels.cc MockHost::MoveElements"},
    {Invariant::kMemoryLeak, "no-memory-leak", "every guest allocation freed by the end",
     "model/mock_host.cc MockHost::CheckLedgersEmpty"},
    {Invariant::kHandleLeak, "no-handle-leak",
     "every future and stream end and every waitable set the guest holds is dropped by the end",
     "model/mock_host.cc MockHost::CheckLedgersEmpty"},
    {Invariant::kValueLifetime, "no-double-drop", "no payload object is destroyed twice",
     "model/value_ledger.cc ValueLedger::Destroy"},
    {Invariant::kValueLeak, "no-value-leak", "every payload object is destroyed by the end",
     "model/mock_host.cc MockHost::CheckLedgersEmpty"},
    {Invariant::kResourceOwnership, "resource-ownership",
     "every `own<resource>` ends with exactly one owner: it moves to the reader when delivered and "
     "comes back on DROPPED / CANCELLED, so none is still the guest's once every value is gone",
     "model/mock_host.cc MockHost::CheckLedgersEmpty"},
    {Invariant::kOutcome, "outcome-matches-peer",
     "results agree with what the other end really did: AlreadySent exactly when the value was "
     "taken, Dropped exactly when the reader dropped first (with the very value written), "
     "Cancelled hands back the value and a writer that can write again, a read cancel returns the "
     "value exactly when it was delivered; a stream write's first `sent` elements are exactly "
     "what the reader got and the rest come back unsent, in order; every future writer ends with "
     "its value delivered or its reader gone",
     "scenario/future_slot.h FutureSlot::ReportWriteOutcome, CancelWrite, CheckReadValue, "
     "CancelRead, CheckEnd; scenario/stream_slot.h StreamSlot::CheckWrite, CheckWriteAllDone, "
     "CheckRead"},
    {Invariant::kPanic, "panics-as-documented",
     "the runtime panics exactly where it documents it (poll or cancel after completion, cancel "
     "twice, poll after cancel), and never throws or reads a dead state instead",
     "scenario/slot.h ReportingSlot::Guard; scenario/session.cc Session::Guarded"},
    {Invariant::kQuiescence, "quiescence",
     "no event, background write, live task, event registration or unresolved export task left "
     "behind",
     "scenario/session.cc Session::Teardown; model/mock_host.cc MockHost::CheckLedgersEmpty; "
     "model/mock_host_tasks.cc MockHost::CheckTasksSettled"},
    {Invariant::kTaskMemory, "task-use-after-free",
     "no task is woken, polled or has a waker made or dropped after its storage was freed; "
     "storage is freed once, and only after its frame is dropped and its last waker is gone (the "
     "task ledger keeps its own count, independent of the executor's)",
     "model/task_ledger.cc TaskLedger::OnTask"},
    {Invariant::kTaskLeak, "no-task-leak", "every task's storage is freed by the end",
     "model/task_ledger.cc TaskLedger::CheckAllFreed"},
    {Invariant::kLostWakeup, "no-lost-wakeup",
     "after every step, a live task that is not queued is waiting for the host: suspended (not "
     "yielded) on a copy whose end, in the host's state, is still in flight or has an event the "
     "guest has not taken, with a waker pointing at it (the ledger's count); the executor's "
     "report that it could go on is a cross-check, and the only word on the runtime's own "
     "background tasks",
     "scenario/session.cc Session::CheckWakeups"},
    {Invariant::kStarvation, "no-starvation",
     "one turn of the task loop ends (a budget of 1,000 polls): a busy-yield task cannot keep "
     "events from the guest",
     "model/task_ledger.cc TaskLedger::OnTask"},
    {Invariant::kPollAfterYield, "poll-after-yield",
     "events reach the runtime only the way the callback ABI delivers them: through "
     "`waitable-set.wait` when it waits (no task queued, the callback's WAIT), and after a turn "
     "that leaves tasks queued (the callback's YIELD, answered with no event) only through its "
     "own `waitable-set.poll`, which it must call before returning whenever an event is ready in "
     "its set; the host never hands over an event otherwise",
     "scenario/session.cc Session::CheckPollAfterYield, CanDeliver"},
    {Invariant::kHeldEnd, "held-ends-live",
     "every end the guest program holds (a writer or reader, one handed back by a cancel "
     "included) is a live handle of its kind, of its own channel, in the host's table, after "
     "every step",
     "scenario/session.cc Session::CheckHeldEnds; scenario/slot.h ReportingSlot::CheckHeld"},
    {Invariant::kLivelock, "no-livelock",
     "one step makes the host do a bounded amount of work (1,000 trace lines, every intrinsic "
     "call being one, and 1,000 guest allocations): a runtime looping without end inside one "
     "poll is cut short and reported, not left to exhaust memory",
     "model/step_budget.cc StepBudget::Exceeded; scenario/session.cc Session::Guarded"},
    {Invariant::kCrash, "no-crash",
     "the runtime never crashes the process (a fault signal, an abort, or an error a sanitizer "
     "reports)",
     "scenario/crash_report.cc OnSignal, __sanitizer_report_error_summary; "
     "scenario/child_run.cc RunInChild"},
};

static_assert(std::size(kTable) == static_cast<size_t>(Invariant::kScript),
              "the table must have a row for every invariant declared before kScript");
constexpr bool InEnumOrder() {
  for (size_t i = 0; i < std::size(kTable); ++i) {
    if (kTable[i].invariant != static_cast<Invariant>(i)) return false;
  }
  return true;
}
static_assert(InEnumOrder(), "the table's rows must follow the enum's order");

// Each "path A, B" item of a checked_in cell as code.
std::string CheckedInMarkdown(absl::string_view checked_in) {
  return absl::StrCat("`", absl::StrJoin(absl::StrSplit(checked_in, "; "), "`; `"), "`");
}

}  // namespace

absl::Span<const InvariantInfo> CheckedInvariants() { return kTable; }

const char* InvariantName(Invariant invariant) {
  const auto index = static_cast<size_t>(invariant);
  if (index < std::size(kTable)) return kTable[index].name;
  return invariant == Invariant::kScript ? "scenario-script" : "?";
}

std::string InvariantTableMarkdown() {
  std::string out = "| invariant | means | checked in |\n| --- | --- | --- |\n";
  for (const InvariantInfo& inv : kTable) {
    absl::StrAppend(&out, "| `", inv.name, "` | ", inv.means, " | ",
                    CheckedInMarkdown(inv.checked_in), " |\n");
  }
  return out;
}

}  // namespace fc::model
