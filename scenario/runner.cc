#include "scenario/runner.h"

#include "absl/strings/str_format.h"

namespace fc::scenario {

RunResult RunScenario(const Scenario& scenario, model::ChoiceSource& choices,
                      const SessionOptions& options) {
  Session session(choices, options);
  for (const Action& action : scenario.actions) {
    if (session.failed()) break;
    absl::Status status = session.Step(action);
    if (!status.ok() && !options.skip_inapplicable) break;
  }
  return session.Finish();
}

RunResult RunScripted(const Scenario& scenario, const SessionOptions& options) {
  model::ScriptedChoices choices(scenario.outcomes);
  RunResult result = RunScenario(scenario, choices, SessionOptions{.spec = options.spec});
  for (const std::string& error : choices.errors()) {
    result.violations.push_back(model::Violation{model::Invariant::kScript, error});
  }
  if (choices.remaining() != 0) {
    result.violations.push_back(model::Violation{
        model::Invariant::kScript,
        absl::StrFormat("%u scripted outcome(s) were never used", choices.remaining())});
  }
  return result;
}

}  // namespace fc::scenario
