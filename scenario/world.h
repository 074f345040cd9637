// Everything one scenario run owns: the trace, the violation log, the mock
// host with its ledgers, the runtime under test and the payload ABIs.
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
#include "runtime/coroutine.h"
#include "runtime/runtime.h"
#include "scenario/task_record.h"

namespace fc::scenario {

// What a runtime panic turns into under the harness (see rt::SetPanicHandler).
struct RuntimePanic {
  std::string message;
};

struct World {
  explicit World(model::ChoiceSource& choices)
      : host(trace, log, choices),
        tasks_ledger(log, trace),
        runtime(host),
        env(host.payload_env()),
        u32_abi(env),
        string_abi(env),
        resource_abi(env),
        record_abi(env) {
    runtime.executor().set_observer(&tasks_ledger);
    trace.set_budget(&budget);
    host.set_budget(&budget);
  }

  // The other side calls an export; the task that runs it is recorded here
  // (`slot`: the slot it works on; `count`: a stream task's write count or
  // read capacity).
  TaskRecord* StartTask(char program, uint32_t slot, uint32_t count = 0) {
    tasks.push_back(std::make_unique<TaskRecord>());
    tasks.back()->host_task = host.StartExportTask();
    tasks.back()->program = program;
    tasks.back()->slot = slot;
    tasks.back()->count = count;
    trace.User(absl::StrFormat("  => t%u", tasks.back()->host_task));
    return tasks.back().get();
  }

  // Hands a started task's coroutine to the executor, as the export it runs.
  void Spawn(const TaskRecord& task, rt::Task frame) {
    runtime.executor().SpawnFrame(std::move(frame).Release(), task.host_task);
  }

  model::StepBudget budget;  // what one step may make the host do
  model::Trace trace;
  model::ViolationLog log;
  model::MockHost host;
  model::TaskLedger tasks_ledger;
  // Before the runtime: task frames point at their records.
  std::vector<std::unique_ptr<TaskRecord>> tasks;
  rt::Runtime runtime;
  model::PayloadEnv env;
  model::TestPayloadAbi<model::U32Payload> u32_abi;
  model::TestPayloadAbi<model::StringPayload> string_abi;
  model::TestPayloadAbi<model::ResourcePayload> resource_abi;
  model::TestPayloadAbi<model::RecordPayload> record_abi;
  uint32_t next_serial = 1;  // serial of the next value the guest makes (0: defaults)

  rt::PayloadAbi<model::U32Payload>& abi(model::U32Payload*) { return u32_abi; }
  rt::PayloadAbi<model::StringPayload>& abi(model::StringPayload*) { return string_abi; }
  rt::PayloadAbi<model::ResourcePayload>& abi(model::ResourcePayload*) { return resource_abi; }
  rt::PayloadAbi<model::RecordPayload>& abi(model::RecordPayload*) { return record_abi; }
};

}  // namespace fc::scenario

#endif  // FUTURECHECK_SCENARIO_WORLD_H_
