#include "props/commands.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "props/property_stats.h"
#include "scenario/run_result.h"
#include "scenario/scenario_text.h"

namespace fc::props {

size_t PickQueue::Choose(const model::ChoicePoint& point) {
  widest_ = std::max(widest_, point.options.size());
  if (picks_.empty()) return 0;
  const uint32_t pick = picks_.front();
  picks_.pop_front();
  return pick % point.options.size();
}

bool operator==(const Step& a, const Step& b) { return a.action == b.action && a.picks == b.picks; }

namespace {

// Runs `step` on `live`; false when it did not apply or broke an invariant.
bool RunStep(LiveSession& live, const Step& step) {
  live.steps.push_back(step);
  if (!step.action) return true;
  live.picks.Load(step.picks);
  return live.session->Step(*step.action).ok() && !live.session->failed();
}

// Whether `live` ran exactly `steps` but the last.
bool OneBehind(const LiveSession& live, const std::vector<Step>& steps) {
  return live.steps.size() + 1 == steps.size() &&
         std::equal(live.steps.begin(), live.steps.end(), steps.begin());
}

}  // namespace

void ScenarioModel::Refresh() {
  enabled.clear();
  if (live != nullptr && live->steps == steps) {
    enabled = live->session->EnabledActions();
    return;
  }
  if (live == nullptr || !OneBehind(*live, steps)) {
    // A sequence the shared session did not run (a shrink, or a copy whose
    // sibling extended it first): replay from the start.
    live = std::make_shared<LiveSession>(options);
    for (size_t i = 0; i + 1 < steps.size(); ++i) {
      if (!RunStep(*live, steps[i])) {
        live = nullptr;
        return;
      }
    }
  }
  if (!steps.empty() && !RunStep(*live, steps.back())) {
    live = nullptr;
    return;
  }
  enabled = live->session->EnabledActions();
}

ScenarioModel InitialModel(const scenario::SessionOptions& options) {
  ScenarioModel model;
  model.options = options;
  model.Refresh();
  return model;
}

void StepCommand::checkPreconditions(const ScenarioModel& model) const {
  if (!step_.action) return;
  RC_PRE(std::find(model.enabled.begin(), model.enabled.end(), *step_.action) !=
         model.enabled.end());
}

void StepCommand::apply(ScenarioModel& model) const {
  model.steps.push_back(step_);
  model.Refresh();
}

void StepCommand::run(const ScenarioModel&, SessionSut& sut) const {
  if (!step_.action) return;
  sut.picks.Load(step_.picks);
  PropertyStats::Get().steps++;
  const absl::Status status = sut.session->Step(*step_.action);
  if (sut.session->failed()) FailWith(sut.session->Finish());
  RC_ASSERT(status.ok());
  // Picks must reach every outcome (kMostOutcomes): a model that offers more
  // needs a wider pick range, or the property suite silently skips some.
  RC_ASSERT(sut.picks.widest() <= kMostOutcomes);
}

void StepCommand::show(std::ostream& os) const {
  if (!step_.action) {
    os << "(idle)";
    return;
  }
  os << scenario::FormatAction(*step_.action);
  if (!step_.picks.empty() &&
      std::any_of(step_.picks.begin(), step_.picks.end(), [](uint32_t p) { return p != 0; })) {
    os << " picks";
    for (uint32_t p : step_.picks) os << " " << p;
  }
}

rc::Gen<std::shared_ptr<const rc::state::Command<ScenarioModel, SessionSut>>> GenStep(
    const ScenarioModel& model) {
  using CommandPtr = std::shared_ptr<const rc::state::Command<ScenarioModel, SessionSut>>;
  // At most two choice points per step (the call itself and a deferred
  // default write or a write-all's next copy), each offering at most
  // kMostOutcomes: picks below it, uniform, taken modulo the options. (Three
  // picks in four among the first five outcomes was tried: two zoo bugs went
  // uncaught in 300 cases.)
  rc::Gen<std::vector<uint32_t>> picks =
      rc::gen::container<std::vector<uint32_t>>(2, rc::gen::inRange<uint32_t>(0, kMostOutcomes));
  if (model.enabled.empty()) {
    return rc::gen::map(picks, [](std::vector<uint32_t>) -> CommandPtr {
      return std::make_shared<StepCommand>(Step{std::nullopt, {}});
    });
  }
  return rc::gen::map(rc::gen::pair(rc::gen::elementOf(model.enabled), picks),
                      [](std::pair<scenario::Action, std::vector<uint32_t>> p) -> CommandPtr {
                        return std::make_shared<StepCommand>(Step{p.first, std::move(p.second)});
                      });
}

void FailWith(const scenario::RunResult& result) {
  PropertyStats& stats = PropertyStats::Get();
  stats.failures++;
  stats.last_failure_length = result.executed.actions.size();
  stats.last_failure_invariant = model::InvariantName(result.first_invariant());
  stats.last_failure = result;
  RC_FAIL(absl::StrCat("invariant ", stats.last_failure_invariant, " violated\n", result.Report(),
                       "scenario (save as props/regressions/NAME.txt to replay it):\n",
                       scenario::ScenarioToText(result.executed)));
  __builtin_unreachable();  // RC_FAIL throws
}

}  // namespace fc::props
