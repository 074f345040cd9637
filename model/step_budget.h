// What one scenario step may make the host do: a bound on trace lines (every
// intrinsic call, event, peer move and result is one) and on guest-heap
// allocations. A runtime that loops without end inside one step (a write-all
// that keeps writing zero elements, a poll that reallocates forever) would
// otherwise run the harness out of memory with no report; past the budget
// the step is cut short and reported as no-livelock.
//
//   StepBudget budget;
//   trace.set_budget(&budget);    // Trace::Add charges a line
//   host.set_budget(&budget);     // MockHost::Alloc charges an allocation
//   budget.Start();               // at the start of every step
//
// The bounds are far above what any legal step needs (a step of the
// catalogue writes at most a few dozen lines) and far below what exhausts
// memory.
#ifndef FUTURECHECK_MODEL_STEP_BUDGET_H_
#define FUTURECHECK_MODEL_STEP_BUDGET_H_

#include <cstdint>
#include <string>

namespace fc::model {

// Thrown out of the host (not a std::exception, so the runtime's own
// handlers do not swallow it); the session reports it as no-livelock.
struct StepBudgetExceeded {
  std::string what;
};

class StepBudget {
 public:
  static constexpr uint32_t kMaxTraceLines = 1000;
  static constexpr uint32_t kMaxAllocations = 1000;

  void Start() {
    lines_ = 0;
    allocations_ = 0;
  }
  void ChargeTraceLine() {
    if (++lines_ > kMaxTraceLines) {
      Exceeded(kMaxTraceLines, "trace lines (intrinsic calls, events, results)");
    }
  }
  void ChargeAllocation() {
    if (++allocations_ > kMaxAllocations) Exceeded(kMaxAllocations, "guest-heap allocations");
  }

 private:
  [[noreturn]] static void Exceeded(uint32_t bound, const char* what);

  uint32_t lines_ = 0;
  uint32_t allocations_ = 0;
};

}  // namespace fc::model

#endif  // FUTURECHECK_MODEL_STEP_BUDGET_H_
