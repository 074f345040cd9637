// Runs a whole scenario (a fixed list of actions) against the runtime and the
// mock host through a Session, checking every invariant after each action and
// once everything is dropped.
#ifndef FUTURECHECK_SCENARIO_RUNNER_H_
#define FUTURECHECK_SCENARIO_RUNNER_H_

#include "model/choice_source.h"
#include "scenario/run_result.h"
#include "scenario/scenario.h"
#include "scenario/session.h"

namespace fc::scenario {

// Runs `scenario.actions`, taking intrinsic outcomes from `choices`.
RunResult RunScenario(const Scenario& scenario, model::ChoiceSource& choices,
                      const SessionOptions& options = {});

// Runs `scenario` with its own scripted outcomes; unused or illegal
// outcomes are script errors. Only `options.spec` is taken from `options`:
// a scripted scenario applies every action or fails.
RunResult RunScripted(const Scenario& scenario, const SessionOptions& options = {});

}  // namespace fc::scenario

#endif  // FUTURECHECK_SCENARIO_RUNNER_H_
