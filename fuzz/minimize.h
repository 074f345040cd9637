// Greedy shrinking of a failing byte input: drops chunks of bytes and
// lowers single bytes as long as the run still breaks the same invariant.
// Every byte string decodes, so any edit is a candidate; fewer and smaller
// bytes mean fewer steps and option-0 outcomes, i.e. a simpler scenario.
#ifndef FUTURECHECK_FUZZ_MINIMIZE_H_
#define FUTURECHECK_FUZZ_MINIMIZE_H_

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"
#include "fuzz/byte_choices.h"
#include "model/violation.h"
#include "scenario/scenario.h"

namespace fc::fuzz {

struct Minimized {
  std::string bytes;  // version byte kFormatVersion, canonical encoding
  size_t runs = 0;    // candidate runs tried
};

// `bytes` must fail with `invariant`; the result fails the same way and is
// no longer than `bytes`. Stops after `max_runs` candidate runs.
Minimized MinimizeBytes(absl::string_view bytes, model::Invariant invariant,
                        const DecodeOptions& options = {}, size_t max_runs = 50000);

// One of the minimizer's candidates: `executed` without its action `at`.
// When that action made a channel, every action on the channel goes with it
// (a relay into it too) and later channels' slots move down; when an action
// that goes started an export task, cancelling that task goes too and later
// task numbers move down.
scenario::Scenario ScenarioWithoutAction(const scenario::Scenario& executed, size_t at);

}  // namespace fc::fuzz

#endif  // FUTURECHECK_FUZZ_MINIMIZE_H_
