#include "scenario/session.h"

#include <algorithm>
#include <exception>
#include <memory>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "model/channel.h"
#include "model/payloads.h"
#include "model/step_budget.h"
#include "model/task_ledger.h"
#include "scenario/crash_report.h"
#include "scenario/future_slot.h"
#include "scenario/noexcept_escape.h"
#include "scenario/scenario_text.h"
#include "scenario/slot.h"
#include "scenario/stream_slot.h"
#include "scenario/world.h"
#include "sut/runtime_under_test.h"

namespace fc::scenario {
namespace {

using model::Invariant;
using model::PayloadKind;

// A run that broke an invariant may have left the runtime in any state, the
// way a trapped instance is never touched again: its objects are parked here,
// reachable and never destroyed, instead of being torn down into more damage.
struct Graveyard {
  std::vector<std::unique_ptr<World>> worlds;
  std::vector<std::vector<std::unique_ptr<Slot>>> slots;
};
Graveyard& TheGraveyard() {
  static auto* graveyard = new Graveyard();
  return *graveyard;
}
// Long fuzz and exploration runs must not grow without bound: past this many
// failed runs the oldest parked worlds are leaked outright (still never
// destroyed, but no longer listed). LeakSanitizer does not report them, as
// they stay reachable until then; drivers stop at the first failure anyway.
constexpr size_t kGraveyardLimit = 4096;

// The record of the export task `host_task`; nullptr for the runtime's own
// background work (host task 0).
const sut::TaskRecord* FindTaskRecord(const World& world, uint32_t host_task) {
  for (const auto& task : world.tasks) {
    if (host_task != 0 && task->host_task == host_task) return task.get();
  }
  return nullptr;
}

// Why a task, by its program's place (its record) and the host's state of
// the end it awaits, must be queued to be polled; nullopt when it may wait
// for the host (see Session::CheckWakeups).
std::optional<std::string> WhyItMustRun(const sut::TaskRecord& task,
                                        const std::vector<std::unique_ptr<Slot>>& slots) {
  switch (task.step) {
    case 's':
      return "has not run yet";
    case 'y':
      return "yielded";
    case 'r':
    case 'w':
    case 'a':
      break;
    default:
      return std::nullopt;  // ending: no claim
  }
  // A relay reads its slot's future and writes its target's.
  const uint32_t index = task.program == 'l' && task.step == 'w' ? task.target : task.slot;
  if (index >= slots.size()) return std::nullopt;
  const Slot::HostEnd held = slots[index]->GuestEnd();
  const model::CopyEnd& end = held.channel->end(held.readable);
  if (end.result_outstanding()) return std::nullopt;
  return absl::StrFormat(
      "awaits its %s on %c%u, whose result the host already handed over (the end is %s, with "
      "no event pending)",
      held.readable ? "read" : "write", model::ChannelLetter(held.channel->kind()), index,
      model::CopyStateName(end.state));
}

absl::Status NoChannel(uint32_t slot) {
  return absl::FailedPreconditionError(absl::StrFormat("there is no future or stream #%u", slot));
}

}  // namespace

// Records the outcome picked at every choice point, so the run can be
// replayed as a scripted scenario.
class Session::Recorder final : public model::ChoiceSource {
 public:
  Recorder(model::ChoiceSource& inner, std::vector<uint32_t>& out) : inner_(&inner), out_(&out) {}
  size_t Choose(const model::ChoicePoint& point) override {
    size_t index = inner_->Choose(point);
    if (index >= point.options.size()) index = 0;
    out_->push_back(point.options[index]);
    return index;
  }

 private:
  model::ChoiceSource* inner_;
  std::vector<uint32_t>* out_;
};

namespace {
// The host's channels behind the slots in `order` (Session::SymmetryOrder),
// in that order.
std::vector<model::MockHost::ChannelRef> ChannelsIn(const std::vector<std::unique_ptr<Slot>>& slots,
                                                    const std::vector<uint32_t>& order) {
  std::vector<model::MockHost::ChannelRef> channels;
  for (uint32_t slot : order) channels.push_back(slots[slot]->HostChannel());
  return channels;
}

void ThrowingPanicHandler(std::string_view message) {
  throw sut::RuntimePanic{std::string(message)};
}

// Sessions may overlap and end in any order (the property suite's model
// runs one next to the session under test): the first to start installs
// the throwing handler, the last to end restores the one it replaced. The
// handler is per thread, and so is this count.
struct PanicHandlerUsers {
  int live = 0;
  rt::PanicHandler previous = nullptr;
};
thread_local PanicHandlerUsers panic_handler_users;

void AcquireThrowingPanicHandler() {
  if (panic_handler_users.live++ == 0) {
    panic_handler_users.previous = rt::SetPanicHandler(&ThrowingPanicHandler);
  }
}
void ReleaseThrowingPanicHandler() {
  if (--panic_handler_users.live == 0) rt::SetPanicHandler(panic_handler_users.previous);
}
}  // namespace

Session::Session(model::ChoiceSource& choices, const SessionOptions& options)
    : options_((AcquireThrowingPanicHandler(), options)),
      recorder_(std::make_unique<Recorder>(choices, executed_.outcomes)),
      world_(std::make_unique<World>(*recorder_)) {
  InstallCrashReporter();
  crash_context_.describe = &Session::DescribeForCrash;
  crash_context_.self = this;
  // Both sides agree on a small copy limit so scenarios can exceed it.
  world_->runtime->SetMaxCopyLength(kScenarioCopyLimit);
  world_->host.set_max_copy_length(kScenarioCopyLimit);
  world_->host.set_spec_rules(model::RulesFor(options.spec));
  world_->trace.set_recording(options.record_trace);
}

Session::~Session() {
  // A run that broke an invariant is parked; so is one whose abandonment
  // threw. Host traps while abandoning (a default write cut short) are not
  // findings: nobody reads this run's verdict any more.
  world_->runtime->MakeCurrent();
  bool park = failed();
  if (!finished_ && !park) {
    // Abandoned mid-run: drop what the guest holds before the world goes,
    // then the tasks (their frames point into slots and payload ABIs).
    CrashScope crash(crash_context_);
    world_->budget.Start();
    park = !Guarded("abandoning the run", "", [&] {
      for (auto& slot : slots_) slot->DropAll();
      world_->runtime->Shutdown();
    });
    if (!park) slots_.clear();
  }
  if (park) {
    Graveyard& graveyard = TheGraveyard();
    if (graveyard.worlds.size() >= kGraveyardLimit) {
      for (auto& w : graveyard.worlds) (void)w.release();
      for (auto& s : graveyard.slots) {
        for (auto& slot : s) (void)slot.release();
      }
      graveyard.worlds.clear();
      graveyard.slots.clear();
    }
    graveyard.slots.push_back(std::move(slots_));
    graveyard.worlds.push_back(std::move(world_));
    (void)recorder_.release();  // the parked world still points at it
  }
  world_.reset();
  ReleaseThrowingPanicHandler();
}

bool Session::failed() const { return !world_->log.empty(); }

Slot* Session::SlotAt(uint32_t index) const {
  return index < slots_.size() ? slots_[index].get() : nullptr;
}

std::vector<Action> Session::EnabledActions() const {
  std::vector<Action> enabled;
  if (failed() || finished_) return enabled;
  enabled.reserve(64);  // listed before every step: one allocation, not a series
  world_->runtime->MakeCurrent();
  const bool room = slots_.size() < options_.max_channels;
  // Creating a channel of each payload kind, kept by the guest or received.
  auto add_creations = [&enabled](Op make, Op receive) {
    for (int k = 0; k < model::kNumPayloadKinds; ++k) {
      const auto kind = static_cast<PayloadKind>(k);
      enabled.push_back(Action{.op = make, .payload = kind});
      enabled.push_back(Action{.op = receive, .payload = kind});
    }
  };
  if (room) add_creations(Op::kNewFuture, Op::kReceiveFuture);
  for (uint32_t i = 0; i < slots_.size(); ++i) slots_[i]->AppendEnabled(i, enabled);
  if (CanDeliver().ok()) enabled.push_back(Action{Op::kDeliverEvent});
  if (room && options_.streams) add_creations(Op::kNewStream, Op::kReceiveStream);
  // A runtime without an executor is offered no task actions.
  if (options_.tasks && world_->runtime->RunsTaskPrograms()) {
    if (world_->tasks.size() < options_.max_tasks) {
      for (uint32_t i = 0; i < slots_.size(); ++i) slots_[i]->AppendTaskEnabled(i, enabled);
      for (uint32_t i = 0; i < slots_.size(); ++i) {
        const std::optional<PayloadKind> from = slots_[i]->RelayKind(/*source=*/true);
        if (!from) continue;
        for (uint32_t j = 0; j < slots_.size(); ++j) {
          if (j != i && slots_[j]->RelayKind(/*source=*/false) == from) {
            enabled.push_back(Action{.op = Op::kTaskRelay, .slot = i, .target = j});
          }
        }
      }
      enabled.push_back(Action{Op::kTaskSpin});
    }
    for (const auto& task : world_->tasks) {
      if (world_->host.export_state(task->host_task) == model::MockHost::ExportState::kRunning) {
        enabled.push_back(Action{.op = Op::kCancelTask, .task = task->host_task});
      }
    }
  }
  return enabled;
}

absl::Status Session::Step(const Action& action) {
  if (finished_) return absl::FailedPreconditionError("the session has finished");
  if (failed()) return absl::FailedPreconditionError("the run already failed");
  CrashScope crash(crash_context_);
  world_->runtime->MakeCurrent();
  current_action_ = &action;
  world_->budget.Start();
  absl::Status status;
  // Polls and cancels check their own panics; a panic caught here is one
  // from elsewhere (an operation's destructor, a drop). "" names the action.
  Guarded("", "", [&] { status = Apply(action); });
  current_action_ = nullptr;
  if (status.ok()) {
    executed_.actions.push_back(action);
    if (runtime_dead_) return status;
    RunTasks();
    CheckWakeups();
    CheckHeldEnds();
    return status;
  }
  if (options_.skip_inapplicable) {
    ++skipped_;
    world_->trace.Check([&] { return absl::StrCat("skipped (", status.message(), ")"); });
  } else {
    world_->log.Add(Invariant::kScript, absl::StrCat(FormatAction(action), ": ", status.message()));
  }
  return status;
}

bool Session::Guarded(absl::string_view label, const char* where, absl::FunctionRef<void()> body) {
  const size_t violations_before = world_->log.all().size();
  // Built only for a report: "" is the action Step is applying.
  auto what = [&] {
    return label.empty() && current_action_ != nullptr ? FormatAction(*current_action_)
                                                       : std::string(label);
  };
  bool escaped = false;
  try {
    if (runtime_dead_) return false;
    if (std::exception_ptr e = RunEscapable(body)) {
      escaped = true;
      runtime_dead_ = true;  // its frames were abandoned mid-way: never call it again
      std::rethrow_exception(e);
    }
    return true;
  } catch (const sut::RuntimePanic& panic) {
    world_->trace.Runtime([&] { return absl::StrCat("PANIC", where, ": ", panic.message); });
    world_->log.Add(Invariant::kPanic, escaped
                                           ? absl::StrCat(what(),
                                                          " panicked inside a noexcept function (a "
                                                          "destructor), which ends the process: ",
                                                          panic.message)
                                           : absl::StrCat(what(), " panicked: ", panic.message));
  } catch (const model::StepBudgetExceeded& runaway) {
    runtime_dead_ = true;    // it may be anywhere in its loop: never call it again
    world_->budget.Start();  // room for the lines that report it
    world_->trace.Check([&] { return absl::StrCat("VIOLATION: ", runaway.what); });
    world_->log.Add(Invariant::kLivelock, absl::StrCat(what(), ": ", runaway.what));
  } catch (const model::TurnBudgetExceeded&) {
    // The task ledger recorded no-starvation; the runtime is left as it stands.
  } catch (const std::exception& e) {
    // Not the runtime's panic path: C++ threw from a state it should never
    // have reached (in a real guest, undefined behaviour).
    world_->trace.Runtime([&] { return absl::StrCat("EXCEPTION", where, ": ", e.what()); });
    world_->log.Add(Invariant::kPanic,
                    absl::StrCat(what(), " threw ", e.what(), " instead of a runtime panic"));
  }
  // Whatever stopped the body is a failure, recorded above or by a ledger.
  if (world_->log.all().size() == violations_before) {
    world_->log.Add(Invariant::kPanic, absl::StrCat(what(), " did not finish"));
  }
  return false;
}

std::string Session::DescribeForCrash(const void* self, size_t* actions) {
  const auto* session = static_cast<const Session*>(self);
  Scenario scenario = session->executed_;
  if (session->current_action_ != nullptr) scenario.actions.push_back(*session->current_action_);
  *actions = scenario.actions.size();
  return ScenarioToText(scenario);
}

absl::Status Session::Apply(const Action& action) {
  World& w = *world_;
  const bool creates = action.op == Op::kNewFuture || action.op == Op::kReceiveFuture ||
                       action.op == Op::kNewStream || action.op == Op::kReceiveStream;
  if (!creates) w.trace.User([&] { return FormatAction(action); });
  if (creates) {
    const auto index = static_cast<uint32_t>(slots_.size());
    const bool guest_writes = action.op == Op::kNewFuture || action.op == Op::kNewStream;
    const bool stream = action.op == Op::kNewStream || action.op == Op::kReceiveStream;
    w.trace.User([&] {
      return absl::StrFormat("%s => %c%u", FormatAction(action), stream ? 's' : 'f', index);
    });
    if (stream) {
      slots_.push_back(std::make_unique<StreamSlot>(w, index, action.payload, guest_writes));
    } else {
      slots_.push_back(std::make_unique<FutureSlot>(w, index, action.payload, guest_writes));
    }
    return absl::OkStatus();
  }
  if (action.op == Op::kDeliverEvent) return Deliver();
  if (IsTaskOp(action.op)) {
    if (!w.runtime->RunsTaskPrograms()) {
      return absl::FailedPreconditionError(
          absl::StrCat(w.runtime->name(), " runs no task programs"));
    }
    return ApplyTaskAction(action);
  }
  Slot* slot = SlotAt(action.slot);
  if (slot == nullptr) return NoChannel(action.slot);
  return slot->Apply(action);
}

absl::Status Session::ApplyTaskAction(const Action& action) {
  World& w = *world_;
  if (action.op == Op::kCancelTask) {
    absl::StatusOr<rt::Event> event = w.host.CancelExportTask(action.task);
    if (!event.ok()) return event.status();
    w.runtime->Dispatch(*event);
    return absl::OkStatus();
  }
  if (action.op == Op::kTaskSpin) {
    sut::TaskRecord* task = w.StartTask('s', sut::TaskRecord::kNoSlot);
    w.runtime->SpawnSpin(*task);
    return absl::OkStatus();
  }
  Slot* slot = SlotAt(action.slot);
  if (slot == nullptr) return NoChannel(action.slot);
  Slot* target = nullptr;
  if (action.op == Op::kTaskRelay) {
    target = SlotAt(action.target);
    if (target == nullptr) return NoChannel(action.target);
  }
  return slot->StartTask(action, target);
}

// no-lost-wakeup, decided from the host's state. A task that is not queued
// runs again only if something wakes it, so it must be waiting for the host:
// suspended on a copy whose end still has a result to come (in flight, or an
// event the guest has not taken). What it awaits is the guest program's to
// say, not the runtime's: the task's record (program, step, slot) names the
// operation, so the end. A task that yielded or has not run yet must be
// queued; so must one whose end has nothing more to come, as whoever took
// that result (an event delivered to the runtime, a result returned at once
// or to a cancel) had to wake it. A waiting task needs a waker (the ledger's
// count), or its event can never reach it.
//
// The executor's report (TaskInfo::would_progress: the awaited operation has
// its event, or a yield is due) is a cross-check: where the host says the
// task waits but the executor says it could go on, the two disagree and the
// violation says so. For a task the scenario did not start (the runtime's
// background work, such as a default write) there is no record of what it
// awaits, and that report is the only word.
void Session::CheckWakeups() {
  if (failed()) return;
  auto lost = [this](const sut::TaskInfo& task, const std::string& why) {
    const std::string text = absl::StrFormat("task %u (t%u) %s", task.id, task.host_task, why);
    world_->trace.Check([&] { return absl::StrCat("VIOLATION: ", text); });
    world_->log.Add(Invariant::kLostWakeup, text);
  };
  for (const sut::TaskInfo& task : world_->runtime->LiveTasks()) {
    if (task.queued) continue;
    const sut::TaskRecord* record = FindTaskRecord(*world_, task.host_task);
    if (record != nullptr) {
      if (std::optional<std::string> must_run = WhyItMustRun(*record, slots_)) {
        lost(task,
             absl::StrCat(*must_run, ", but it is not queued: its wakeup was lost",
                          task.would_progress ? "" : " (the executor reports nothing to do)"));
        continue;
      }
      if (task.would_progress) {
        lost(task,
             "waits for the host (its copy in flight or its event not taken), but the executor "
             "reports it could make progress and has not queued it: the runtime's view "
             "disagrees with the host's, and nothing will poll it");
        continue;
      }
    } else if (task.would_progress) {
      lost(task, "could make progress, but nothing will poll it: its wakeup was lost");
      continue;
    }
    if (world_->tasks_ledger.wakers(task.id) == 0) {
      // Suspended with no waker anywhere: whatever it awaits cannot wake it.
      lost(task, "is suspended, but no waker points at it: nothing can ever wake it");
    }
  }
}

void Session::CheckHeldEnds() {
  for (const auto& slot : slots_) {
    if (failed()) return;
    slot->CheckHeldEnds();
  }
}

void Session::DrainTasks() {
  for (int turn = 0; turn < 64 && !failed() && world_->runtime->HasQueuedTasks(); ++turn) {
    RunTasks();
  }
}

// A turn of the runtime's loop, as after every callback: tasks woken since
// the last turn (a deferred default write too) run here.
void Session::RunTasks() {
  const uint64_t polls = world_->host.polls();
  if (!Guarded("background task", " in a background task", [&] { world_->runtime->RunTasks(); })) {
    return;
  }
  CheckPollAfterYield(polls);
}

// The spec's callback loop (canon_lift with a callback): a callback that
// returns YIELD is called again with EventCode.NONE (or TASK_CANCELLED), never
// with an event of its waitable set; only one that returns WAIT gets one,
// through waitable-set.wait. So once a turn ends with tasks queued (the
// runtime's YIELD), an event ready in its set reaches it only through its
// own waitable-set.poll: a runtime that skips it keeps the event from every
// task for as long as one of them keeps yielding. The harness never hands
// such an event over (CanDeliver), so it checks the poll here.
void Session::CheckPollAfterYield(uint64_t polls_before) {
  World& w = *world_;
  if (failed() || !w.runtime->HasQueuedTasks() || w.host.polls() != polls_before) return;
  if (!w.host.HasEventFor(w.runtime->waitable_set())) return;
  const std::string text =
      "the turn ended with tasks still queued (the callback's YIELD, after which the host hands "
      "the guest no event) while an event was ready in the runtime's waitable set, and the "
      "runtime did not call waitable-set.poll: that event cannot reach it while a task yields";
  w.trace.Check([&] { return absl::StrCat("VIOLATION: ", text); });
  w.log.Add(Invariant::kPollAfterYield, text);
}

absl::Status Session::CanDeliver() const {
  const World& w = *world_;
  if (w.runtime->HasQueuedTasks()) {
    return absl::FailedPreconditionError(
        "the runtime has tasks queued (its callback returned YIELD, not WAIT): the host "
        "delivers it no event until it waits; a ready event reaches it only through its own "
        "waitable-set.poll");
  }
  if (!w.host.HasEventFor(w.runtime->waitable_set())) {
    return absl::FailedPreconditionError("no event is pending");
  }
  return absl::OkStatus();
}

absl::Status Session::Deliver() {
  if (absl::Status can = CanDeliver(); !can.ok()) return can;
  Guarded("event delivery", " while handling the event", [&] { world_->runtime->WaitForEvent(); });
  return absl::OkStatus();
}

std::vector<std::string> Session::HostCalls() const { return world_->trace.HostCalls(); }

std::string Session::StateSignature() const {
  world_->runtime->MakeCurrent();
  std::string signature;
  (void)Canonical(&signature);
  return signature;
}

std::vector<uint32_t> Session::SymmetryOrder() const { return Canonical(nullptr); }

// Symmetry: two states that differ only in the order their channels were
// made behave alike (with the channels' names swapped), so the signature
// lists the slots in an order that does not depend on it. Each slot's own
// part (its channel's state and what the guest holds of it) names no other
// slot, so the slots are sorted by it; slots whose own parts are equal may
// be listed either way, and the least shared part (pending events, set
// memberships and tasks name slots by position) decides among them. With
// more than 3 such slots, creation order breaks the tie instead: still
// sound, only fewer states merged.
std::vector<uint32_t> Session::Canonical(std::string* signature) const {
  const uint32_t n = static_cast<uint32_t>(slots_.size());
  std::vector<std::string> own(n);
  for (uint32_t i = 0; i < n; ++i) {
    own[i] = absl::StrCat(world_->host.ChannelSignature(slots_[i]->HostChannel()),
                          slots_[i]->Signature(), "|");
  }
  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&own](uint32_t a, uint32_t b) {
    return own[a] != own[b] ? own[a] < own[b] : a < b;  // equal parts: creation order
  });
  std::string shared = SharedSignature(order);
  bool ties = false;
  for (uint32_t k = 0; k + 1 < n; ++k) ties = ties || own[order[k]] == own[order[k + 1]];
  if (ties && n <= 3) {
    std::vector<uint32_t> candidate(n);
    std::iota(candidate.begin(), candidate.end(), 0u);
    const std::vector<uint32_t> sorted = order;
    do {
      bool same_own = true;
      for (uint32_t k = 0; k < n && same_own; ++k) same_own = own[candidate[k]] == own[sorted[k]];
      if (!same_own || candidate == sorted) continue;
      std::string other = SharedSignature(candidate);
      if (other < shared) {
        shared = std::move(other);
        order = candidate;
      }
    } while (std::next_permutation(candidate.begin(), candidate.end()));
  }
  if (signature != nullptr) {
    signature->clear();
    for (uint32_t slot : order) absl::StrAppend(signature, own[slot]);
    absl::StrAppend(signature, shared);
  }
  return order;
}

std::string Session::SharedSignature(const std::vector<uint32_t>& order) const {
  std::vector<uint32_t> position(slots_.size());
  for (uint32_t k = 0; k < order.size(); ++k) position[order[k]] = k;
  std::string out = world_->host.SharedSignature(ChannelsIn(slots_, order));
  // Tasks by program, step and the slots they work on (the records), then
  // the executor's view with the wakers the ledger counts for each.
  absl::StrAppend(&out, "|T");
  for (const auto& task : world_->tasks) {
    absl::StrAppend(&out, std::string{task->program, task->step});
    if (task->count != 0) absl::StrAppend(&out, task->count);  // a stream task's chunk size
    if (task->slot != sut::TaskRecord::kNoSlot) absl::StrAppend(&out, "@", position[task->slot]);
    if (task->target != sut::TaskRecord::kNoSlot) {
      absl::StrAppend(&out, ">", position[task->target]);
    }
  }
  absl::StrAppend(&out, "|E");
  for (const sut::TaskInfo& task : world_->runtime->LiveTasks()) {
    absl::StrAppend(&out, task.host_task != 0 ? "x" : "b", task.queued ? "q" : "",
                    task.would_progress ? "p" : "",
                    world_->tasks_ledger.wakers(task.id).value_or(-1), ";");
  }
  absl::StrAppend(&out, "|L", world_->tasks_ledger.live(), "|failed=", failed() ? 1 : 0);
  return out;
}

// The guest drops everything; the other side finishes; all events are
// delivered; then every ledger must be empty.
void Session::Teardown() {
  World& w = *world_;
  // In the symmetry order: two states with one signature tear down alike.
  const std::vector<uint32_t> order = SymmetryOrder();
  const std::vector<model::MockHost::ChannelRef> channels = ChannelsIn(slots_, order);
  w.trace.User("end of scenario: cancel every task, drop everything");
  w.budget.Start();
  const bool dropped = Guarded("teardown", "", [&] {
    // The caller cancels every export call still running.
    for (const auto& task : w.tasks) {
      absl::StatusOr<rt::Event> event = w.host.CancelExportTask(task->host_task);
      if (event.ok()) w.runtime->Dispatch(*event);
    }
    for (uint32_t slot : order) slots_[slot]->DropAll();
  });
  if (!dropped) return;
  DrainTasks();
  for (int round = 0; round < 8 && !failed(); ++round) {
    w.budget.Start();
    if (!Guarded("the other side's settling", "", [&] { w.host.PeerSettle(channels); })) return;
    // Events only the way the ABI delivers them: each to a runtime that
    // waits (its queued tasks run first, and may take some by their poll).
    bool delivered = false;
    for (DrainTasks(); !failed() && Deliver().ok(); DrainTasks()) delivered = true;
    if (!delivered && w.host.pending_events() == 0) break;
  }
  if (failed()) return;
  const std::vector<sut::TaskInfo> live = w.runtime->LiveTasks();
  if (!live.empty()) {
    w.log.Add(Invariant::kQuiescence,
              absl::StrFormat("%u task(s) still live after every event was delivered (first: "
                              "task %u)",
                              live.size(), live.front().id));
  }
  if (w.runtime->RegisteredWaitables() != 0) {
    w.log.Add(Invariant::kQuiescence,
              absl::StrFormat("%u waitable(s) still registered for events in the runtime after "
                              "every operation finished",
                              w.runtime->RegisteredWaitables()));
  }
  if (failed()) return;
  w.budget.Start();
  if (!Guarded("shutdown", "", [&] { w.runtime->Shutdown(); })) return;  // drops the waitable set
  w.tasks_ledger.CheckAllFreed();
  w.host.CheckLedgersEmpty();
  for (uint32_t slot : order) slots_[slot]->CheckEnd();
  if (!failed()) w.trace.Check("all ledgers empty");
}

RunResult Session::Finish() {
  RunResult result;
  if (!finished_ && !failed()) {
    CrashScope crash(crash_context_);
    world_->runtime->MakeCurrent();
    Teardown();
  }
  finished_ = true;
  result.violations = world_->log.all();
  if (options_.record_trace) {
    result.trace = world_->trace.Render();
    result.host_calls = world_->trace.HostCalls();
    result.ledgers = world_->host.DescribeLedgers() + world_->tasks_ledger.Describe();
  }
  result.executed = executed_;
  result.actions_run = executed_.actions.size();
  result.actions_skipped = skipped_;
  return result;
}

std::string RunResult::Report() const {
  std::string out;
  if (violations.empty()) {
    absl::StrAppend(&out, "PASS\n");
  } else {
    absl::StrAppendFormat(&out, "FAIL: invariant %s violated\n",
                          model::InvariantName(violations.front().invariant));
    for (const model::Violation& v : violations) {
      absl::StrAppendFormat(&out, "  [%s] %s\n", model::InvariantName(v.invariant), v.message);
    }
  }
  absl::StrAppend(&out, "trace:\n", trace, "ledgers:\n", ledgers);
  return out;
}

}  // namespace fc::scenario
