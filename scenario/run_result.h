// What one scenario run reports, whichever driver ran it.
#ifndef FUTURECHECK_SCENARIO_RUN_RESULT_H_
#define FUTURECHECK_SCENARIO_RUN_RESULT_H_

#include <string>
#include <vector>

#include "model/violation.h"
#include "scenario/scenario.h"

namespace fc::scenario {

struct RunResult {
  std::vector<model::Violation> violations;  // empty: the scenario passed
  std::string trace;                         // rendered, numbered
  std::vector<std::string> host_calls;       // the intrinsic-call lines only
  std::string ledgers;                       // ledger state at the end or the failure
  Scenario executed;                         // what ran: replays to the same trace
  size_t actions_run = 0;
  size_t actions_skipped = 0;

  bool ok() const { return violations.empty(); }
  // The first violated invariant (only when !ok()).
  model::Invariant first_invariant() const { return violations.front().invariant; }
  // The violated invariants, the trace and the ledgers, ready to print.
  std::string Report() const;
};

}  // namespace fc::scenario

#endif  // FUTURECHECK_SCENARIO_RUN_RESULT_H_
