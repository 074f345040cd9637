// The scripted scenarios: one per outcome of the future and stream state
// machines (each write, read and cancel result, each race, each documented
// panic) and of the task programs, with the exact sequence of intrinsic
// calls each must produce. Shared by the scenario test suite and the
// `futurecheck` main job.
#ifndef FUTURECHECK_SCENARIO_CATALOGUE_H_
#define FUTURECHECK_SCENARIO_CATALOGUE_H_

#include <map>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "model/spec_rules.h"
#include "scenario/scenario.h"

namespace fc::scenario {

struct CatalogueEntry {
  std::string name;
  std::string what;  // one line: the behaviour it pins down
  Scenario scenario;
  std::vector<std::string> expected_host_calls;  // under 2026-08: exact, in order
  // Under a later spec revision, only where the trace differs.
  std::map<model::SpecRevision, std::vector<std::string>> revised_host_calls;

  // The exact intrinsic calls under `spec`.
  const std::vector<std::string>& ExpectedHostCalls(model::SpecRevision spec) const;
};

const std::vector<CatalogueEntry>& Catalogue();

using PinnedTraces = std::vector<std::pair<std::string, std::vector<std::string>>>;
// Expected traces by scenario name (catalogue_traces.cc): under 2026-08, and
// under a later revision where they differ from it (none for 2026-08).
const PinnedTraces& CatalogueTraces();
const PinnedTraces& RevisedCatalogueTraces(model::SpecRevision spec);

// gtest prints parameters with this.
void PrintTo(const CatalogueEntry& entry, std::ostream* os);

}  // namespace fc::scenario

#endif  // FUTURECHECK_SCENARIO_CATALOGUE_H_
