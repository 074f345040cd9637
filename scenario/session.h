// One scenario run, a step at a time: the world (runtime + mock host +
// ledgers), the channels the guest holds, and the oracle checks after every
// step. Every driver is a loop over a Session:
//
//   Session session(choices);
//   while (!session.failed() && more_to_do) {
//     std::vector<Action> enabled = session.EnabledActions();
//     session.Step(enabled[pick]);       // intrinsic outcomes come from `choices`
//   }
//   RunResult result = session.Finish(); // teardown, ledgers, verdict, trace
//
// Whatever drove it, `result.executed` is the concrete scenario that ran
// (actions + the outcome chosen at every choice point): it replays with
// RunScripted to the same trace, byte for byte.
#ifndef FUTURECHECK_SCENARIO_SESSION_H_
#define FUTURECHECK_SCENARIO_SESSION_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "model/choice_source.h"
#include "model/spec_rules.h"
#include "runtime/panic.h"
#include "scenario/crash_report.h"
#include "scenario/run_result.h"
#include "scenario/scenario.h"

namespace fc::scenario {

struct World;
class Slot;

struct SessionOptions {
  // An action that does not apply in the current state is a script error
  // (scripted tests) or is skipped and noted in the trace (generated input).
  bool skip_inapplicable = false;
  // EnabledActions() offers no new channel (future or stream) once this many
  // exist.
  uint32_t max_channels = 3;
  // Whether EnabledActions() offers streams too. Off by default, so the
  // futures-only action lists (and the fuzz inputs and explorer paths
  // indexing into them) stay as they were before streams existed; stream
  // actions come after every future action when on.
  bool streams = false;
  // Whether EnabledActions() offers tasks (coroutines on the runtime's
  // executor, started as export calls; see sut/runtime_under_test.h), after
  // every other action; and how many tasks a run may start.
  bool tasks = false;
  uint32_t max_tasks = 3;
  // The spec revision the mock host follows (model/spec_rules.h).
  model::SpecRevision spec = model::SpecRevision::k2026_08;
  // Whether the run keeps a trace (and RunResult's trace, host calls and
  // ledgers). Off, it builds none of their strings, and violation messages
  // may lack the call's text; the verdict is the same. The fuzzers run so,
  // and replay a finding with the trace on for its report.
  bool record_trace = true;
};

class Session {
 public:
  explicit Session(model::ChoiceSource& choices, const SessionOptions& options = {});
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Every action that applies now, in a fixed order (so an index into it is
  // a stable choice): new futures of each payload kind (up to max_channels),
  // then per channel the guest's and the other end's actions, then deliver,
  // then new streams and the task actions when enabled. Empty once the run
  // has failed.
  std::vector<Action> EnabledActions() const;

  // Performs `action`, then one turn of the runtime's task loop. An error
  // means it did not apply (recorded as a script error unless
  // skip_inapplicable); a broken invariant is not an error: see failed().
  absl::Status Step(const Action& action);

  // True once an invariant was violated; later steps are refused.
  bool failed() const;
  size_t steps() const { return executed_.actions.size(); }

  // A summary of everything the oracle can see (model states, pending
  // events, ledger counts, what the guest holds): equal signatures mean the
  // same future behaviour. Handles and serials are left out.
  std::string StateSignature() const;
  // The order of the slots the signature lists them in: one that does not
  // depend on which channel was made first, so states that differ only in
  // that have one signature (symmetry; Session::Canonical says how). Slot
  // order[k] is named k in it.
  std::vector<uint32_t> SymmetryOrder() const;

  // The intrinsic calls and delivered events so far (Trace::HostCalls).
  std::vector<std::string> HostCalls() const;

  // Tears down (the guest drops everything, the other end settles, every
  // event is delivered), checks every ledger, and reports. Call once.
  RunResult Finish();

 private:
  class Recorder;
  // Runs `body` (harness code that calls into the runtime) and turns what
  // stops it early into a violation: a runtime panic (also one raised in a
  // noexcept destructor, which C++ would turn into std::terminate), another
  // C++ exception, a runaway turn (no-starvation) or a runaway step
  // (no-livelock). `label` names the work in the report ("": the action
  // being stepped), `where` in the trace. False when the body did not
  // finish: the run has failed.
  bool Guarded(absl::string_view label, const char* where, absl::FunctionRef<void()> body);
  // The crash reporter's view of this run: the scenario so far, the action
  // in progress included.
  static std::string DescribeForCrash(const void* self, size_t* actions);
  Slot* SlotAt(uint32_t index) const;
  // SymmetryOrder, and (if `signature` is not null) StateSignature: the
  // slots' own parts in that order, then the shared part.
  std::vector<uint32_t> Canonical(std::string* signature) const;
  // The part of the signature that names slots (pending events, waitable
  // sets, tasks), each slot named by its position in `order`.
  std::string SharedSignature(const std::vector<uint32_t>& order) const;
  absl::Status Apply(const Action& action);
  // One turn of the runtime's loop, checking poll-after-yield after it.
  void RunTasks();
  // poll-after-yield: a turn that left tasks queued while an event was
  // ready in the runtime's set must have polled since `polls_before`.
  void CheckPollAfterYield(uint64_t polls_before);
  // Why the host cannot hand the runtime an event through waitable-set.wait
  // now (OK when it can): only a runtime that is waiting (no task queued,
  // the callback's WAIT) with an event ready in its set receives one.
  absl::Status CanDeliver() const;
  // Delivers the oldest ready event (waitable-set.wait); CanDeliver's error
  // when it may not.
  absl::Status Deliver();
  absl::Status ApplyTaskAction(const Action& action);
  // no-lost-wakeup: a live task that is not queued must be waiting for the
  // host (its end's copy in flight or its event not taken) and have a
  // waker; decided from the host's state, the executor's report a
  // cross-check (session.cc).
  void CheckWakeups();
  // held-ends-live: every end the guest holds is alive on the host.
  void CheckHeldEnds();
  // Runs turns until no task is queued (teardown).
  void DrainTasks();
  void Teardown();

  // Runtime panics throw while any session lives, so the oracle sees them
  // (the previous handler is restored when the last session ends, even
  // when the run is parked).
  SessionOptions options_;
  std::unique_ptr<Recorder> recorder_;
  std::unique_ptr<World> world_;
  std::vector<std::unique_ptr<Slot>> slots_;
  Scenario executed_;
  const Action* current_action_ = nullptr;  // the action Step is applying
  // Set once the runtime ran away (no-livelock) or a failure escaped a
  // noexcept frame: its state is unknown, so the harness never calls it again.
  bool runtime_dead_ = false;
  CrashContext crash_context_;
  size_t skipped_ = 0;
  bool finished_ = false;
};

}  // namespace fc::scenario

#endif  // FUTURECHECK_SCENARIO_SESSION_H_
