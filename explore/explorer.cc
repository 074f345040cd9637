#include "explore/explorer.h"

#include <algorithm>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "explore/path_choices.h"
#include "explore/scenario_template.h"
#include "model/copy_transition.h"
#include "scenario/session.h"

namespace fc::explore {
namespace {

using scenario::Action;
using Clock = std::chrono::steady_clock;

// A frontier entry: a path ending on a step boundary, and how many actions
// the template allows there.
struct Node {
  Path path;
  size_t num_actions = 0;
};

// The search runs without a trace (a violation's path runs again with one,
// for its report): the verdict is the same, and no trace strings are built.
scenario::SessionOptions SessionOptionsFor(const ScenarioTemplate& tmpl, model::SpecRevision spec) {
  scenario::SessionOptions options = tmpl.session_options();
  options.spec = spec;
  options.record_trace = false;
  return options;
}

class Search {
 public:
  Search(const ExploreOptions& options, ScenarioTemplate tmpl)
      : options_(options),
        template_(std::move(tmpl)),
        session_options_(SessionOptionsFor(template_, options.spec)),
        start_(Clock::now()) {}

  absl::StatusOr<ExploreResult> Run();

 private:
  // Runs `path`, whose last action (number `depth`, 1-based) is new, then
  // tears the state down if it is new. Sibling paths (other options at
  // choice points met beyond `path`) go to `siblings`; a new state to expand
  // goes to `next`.
  absl::Status RunChild(const Path& path, int depth, std::deque<Path>& siblings,
                        std::vector<Node>& next);
  // The empty scenario: the initial state.
  absl::Status RunRoot(std::vector<Node>& frontier);
  // Records the violating run of `path` (`depth` actions, every choice
  // point on it answered), run again with its trace for the report; true
  // when the search must stop.
  bool AddViolation(const Path& path, int depth);
  // Tears a new state down (its transitions counted when this shard counts)
  // and records a violation; true when the state passed and may be expanded.
  bool TearDownNewState(scenario::Session& session, const Path& path, int depth);
  // Runs `path` again with the trace on, and tears it down.
  scenario::RunResult Traced(const Path& path, int depth);
  // Steps `session` through the `depth` actions of the path `choices`
  // replays, filling `history`; an error when the path does not replay.
  // `counted`: the last step is a new transition, recorded in the coverage
  // and the step count (a rerun for a report is neither).
  absl::Status Replay(PathChoices& choices, scenario::Session& session, int depth, bool counted,
                      std::vector<Action>& history);
  // Time limit and progress; true when the search must stop.
  bool CheckClock(int depth);
  double Elapsed() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }
  bool counting() const { return options_.shard_count == 1 || split_ || options_.shard_index == 0; }

  const ExploreOptions& options_;
  ScenarioTemplate template_;
  scenario::SessionOptions session_options_;  // the template's, under options_.spec
  Clock::time_point start_;
  double last_progress_ = 0;
  bool split_ = false;
  bool stop_ = false;
  bool cut_off_ = false;  // the depth bound left a new state unexpanded
  absl::flat_hash_set<StateHash> seen_;
  ExploreResult result_;
};

bool Search::TearDownNewState(scenario::Session& session, const Path& path, int depth) {
  result_.coverage.set_recording(counting());
  const bool passed = session.Finish().ok();
  result_.coverage.set_recording(false);
  if (!passed) AddViolation(path, depth);
  return passed;
}

bool Search::AddViolation(const Path& path, int depth) {
  if (result_.violations.size() < std::max<size_t>(options_.max_violations, 1)) {
    result_.violations.push_back(Traced(path, depth));
  }
  if (!options_.keep_going) stop_ = true;
  return stop_;
}

absl::Status Search::Replay(PathChoices& choices, scenario::Session& session, int depth,
                            bool counted, std::vector<Action>& history) {
  uint8_t index = 0;
  while (choices.NextIndex(&index)) {
    const bool last = static_cast<int>(history.size()) + 1 == depth;
    std::vector<Action> allowed = template_.Filter(session.EnabledActions(), history);
    if (index >= allowed.size() || (session.failed() && !last)) {
      return absl::InternalError(
          absl::StrFormat("explorer: path does not replay (step %d: index %d of %d actions)",
                          history.size() + 1, index, allowed.size()));
    }
    result_.coverage.set_recording(counted && last && counting());
    absl::Status status = session.Step(allowed[index]);
    result_.coverage.set_recording(false);
    if (counted && counting()) ++result_.steps;
    if (!status.ok()) {
      return absl::InternalError(
          absl::StrCat("explorer: an enabled action did not apply: ", status.message()));
    }
    history.push_back(allowed[index]);
  }
  if (choices.mismatch() || static_cast<int>(history.size()) != depth) {
    return absl::InternalError("explorer: path does not replay (choice points differ)");
  }
  return absl::OkStatus();
}

scenario::RunResult Search::Traced(const Path& path, int depth) {
  scenario::SessionOptions options = session_options_;
  options.record_trace = true;
  PathChoices choices(path);
  scenario::Session session(choices, options);
  std::vector<Action> history;
  // The path replayed once already, untraced; the verdict is the same.
  (void)Replay(choices, session, depth, /*counted=*/false, history);
  return session.Finish();
}

bool Search::CheckClock(int depth) {
  const double now = Elapsed();
  if (options_.time_limit_seconds > 0 && now >= options_.time_limit_seconds) {
    result_.timed_out = true;
    stop_ = true;
  }
  if (options_.progress && now - last_progress_ >= options_.progress_interval_seconds) {
    last_progress_ = now;
    options_.progress(ExploreProgress{depth, seen_.size(), result_.transitions, result_.runs, now});
  }
  return stop_;
}

absl::Status Search::RunRoot(std::vector<Node>& frontier) {
  Path empty;
  PathChoices choices(empty);
  scenario::Session session(choices, session_options_);
  if (counting()) ++result_.runs;
  seen_.insert(HashSignature(session.StateSignature()));
  result_.new_states_per_depth.push_back(1);
  const size_t num_actions = template_.Filter(session.EnabledActions(), {}).size();
  if (!TearDownNewState(session, empty, 0)) return absl::OkStatus();
  if (num_actions > 0) {
    if (options_.max_depth > 0) {
      frontier.push_back(Node{empty, num_actions});
    } else {
      cut_off_ = true;
    }
  }
  return absl::OkStatus();
}

absl::Status Search::RunChild(const Path& path, int depth, std::deque<Path>& siblings,
                              std::vector<Node>& next) {
  if (counting()) ++result_.runs;
  PathChoices choices(path);
  scenario::Session session(choices, session_options_);
  std::vector<Action> history;
  if (absl::Status s = Replay(choices, session, depth, /*counted=*/true, history); !s.ok()) {
    return s;
  }
  // Other options at the choice points this step met beyond the path.
  const std::vector<uint8_t> discovered = choices.discovered();
  Path full = path;
  for (size_t t = 0; t < discovered.size(); ++t) {
    for (uint8_t v = 1; v < discovered[t]; ++v) {
      Path sibling = full;
      sibling.push_back(v);
      siblings.push_back(std::move(sibling));
    }
    full.push_back(0);
  }
  if (counting()) ++result_.transitions;

  if (session.failed()) {
    AddViolation(full, depth);
    return absl::OkStatus();
  }
  if (!seen_.insert(HashSignature(session.StateSignature())).second) return absl::OkStatus();
  if (static_cast<int>(result_.new_states_per_depth.size()) <= depth) {
    result_.new_states_per_depth.resize(depth + 1, 0);
  }
  ++result_.new_states_per_depth[depth];
  const size_t num_actions = template_.Filter(session.EnabledActions(), history).size();
  if (!TearDownNewState(session, full, depth)) return absl::OkStatus();
  if (num_actions > 0) {
    if (depth < options_.max_depth) {
      next.push_back(Node{std::move(full), num_actions});
    } else {
      cut_off_ = true;  // a new state the bound keeps from being expanded
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<ExploreResult> Search::Run() {
  result_.template_name = template_.name();
  result_.spec = options_.spec;
  result_.coverage.set_spec(options_.spec);
  result_.max_depth = options_.max_depth;
  result_.shard_index = options_.shard_index;
  result_.shard_count = options_.shard_count;
  model::ScopedCopyTransitionObserver observe(&result_.coverage);
  result_.coverage.set_recording(false);

  std::vector<Node> frontier;
  if (absl::Status s = RunRoot(frontier); !s.ok()) return s;
  for (int depth = 0; depth < options_.max_depth && !frontier.empty() && !stop_; ++depth) {
    if (options_.shard_count > 1 && !split_ && frontier.size() >= 4 * options_.shard_count) {
      std::vector<Node> mine;
      for (size_t i = options_.shard_index; i < frontier.size(); i += options_.shard_count) {
        mine.push_back(std::move(frontier[i]));
      }
      frontier = std::move(mine);
      split_ = true;
    }
    std::vector<Node> next;
    for (const Node& node : frontier) {
      for (size_t a = 0; a < node.num_actions && !stop_; ++a) {
        std::deque<Path> pending;
        Path child = node.path;
        child.push_back(static_cast<uint8_t>(a));
        pending.push_back(std::move(child));
        while (!pending.empty() && !stop_) {
          if (CheckClock(depth + 1)) break;
          Path path = std::move(pending.front());
          pending.pop_front();
          if (absl::Status s = RunChild(path, depth + 1, pending, next); !s.ok()) return s;
        }
      }
      if (stop_) break;
    }
    frontier = std::move(next);
  }

  result_.complete = !stop_;
  // The last level expanded found nothing new to expand.
  result_.closed = result_.complete && frontier.empty() && !cut_off_;
  result_.seconds = Elapsed();
  result_.depth_reached = 0;
  for (size_t d = 0; d < result_.new_states_per_depth.size(); ++d) {
    if (result_.new_states_per_depth[d] != 0) result_.depth_reached = static_cast<int>(d);
  }
  result_.states.assign(seen_.begin(), seen_.end());
  std::sort(result_.states.begin(), result_.states.end());
  if (options_.progress) {
    options_.progress(ExploreProgress{result_.depth_reached, seen_.size(), result_.transitions,
                                      result_.runs, result_.seconds});
  }
  return std::move(result_);
}

}  // namespace

StateHash HashSignature(const std::string& signature) {
  // FNV-1a 64 and libstdc++'s seedless string hash: deterministic across runs.
  uint64_t fnv = 0xcbf29ce484222325ull;
  for (unsigned char c : signature) {
    fnv ^= c;
    fnv *= 0x100000001b3ull;
  }
  return {fnv, static_cast<uint64_t>(std::hash<std::string>{}(signature))};
}

absl::StatusOr<ExploreResult> Explore(const ExploreOptions& options) {
  absl::StatusOr<ScenarioTemplate> tmpl = ScenarioTemplate::Named(options.template_name);
  if (!tmpl.ok()) return tmpl.status();
  if (options.max_depth < 0 || (options.max_depth > 200 && options.max_depth != kNoDepthBound)) {
    return absl::InvalidArgumentError("depth must be between 0 and 200, or unbounded");
  }
  if (options.shard_count == 0 || options.shard_index >= options.shard_count) {
    return absl::InvalidArgumentError("shard must be i/N with 0 <= i < N");
  }
  Search search(options, *std::move(tmpl));
  return search.Run();
}

}  // namespace fc::explore
