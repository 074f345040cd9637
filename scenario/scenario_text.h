// The text form of a scenario, the format every tool reads and writes:
// regression files, the reproducer's output, --emit-test.
//
//   # comments and blank lines are ignored
//   new u32              # the guest makes a future<u32> and keeps the writer
//   receive string       # the other side hands the guest a future<string> reader
//   write f0
//   poll-write f0
//   peer-read f0
//   deliver
//   outcomes: BLOCKED COMPLETED
//
// Actions are FormatAction's; the optional `outcomes:` line lists the return
// code to pick at each intrinsic call where the spec allows several.
#ifndef FUTURECHECK_SCENARIO_SCENARIO_TEXT_H_
#define FUTURECHECK_SCENARIO_SCENARIO_TEXT_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "scenario/scenario.h"

namespace fc::scenario {

// Parses the text form; errors name the line and what was expected.
absl::StatusOr<Scenario> ParseScenario(absl::string_view text);

// The text form: FormatScenario, which ParseScenario reads back exactly.
std::string ScenarioToText(const Scenario& scenario);

// A ready-to-paste GoogleTest regression test named `name` that replays
// `scenario` and expects every invariant to hold. (Or save ScenarioToText
// under props/regressions/, which the test suite replays.)
std::string ScenarioToRegressionTest(absl::string_view name, const Scenario& scenario);

}  // namespace fc::scenario

#endif  // FUTURECHECK_SCENARIO_SCENARIO_TEXT_H_
