#include "explore/explorer.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/functional/function_ref.h"
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

// Work counts, added to by one thread at a time (relaxed atomics: the
// progress line reads them while workers run).
struct Tally {
  std::atomic<uint64_t> runs{0};
  std::atomic<uint64_t> transitions{0};
  std::atomic<uint64_t> steps{0};
  void Add(std::atomic<uint64_t>& counter) { counter.fetch_add(1, std::memory_order_relaxed); }
};

// Where one thread's runs record: its transition coverage and work counts.
struct Worker {
  Coverage* coverage;
  Tally* tally;
};

// What one run found, for the level's bookkeeping (Search::Take).
struct Outcome {
  Path path;                 // every choice point on it answered
  bool failed_step = false;  // the new step broke an invariant
  bool unseen = false;       // a state no earlier level had
  StateHash hash;
  size_t num_actions = 0;      // what the template allows there
  std::optional<bool> passed;  // its teardown's verdict, if this run tore it down
};

class Search {
 public:
  Search(const ExploreOptions& options, ScenarioTemplate tmpl)
      : options_(options),
        template_(std::move(tmpl)),
        session_options_(SessionOptionsFor(template_, options.spec)),
        start_(Clock::now()) {}

  absl::StatusOr<ExploreResult> Run();

 private:
  // Runs `path`, whose last action (number `depth`, 1-based) is new, and
  // tears its state down if no earlier level had it and `claim` says this
  // run is the first to reach it. Sibling paths (other options at choice
  // points met beyond `path`) go to `siblings`.
  absl::StatusOr<Outcome> RunPath(const Path& path, int depth, std::deque<Path>& siblings,
                                  const Worker& worker,
                                  const std::function<bool(const StateHash&)>& claim);
  // Runs one unit of a level: the frontier path `node` with action `a`,
  // then the sibling paths its choice points discover, handing each
  // outcome to `book` in order, until the unit is done or the search stops.
  // `watch_clock`: check the time limit (and report progress) before each
  // run, which only the searching thread may do.
  absl::Status RunUnit(const Path& node, size_t a, int depth, const Worker& worker,
                       const std::function<bool(const StateHash&)>& claim,
                       absl::FunctionRef<void(Outcome&&)> book, bool watch_clock);
  // Books one run's outcome: a violation, or a new state (expanded next
  // level when it passed its teardown). `passed` is the state's verdict.
  void Take(const Outcome& outcome, bool passed, int depth, std::vector<Node>& next);
  // Every child of the frontier's nodes, in this thread, each booked at
  // once (stops at the first violation unless keep_going).
  absl::Status ExpandLevel(const std::vector<Node>& frontier, int depth, std::vector<Node>& next);
  // The same on `options_.jobs` threads: each takes whole (node, action)
  // units; the outcomes are booked afterwards in the order one thread would
  // have met them, so states, paths and verdicts are the same as with one.
  absl::Status ExpandLevelInParallel(const std::vector<Node>& frontier, int depth,
                                     std::vector<Node>& next);
  // The empty scenario: the initial state.
  absl::Status RunRoot(std::vector<Node>& frontier);
  // Records the violating run of `path` (`depth` actions, every choice
  // point on it answered), run again with its trace for the report; true
  // when the search must stop.
  bool AddViolation(const Path& path, int depth);
  // Tears a new state down (its transitions recorded when this shard
  // counts); true when it passed.
  bool TearDown(scenario::Session& session, Coverage& coverage);
  // Runs `path` again with the trace on, and tears it down.
  scenario::RunResult Traced(const Path& path, int depth);
  // Steps `session` through the `depth` actions of the path `choices`
  // replays, filling `history`; an error when the path does not replay.
  // `worker`: the last step is a new transition, recorded in its coverage
  // and every step in its step count (a rerun for a report passes none).
  absl::Status Replay(PathChoices& choices, scenario::Session& session, int depth,
                      const Worker* worker, std::vector<Action>& history);
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
  std::atomic<bool> stop_{false};
  bool cut_off_ = false;  // the depth bound left a new state unexpanded
  absl::flat_hash_set<StateHash> seen_;
  Tally tally_;
  ExploreResult result_;
};

bool Search::TearDown(scenario::Session& session, Coverage& coverage) {
  coverage.set_recording(counting());
  const bool passed = session.Finish().ok();
  coverage.set_recording(false);
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
                            const Worker* worker, std::vector<Action>& history) {
  const bool counted = worker != nullptr && counting();
  uint8_t index = 0;
  while (choices.NextIndex(&index)) {
    const bool last = static_cast<int>(history.size()) + 1 == depth;
    std::vector<Action> allowed = template_.Filter(session.EnabledActions(), history);
    if (index >= allowed.size() || (session.failed() && !last)) {
      return absl::InternalError(
          absl::StrFormat("explorer: path does not replay (step %d: index %d of %d actions)",
                          history.size() + 1, index, allowed.size()));
    }
    if (counted) worker->coverage->set_recording(last);
    absl::Status status = session.Step(allowed[index]);
    if (counted) {
      worker->coverage->set_recording(false);
      worker->tally->Add(worker->tally->steps);
    }
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
  (void)Replay(choices, session, depth, /*worker=*/nullptr, history);
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
    options_.progress(
        ExploreProgress{depth, seen_.size(), tally_.transitions.load(), tally_.runs.load(), now});
  }
  return stop_;
}

absl::Status Search::RunRoot(std::vector<Node>& frontier) {
  Path empty;
  PathChoices choices(empty);
  scenario::Session session(choices, session_options_);
  if (counting()) tally_.Add(tally_.runs);
  seen_.insert(HashSignature(session.StateSignature()));
  result_.new_states_per_depth.push_back(1);
  const size_t num_actions = template_.Filter(session.EnabledActions(), {}).size();
  if (!TearDown(session, result_.coverage)) {
    AddViolation(empty, 0);
    return absl::OkStatus();
  }
  if (num_actions > 0) {
    if (options_.max_depth > 0) {
      frontier.push_back(Node{empty, num_actions});
    } else {
      cut_off_ = true;
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<Outcome> Search::RunPath(const Path& path, int depth, std::deque<Path>& siblings,
                                        const Worker& worker,
                                        const std::function<bool(const StateHash&)>& claim) {
  if (counting()) worker.tally->Add(worker.tally->runs);
  PathChoices choices(path);
  scenario::Session session(choices, session_options_);
  std::vector<Action> history;
  if (absl::Status s = Replay(choices, session, depth, &worker, history); !s.ok()) return s;
  Outcome outcome;
  // Other options at the choice points this step met beyond the path.
  const std::vector<uint8_t> discovered = choices.discovered();
  outcome.path = path;
  for (size_t t = 0; t < discovered.size(); ++t) {
    for (uint8_t v = 1; v < discovered[t]; ++v) {
      Path sibling = outcome.path;
      sibling.push_back(v);
      siblings.push_back(std::move(sibling));
    }
    outcome.path.push_back(0);
  }
  if (counting()) worker.tally->Add(worker.tally->transitions);

  if (session.failed()) {
    outcome.failed_step = true;
    return outcome;
  }
  outcome.hash = HashSignature(session.StateSignature());
  if (seen_.contains(outcome.hash)) return outcome;
  outcome.unseen = true;
  outcome.num_actions = template_.Filter(session.EnabledActions(), history).size();
  if (claim(outcome.hash)) outcome.passed = TearDown(session, *worker.coverage);
  return outcome;
}

void Search::Take(const Outcome& outcome, bool passed, int depth, std::vector<Node>& next) {
  if (outcome.failed_step) {
    AddViolation(outcome.path, depth);
    return;
  }
  if (!outcome.unseen || !seen_.insert(outcome.hash).second) return;
  if (static_cast<int>(result_.new_states_per_depth.size()) <= depth) {
    result_.new_states_per_depth.resize(depth + 1, 0);
  }
  ++result_.new_states_per_depth[depth];
  if (!passed) {
    AddViolation(outcome.path, depth);
    return;
  }
  if (outcome.num_actions > 0) {
    if (depth < options_.max_depth) {
      next.push_back(Node{outcome.path, outcome.num_actions});
    } else {
      cut_off_ = true;  // a new state the bound keeps from being expanded
    }
  }
}

absl::Status Search::RunUnit(const Path& node, size_t a, int depth, const Worker& worker,
                             const std::function<bool(const StateHash&)>& claim,
                             absl::FunctionRef<void(Outcome&&)> book, bool watch_clock) {
  std::deque<Path> pending;
  Path child = node;
  child.push_back(static_cast<uint8_t>(a));
  pending.push_back(std::move(child));
  while (!pending.empty() && !stop_) {
    if (watch_clock && CheckClock(depth)) break;
    Path path = std::move(pending.front());
    pending.pop_front();
    absl::StatusOr<Outcome> outcome = RunPath(path, depth, pending, worker, claim);
    if (!outcome.ok()) return outcome.status();
    book(*std::move(outcome));
  }
  return absl::OkStatus();
}

absl::Status Search::ExpandLevel(const std::vector<Node>& frontier, int depth,
                                 std::vector<Node>& next) {
  const Worker worker{&result_.coverage, &tally_};
  // Each outcome is booked before the next run, so a state this level
  // already found is in seen_: only a first reach is torn down.
  auto first = [](const StateHash&) { return true; };
  auto book = [&](Outcome&& o) { Take(o, o.passed.value_or(true), depth, next); };
  for (const Node& node : frontier) {
    for (size_t a = 0; a < node.num_actions && !stop_; ++a) {
      if (absl::Status s = RunUnit(node.path, a, depth, worker, first, book, /*watch_clock=*/true);
          !s.ok()) {
        return s;
      }
    }
    if (stop_) break;
  }
  return absl::OkStatus();
}

absl::Status Search::ExpandLevelInParallel(const std::vector<Node>& frontier, int depth,
                                           std::vector<Node>& next) {
  // Units: (node, action) in frontier order; each keeps its outcomes in
  // the order its runs met them.
  std::vector<std::pair<size_t, size_t>> units;
  for (size_t n = 0; n < frontier.size(); ++n) {
    for (size_t a = 0; a < frontier[n].num_actions; ++a) units.emplace_back(n, a);
  }
  std::vector<std::vector<Outcome>> outcomes(units.size());
  std::vector<absl::Status> errors(units.size());
  // A state two units reach is torn down once, by whichever claims it
  // first: by soundness its verdict and transitions are the same.
  std::mutex claims_mutex;
  absl::flat_hash_set<StateHash> claims;
  auto claim = [&](const StateHash& hash) {
    std::lock_guard<std::mutex> lock(claims_mutex);
    return claims.insert(hash).second;
  };
  std::atomic<size_t> next_unit{0};
  std::atomic<size_t> busy{options_.jobs};
  std::vector<Coverage> coverage(options_.jobs);
  auto work = [&](uint32_t w) {
    coverage[w].set_spec(options_.spec);
    coverage[w].set_recording(false);
    model::ScopedCopyTransitionObserver observe(&coverage[w]);
    const Worker worker{&coverage[w], &tally_};
    for (size_t u = next_unit++; u < units.size() && !stop_; u = next_unit++) {
      // A state an earlier level had books nothing: keep only the rest.
      auto keep = [&outcomes, u](Outcome&& o) {
        if (o.failed_step || o.unseen) outcomes[u].push_back(std::move(o));
      };
      errors[u] = RunUnit(frontier[units[u].first].path, units[u].second, depth, worker, claim,
                          keep, /*watch_clock=*/false);
      if (!errors[u].ok()) stop_ = true;
    }
    --busy;
  };
  std::vector<std::thread> threads;
  for (uint32_t w = 0; w < options_.jobs; ++w) threads.emplace_back(work, w);
  while (busy > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    CheckClock(depth);
  }
  for (std::thread& t : threads) t.join();
  for (const Coverage& c : coverage) result_.coverage.Merge(c);
  for (const absl::Status& error : errors) {
    if (!error.ok()) return error;
  }
  // The verdicts, from the runs that tore the states down.
  absl::flat_hash_map<StateHash, bool> passed;
  for (const auto& unit : outcomes) {
    for (const Outcome& o : unit) {
      if (o.passed.has_value()) passed[o.hash] = *o.passed;
    }
  }
  // Booked in one thread's order. The whole level ran, so after a
  // violation the booking stops where one thread would have stopped (the
  // work counts and coverage include the runs after it).
  for (const auto& unit : outcomes) {
    for (const Outcome& o : unit) {
      Take(o, o.unseen ? passed.at(o.hash) : true, depth, next);
      if (stop_ && !result_.timed_out && !options_.keep_going) return absl::OkStatus();
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
    absl::Status s = options_.jobs > 1 ? ExpandLevelInParallel(frontier, depth + 1, next)
                                       : ExpandLevel(frontier, depth + 1, next);
    if (!s.ok()) return s;
    frontier = std::move(next);
  }

  result_.complete = !stop_;
  // The last level expanded found nothing new to expand.
  result_.closed = result_.complete && frontier.empty() && !cut_off_;
  result_.seconds = Elapsed();
  result_.runs = tally_.runs;
  result_.transitions = tally_.transitions;
  result_.steps = tally_.steps;
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
  if (options.jobs == 0 || options.jobs > 256) {
    return absl::InvalidArgumentError("jobs must be between 1 and 256");
  }
  Search search(options, *std::move(tmpl));
  return search.Run();
}

}  // namespace fc::explore
