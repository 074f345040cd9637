// One task of a scenario as the harness follows it: which export task it
// runs, its program, and where in the program it is (for traces and state
// signatures; the frame itself belongs to the executor).
#ifndef FUTURECHECK_SCENARIO_TASK_RECORD_H_
#define FUTURECHECK_SCENARIO_TASK_RECORD_H_

#include <cstdint>

namespace fc::scenario {

struct TaskRecord {
  uint32_t host_task = 0;  // the export task it runs (printed tN)
  char program = '?';      // r read, w write, l relay, a await, d drop-writer, s spin
  char step = 's';         // s not started, y yielded, r reading, w writing, a awaiting, e ended
};

}  // namespace fc::scenario

#endif  // FUTURECHECK_SCENARIO_TASK_RECORD_H_
