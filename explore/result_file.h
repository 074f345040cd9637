// The text file one explorer run (or shard) writes with --result, and the
// merge of several of them (--merge): counts, the distinct state hashes (so
// merged states are an exact union), coverage hit counts and the violating
// scenarios in text form.
#ifndef FUTURECHECK_EXPLORE_RESULT_FILE_H_
#define FUTURECHECK_EXPLORE_RESULT_FILE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "explore/explorer.h"

namespace fc::explore {

std::string ResultToText(const ExploreResult& result);
// A depth bound as files and output print it: a number, or "all".
std::string DepthText(int depth);
// Violations come back with `executed` and the first invariant only; replay
// `executed` with RunScripted for the full report.
absl::StatusOr<ExploreResult> ParseResult(absl::string_view text);

// Sums counts, unions states and coverage, keeps the shortest violations
// first. All parts must come from the same template and depth.
absl::StatusOr<ExploreResult> MergeResults(std::vector<ExploreResult> parts);

}  // namespace fc::explore

#endif  // FUTURECHECK_EXPLORE_RESULT_FILE_H_
