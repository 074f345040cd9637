// The scripted scenarios: one per outcome of the future and stream state
// machines (each write, read and cancel result, each race, each documented
// panic) and of the task programs, with the exact sequence of intrinsic
// calls each must produce. Shared by the scenario test suite and the
// `futurecheck` main job.
#ifndef FUTURECHECK_SCENARIO_CATALOGUE_H_
#define FUTURECHECK_SCENARIO_CATALOGUE_H_

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "scenario/scenario.h"

namespace fc::scenario {

struct CatalogueEntry {
  std::string name;
  std::string what;  // one line: the behaviour it pins down
  Scenario scenario;
  std::vector<std::string> expected_host_calls;  // exact, in order
};

const std::vector<CatalogueEntry>& Catalogue();

// Expected traces by scenario name (catalogue_traces.cc).
const std::vector<std::pair<std::string, std::vector<std::string>>>& CatalogueTraces();

// gtest prints parameters with this.
void PrintTo(const CatalogueEntry& entry, std::ostream* os);

}  // namespace fc::scenario

#endif  // FUTURECHECK_SCENARIO_CATALOGUE_H_
