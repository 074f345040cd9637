// Exhaustive exploration of scenarios: a stateless breadth-first
// search that re-runs every path from the start through a fresh Session.
//
// A path picks, at each step, one of the template's enabled actions and one
// option at every intrinsic call where the spec allows several (see
// PathChoices). Levels are numbers of actions, so the first violation found
// is a shortest counterexample in actions. After each step the state is
// hashed (Session::StateSignature()); a state already seen is not expanded
// again, and is not torn down again either (equal signatures behave the
// same). Every new state is Finish()ed, so the teardown invariants (leaks,
// quiescence, outcomes) are checked for every explored prefix.
//
// With no depth bound (kNoDepthBound) the search runs until a level adds no
// new state: the state space is then exhausted ("closed"). Session's state
// signature is canonical enough for that to happen: it leaves out what
// cannot change what happens next (handles, serials, values the guest was
// handed back, how many elements a stream ever carried).
//
// Sharding: shard i of N runs the same search until the frontier has at
// least 4N paths (the split level), then keeps the frontier paths whose
// position is i mod N. Work before the split is counted by shard 0 only, so
// merged shard results add up to the unsharded figures (states are merged
// as a union of hashes).
#ifndef FUTURECHECK_EXPLORE_EXPLORER_H_
#define FUTURECHECK_EXPLORE_EXPLORER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "explore/coverage.h"
#include "model/spec_rules.h"
#include "scenario/run_result.h"

namespace fc::explore {

struct ExploreProgress {
  int depth = 0;
  uint64_t states = 0;
  uint64_t transitions = 0;
  uint64_t runs = 0;
  double seconds = 0;
};

// A depth bound of none: the search runs until no new state appears (the
// canonical state signature makes every template's state space finite).
inline constexpr int kNoDepthBound = 1 << 20;

struct ExploreOptions {
  std::string template_name = "all-kinds";
  int max_depth = 6;              // in actions, or kNoDepthBound
  double time_limit_seconds = 0;  // 0: no limit
  uint32_t shard_index = 0;
  uint32_t shard_count = 1;
  model::SpecRevision spec = model::SpecRevision::k2026_08;  // the mock host follows it
  bool keep_going = false;      // collect every violating path instead of stopping
  size_t max_violations = 100;  // with keep_going
  // Called about every `progress_interval_seconds` while exploring.
  std::function<void(const ExploreProgress&)> progress;
  double progress_interval_seconds = 2.0;
  // Threads expanding each level. The states, paths and violations are the
  // same for any number, and so are the work counts and the coverage of a
  // search that finds no violation (with one, the other threads finish the
  // level). More than 1 needs a runtime whose instances share no
  // unsynchronized global state (both runtimes here: the C adapter binds
  // its host per thread).
  uint32_t jobs = 1;
};

using StateHash = std::pair<uint64_t, uint64_t>;

struct ExploreResult {
  std::string template_name;
  model::SpecRevision spec = model::SpecRevision::k2026_08;
  int max_depth = 0;
  uint32_t shard_index = 0;
  uint32_t shard_count = 1;
  bool complete = false;  // every path up to max_depth explored (no time-out, no stop)
  // Complete, and no state at the last level had a successor not seen
  // before: every reachable state was found (whatever the depth bound).
  bool closed = false;
  bool timed_out = false;
  // Work counts below are this shard's own (work before the split is shard 0's).
  uint64_t runs = 0;         // sessions started
  uint64_t transitions = 0;  // explored edges: new steps executed (replays not counted)
  uint64_t steps = 0;        // all Session::Step calls, replays included
  int depth_reached = 0;     // deepest level with a new state
  std::vector<uint64_t> new_states_per_depth;
  std::vector<StateHash> states;  // sorted: distinct states seen (for merging shards)
  double seconds = 0;
  Coverage coverage;
  // Violating runs in the order found (the first is a shortest one).
  std::vector<scenario::RunResult> violations;

  uint64_t distinct_states() const { return states.size(); }
};

absl::StatusOr<ExploreResult> Explore(const ExploreOptions& options);

// The 128-bit hash the explorer keys states by.
StateHash HashSignature(const std::string& signature);

}  // namespace fc::explore

#endif  // FUTURECHECK_EXPLORE_EXPLORER_H_
