// Everything one scenario run owns: the trace, the violation log, the mock
// host with its ledgers, and the runtime under test.
#ifndef FUTURECHECK_SCENARIO_WORLD_H_
#define FUTURECHECK_SCENARIO_WORLD_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_format.h"
#include "model/choice_source.h"
#include "model/mock_host.h"
#include "model/payloads.h"
#include "model/step_budget.h"
#include "model/task_ledger.h"
#include "model/trace.h"
#include "model/violation.h"
#include "sut/runtime_under_test.h"
#include "sut/task_record.h"

namespace fc::scenario {

struct World {
  explicit World(model::ChoiceSource& choices)
      : host(trace, log, choices),
        tasks_ledger(log, trace),
        env(host.payload_env()),
        runtime(sut::MakeRuntime(sut::Environment{&host, env, &tasks_ledger})) {
    trace.set_budget(&budget);
    host.set_budget(&budget);
  }

  // The other side calls an export; the task that runs it is recorded here
  // (`slot`: the slot it works on; `count`: a stream task's write count or
  // read capacity).
  sut::TaskRecord* StartTask(char program, uint32_t slot, uint32_t count = 0) {
    tasks.push_back(std::make_unique<sut::TaskRecord>());
    tasks.back()->host_task = host.StartExportTask();
    tasks.back()->program = program;
    tasks.back()->slot = slot;
    tasks.back()->count = count;
    trace.User([&] { return absl::StrFormat("  => t%u", tasks.back()->host_task); });
    return tasks.back().get();
  }

  model::StepBudget budget;  // what one step may make the host do
  model::Trace trace;
  model::ViolationLog log;
  model::MockHost host;
  model::TaskLedger tasks_ledger;
  // Before the runtime: task frames point at their records.
  std::vector<std::unique_ptr<sut::TaskRecord>> tasks;
  model::PayloadEnv env;
  // The runtime under test, as the linked adapter makes it.
  std::unique_ptr<sut::Runtime> runtime;
  uint32_t next_serial = 1;  // serial of the next value the guest makes (0: defaults)
};

}  // namespace fc::scenario

#endif  // FUTURECHECK_SCENARIO_WORLD_H_
