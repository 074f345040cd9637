#include "fuzz/minimize.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/algorithm/container.h"
#include "absl/status/statusor.h"
#include "model/choice_source.h"
#include "scenario/runner.h"
#include "scenario/scenario.h"

namespace fc::fuzz {
namespace {

class Shrinker {
 public:
  Shrinker(model::Invariant invariant, const DecodeOptions& options, size_t max_runs)
      : invariant_(invariant), options_(options), max_runs_(max_runs) {}

  bool out_of_runs() const { return runs_ >= max_runs_; }
  size_t runs() const { return runs_; }

  // True when `candidate` still fails with the same first invariant.
  bool StillFails(const std::string& candidate) {
    ++runs_;
    const DecodedRun run = RunBytes(candidate, options_);
    return !run.result.ok() && run.result.first_invariant() == invariant_;
  }

  // Replaces `best` by `candidate` if that is smaller and still fails.
  bool TryReplace(std::string& best, std::string candidate) {
    if (out_of_runs() || candidate.size() > best.size() || candidate == best) return false;
    if (!StillFails(candidate)) return false;
    best = std::move(candidate);
    return true;
  }

 private:
  model::Invariant invariant_;
  DecodeOptions options_;
  size_t max_runs_;
  size_t runs_ = 0;
};

// The canonical bytes of what `bytes` ran: indices reduced modulo the
// choices, unread bytes gone.
std::string Canonical(const std::string& bytes, const DecodeOptions& options) {
  const DecodedRun run = RunBytes(bytes, options);
  absl::StatusOr<std::string> encoded = EncodeScenario(run.result.executed, options);
  return encoded.ok() ? *encoded : bytes;
}

// The bytes of `executed` without its action `at` (and what goes with it:
// see ScenarioWithoutAction), re-run and encoded. Bytes cannot drop a step
// by themselves: removing one shifts the indices of every later step.
// Actions that no longer apply are skipped and outcomes no longer legal
// fall back to option 0.
std::optional<std::string> WithoutAction(const scenario::Scenario& executed, size_t at,
                                         const DecodeOptions& options) {
  const scenario::Scenario candidate = ScenarioWithoutAction(executed, at);
  model::ScriptedChoices choices(candidate.outcomes);
  scenario::SessionOptions session = options.session;
  session.skip_inapplicable = true;
  const scenario::RunResult run = scenario::RunScenario(candidate, choices, session);
  absl::StatusOr<std::string> bytes = EncodeScenario(run.executed, options);
  if (!bytes.ok()) return std::nullopt;
  return *bytes;
}

}  // namespace

namespace {

bool MakesChannel(scenario::Op op) {
  using scenario::Op;
  return op == Op::kNewFuture || op == Op::kReceiveFuture || op == Op::kNewStream ||
         op == Op::kReceiveStream;
}

// Whether `op` names a channel's slot (a relay also its target's).
bool ActsOnSlot(scenario::Op op) {
  using scenario::Op;
  return !MakesChannel(op) && op != Op::kDeliverEvent && op != Op::kTaskSpin &&
         op != Op::kCancelTask;
}

// Whether `op` starts an export task (numbered 1, 2, ... by the host).
bool StartsTask(scenario::Op op) {
  return scenario::IsTaskOp(op) && op != scenario::Op::kCancelTask;
}

}  // namespace

scenario::Scenario ScenarioWithoutAction(const scenario::Scenario& executed, size_t at) {
  using scenario::Op;
  const std::vector<scenario::Action>& actions = executed.actions;
  std::vector<bool> drop(actions.size(), false);
  drop[at] = true;
  // A channel that goes takes every action on it along (channels are
  // numbered in creation order, futures and streams alike).
  std::optional<uint32_t> gone_slot;
  if (MakesChannel(actions[at].op)) {
    uint32_t slot = 0;
    for (size_t i = 0; i < at; ++i) slot += MakesChannel(actions[i].op) ? 1 : 0;
    gone_slot = slot;
    for (size_t i = 0; i < actions.size(); ++i) {
      const scenario::Action& a = actions[i];
      if (ActsOnSlot(a.op) && (a.slot == slot || (a.op == Op::kTaskRelay && a.target == slot))) {
        drop[i] = true;
      }
    }
  }
  // Tasks that go are never started: cancelling them goes too, and the
  // tasks started after them move down.
  std::vector<uint32_t> gone_tasks;
  uint32_t task = 0;
  for (size_t i = 0; i < actions.size(); ++i) {
    if (!StartsTask(actions[i].op)) continue;
    ++task;
    if (drop[i]) gone_tasks.push_back(task);
  }
  scenario::Scenario candidate;
  candidate.outcomes = executed.outcomes;
  for (size_t i = 0; i < actions.size(); ++i) {
    if (drop[i]) continue;
    scenario::Action a = actions[i];
    if (a.op == Op::kCancelTask) {
      if (absl::c_linear_search(gone_tasks, a.task)) continue;
      a.task -= static_cast<uint32_t>(
          absl::c_count_if(gone_tasks, [&](uint32_t t) { return t < a.task; }));
    } else if (gone_slot && ActsOnSlot(a.op)) {
      if (a.slot > *gone_slot) --a.slot;
      if (a.op == Op::kTaskRelay && a.target > *gone_slot) --a.target;
    }
    candidate.actions.push_back(a);
  }
  return candidate;
}

Minimized MinimizeBytes(absl::string_view input, model::Invariant invariant,
                        const DecodeOptions& options, size_t max_runs) {
  Shrinker shrinker(invariant, options, max_runs);
  std::string best(input);
  if (best.empty()) best.push_back(static_cast<char>(VersionFor(options)));
  best[0] = static_cast<char>(VersionFor(options));  // same decoding, honest version
  shrinker.TryReplace(best, Canonical(best, options));

  bool progress = true;
  while (progress && !shrinker.out_of_runs()) {
    progress = false;
    // Drop whole actions (and whole futures), last first.
    for (size_t at = RunBytes(best, options).result.executed.actions.size(); at-- > 0;) {
      if (shrinker.out_of_runs()) break;
      const scenario::Scenario executed = RunBytes(best, options).result.executed;
      if (at >= executed.actions.size()) continue;
      std::optional<std::string> candidate = WithoutAction(executed, at, options);
      if (candidate && shrinker.TryReplace(best, std::move(*candidate))) progress = true;
    }
    // Drop chunks, big ones first (steps with their choice bytes go first).
    for (size_t chunk : {16, 8, 4, 2, 1}) {
      for (size_t at = 1; at < best.size() && !shrinker.out_of_runs();) {
        std::string candidate = best;
        candidate.erase(at, chunk);
        if (shrinker.TryReplace(best, std::move(candidate))) {
          progress = true;
        } else {
          ++at;
        }
      }
    }
    // Lower single bytes: 0 first (the first action / the passive outcome).
    for (size_t at = 1; at < best.size() && !shrinker.out_of_runs(); ++at) {
      const auto byte = static_cast<uint8_t>(best[at]);
      for (uint8_t lower :
           {uint8_t{0}, static_cast<uint8_t>(byte / 2), static_cast<uint8_t>(byte - 1)}) {
        if (lower >= byte) continue;
        std::string candidate = best;
        candidate[at] = static_cast<char>(lower);
        if (shrinker.TryReplace(best, std::move(candidate))) {
          progress = true;
          break;
        }
      }
    }
    if (shrinker.TryReplace(best, Canonical(best, options))) progress = true;
  }
  return Minimized{best, shrinker.runs()};
}

}  // namespace fc::fuzz
