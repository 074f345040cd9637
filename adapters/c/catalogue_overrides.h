// The scripted catalogue as the C runtime (fcrt) must play it: the entries
// it can run (no task actions: it has no executor) and, for each, the exact
// host calls it must make: the pinned C++ trace, unless the text file of
// overrides (c_runtime/catalogue_traces.txt) gives fcrt's own.
//
// The file lists one block per overridden scenario:
//   == cancel-write-wins
//   future.new<u32>() -> r=1 w=2 (f0)
//   ...
// Lines starting with '#' and blank lines are comments.
#ifndef FUTURECHECK_ADAPTERS_C_CATALOGUE_OVERRIDES_H_
#define FUTURECHECK_ADAPTERS_C_CATALOGUE_OVERRIDES_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "scenario/catalogue.h"

namespace fc::adapters::c {

using TraceOverrides = std::map<std::string, std::vector<std::string>>;

inline constexpr char kOverridesPath[] = "c_runtime/catalogue_traces.txt";

// The catalogue entries whose scenario uses no task action.
std::vector<scenario::CatalogueEntry> EntriesWithoutTasks();

absl::StatusOr<TraceOverrides> ParseOverrides(const std::string& text);
std::string FormatOverrides(const TraceOverrides& overrides);
absl::StatusOr<TraceOverrides> ReadOverrides(const std::string& path);

// The host calls `entry` must produce on fcrt under `spec`: its revised
// trace where the revision has one, else fcrt's override or the pinned trace.
const std::vector<std::string>& ExpectedCalls(const scenario::CatalogueEntry& entry,
                                              const TraceOverrides& overrides,
                                              model::SpecRevision spec);

}  // namespace fc::adapters::c

#endif  // FUTURECHECK_ADAPTERS_C_CATALOGUE_OVERRIDES_H_
