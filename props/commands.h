// The RapidCheck stateful model of a scenario (rc::state).
//
// Commands are steps of the scenario language: a guest action (new, write,
// poll, cancel, destroy an operation or an end), an action of the other end
// (take the value, supply one, cancel, drop), or delivering the next event;
// each carries the picks used at the intrinsic calls it makes, so the return
// codes (BLOCKED / COMPLETED / DROPPED / CANCELLED, and every race between a
// cancel and a completion or a drop) are generated too, always from the
// model's legal set.
//
// The model is the list of steps so far. What is legal next is asked of a
// Session that ran them, so the model is the harness's own spec model and
// can never drift from it. That session lives on between steps (shared by
// the model's copies, which RapidCheck makes as it generates): a step that
// extends the steps it ran costs one Session::Step, not a replay of the
// whole prefix; any other sequence (a shrink) replays from the start.
// Shrinking removes steps and lowers picks toward 0 ("the other end stays
// put"); a step no longer legal is dropped by RapidCheck's precondition
// check.
#ifndef FUTURECHECK_PROPS_COMMANDS_H_
#define FUTURECHECK_PROPS_COMMANDS_H_

#include <rapidcheck.h>
#include <rapidcheck/state.h>

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <ostream>
#include <vector>

#include "model/choice_source.h"
#include "scenario/run_result.h"
#include "scenario/scenario.h"
#include "scenario/session.h"
#include "scenario/stream_slot.h"

namespace fc::props {

// One step: an action (none: an idle turn, when nothing applies) and the
// picks for the choice points it meets, taken modulo the number of legal
// outcomes.
struct Step {
  std::optional<scenario::Action> action;
  std::vector<uint32_t> picks;
};

// The most legal outcomes one choice point offers: a stream copy or cancel
// has BLOCKED or CANCELLED(0), every count from 1 to the scenarios' copy
// limit, and DROPPED (futures: at most three). Picks range below it, so
// every outcome can be picked; a wider point fails the property.
inline constexpr uint32_t kMostOutcomes = scenario::kScenarioCopyLimit + 2;

// Feeds one step's picks to the mock host's choice points.
class PickQueue final : public model::ChoiceSource {
 public:
  void Load(const std::vector<uint32_t>& picks) { picks_.assign(picks.begin(), picks.end()); }
  size_t Choose(const model::ChoicePoint& point) override;
  // The most options any choice point offered so far.
  size_t widest() const { return widest_; }

 private:
  std::deque<uint32_t> picks_;
  size_t widest_ = 0;
};

bool operator==(const Step& a, const Step& b);

// A session that ran exactly `steps` (none failed).
struct LiveSession {
  explicit LiveSession(const scenario::SessionOptions& options)
      : session(std::make_unique<scenario::Session>(picks, options)) {}
  PickQueue picks;
  std::unique_ptr<scenario::Session> session;
  std::vector<Step> steps;
};

struct ScenarioModel {
  scenario::SessionOptions options;
  std::vector<Step> steps;
  std::vector<scenario::Action> enabled;  // what may come next
  // The session that ran `steps`, or ran all but the last of them (then
  // Refresh steps it once). Shared by copies: whichever extends it first
  // keeps it; the others replay into a session of their own.
  std::shared_ptr<LiveSession> live;

  // Brings `live` up to `steps` and refreshes `enabled` (empty once a step
  // failed).
  void Refresh();
};

ScenarioModel InitialModel(const scenario::SessionOptions& options);

// The system under test: a live session and the queue feeding its picks.
struct SessionSut {
  explicit SessionSut(const scenario::SessionOptions& options)
      : session(std::make_unique<scenario::Session>(picks, options)) {}
  PickQueue picks;
  std::unique_ptr<scenario::Session> session;
};

class StepCommand final : public rc::state::Command<ScenarioModel, SessionSut> {
 public:
  explicit StepCommand(Step step) : step_(std::move(step)) {}
  void checkPreconditions(const ScenarioModel& model) const override;
  void apply(ScenarioModel& model) const override;
  void run(const ScenarioModel& model, SessionSut& sut) const override;
  void show(std::ostream& os) const override;

 private:
  Step step_;
};

// RapidCheck's generator of the next command for `model`.
rc::Gen<std::shared_ptr<const rc::state::Command<ScenarioModel, SessionSut>>> GenStep(
    const ScenarioModel& model);

// Fails the property with the run's report, the scenario that reproduces it
// and its invariant (also recorded for the zoo's statistics).
[[noreturn]] void FailWith(const scenario::RunResult& result);

}  // namespace fc::props

#endif  // FUTURECHECK_PROPS_COMMANDS_H_
