// One task of a scenario as the harness follows it: which export task it
// runs, its program, and where in the program it is (for traces and state
// signatures; the frame itself belongs to the runtime under test, whose
// task programs move `step` along as they go).
#ifndef FUTURECHECK_SUT_TASK_RECORD_H_
#define FUTURECHECK_SUT_TASK_RECORD_H_

#include <cstdint>

namespace fc::sut {

struct TaskRecord {
  uint32_t host_task = 0;  // the export task it runs (printed tN)
  char program = '?';      // r read, w write, l relay, a await, d drop-writer, s spin,
                           // R stream read, W stream write
  uint32_t count = 0;      // a stream task's write count or read capacity
  // The slots whose ends it took or whose operation it awaits (a relay's
  // target too); kNoSlot for a task on none.
  static constexpr uint32_t kNoSlot = 0xffff'ffffu;
  uint32_t slot = kNoSlot;
  uint32_t target = kNoSlot;
  char step = 's';  // s not started, y yielded, r reading, w writing, a awaiting, e ended
};

// Sets a slot's "a task has it" flag (a borrowed operation, an end moved into
// a task) for as long as the task's frame lives, however the frame ends.
struct BorrowGuard {
  bool* borrowed;
  explicit BorrowGuard(bool* flag) : borrowed(flag) { *borrowed = true; }
  BorrowGuard(const BorrowGuard&) = delete;
  BorrowGuard& operator=(const BorrowGuard&) = delete;
  ~BorrowGuard() { *borrowed = false; }
};

}  // namespace fc::sut

#endif  // FUTURECHECK_SUT_TASK_RECORD_H_
