// Coverage of the host's state machines: which spec transitions of channel
// ends (channel kind x end x holder x from-state -> to-state x cause x
// result), waitable sets and export tasks a search exercised, and how often. It is a
// CopyTransitionObserver; the explorer turns recording on only for the steps it executes for the
// first time, so replays of a known prefix do not inflate the counts.
//
// ExpectedTransitions() is the full list the spec allows for this model
// (synchronous cancel, spec commit 6d28164), so "never reached" means a gap
// in the search, and "unexpected" means the model did something the list
// does not foresee. Gaps are counted only for the machines a search touched
// (future, stream, waitable-set, export-task): a futures-only search does
// not owe stream transitions.
#ifndef FUTURECHECK_EXPLORE_COVERAGE_H_
#define FUTURECHECK_EXPLORE_COVERAGE_H_

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "model/copy_transition.h"
#include "model/spec_rules.h"

namespace fc::explore {

// Every transition key the spec allows, in a fixed order: futures, then
// streams (CopyTransition::Key; per kind the guest's and the other end's
// writable and readable ends), then waitable sets and export tasks
// (HostTransition::Key). Under each spec revision its own.
const std::vector<std::string>& ExpectedTransitions(model::SpecRevision spec);

// Transitions the model implements that no driver here reaches, by design
// (a blocked cancel; the other end cancelling over a pending result): the
// table lists them apart, and they are not gaps. Disjoint from
// ExpectedTransitions(spec).
const std::vector<std::string>& ModelOnlyTransitions(model::SpecRevision spec);

class Coverage final : public model::CopyTransitionObserver {
 public:
  void OnTransition(const model::CopyTransition& transition) override;
  void OnHostTransition(const model::HostTransition& transition) override;
  void set_recording(bool on) { recording_ = on; }
  // The revision whose expected transitions the gaps are counted against.
  void set_spec(model::SpecRevision spec) { spec_ = spec; }
  model::SpecRevision spec() const { return spec_; }

  void Add(const std::string& key, uint64_t count) { counts_[key] += count; }
  void Merge(const Coverage& other);
  const std::map<std::string, uint64_t>& counts() const { return counts_; }
  uint64_t count(const std::string& key) const;

  // The machines with at least one recorded transition: "future",
  // "stream", "waitable-set", "export-task".
  std::set<std::string> KindsSeen() const;
  // The expected transitions of the kinds seen.
  std::vector<std::string> Relevant() const;
  std::vector<std::string> NeverReached() const;
  std::vector<std::string> Unexpected() const;  // observed but not in ExpectedTransitions(spec())
  size_t reached_expected() const;

  // The hit-count table, the end states reached per end, and the gaps.
  std::string Table() const;
  // Graphviz: one cluster per end or machine part ("future writable
  // guest", "waitable-set member guest", ...), edges labelled with cause,
  // result and hit count; never-reached edges dashed red.
  std::string ToDot() const;

 private:
  bool recording_ = true;
  model::SpecRevision spec_ = model::SpecRevision::k2026_08;
  std::map<std::string, uint64_t> counts_;
};

}  // namespace fc::explore

#endif  // FUTURECHECK_EXPLORE_COVERAGE_H_
