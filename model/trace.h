// The readable record of a scenario: one line per user action, intrinsic
// call (with its return code), peer action, event delivery, panic and
// violation. Deterministic: no raw pointers or timings, so the same scenario
// prints the same trace byte for byte.
#ifndef FUTURECHECK_MODEL_TRACE_H_
#define FUTURECHECK_MODEL_TRACE_H_

#include <string>
#include <string_view>
#include <vector>

#include "model/step_budget.h"

namespace fc::model {

class Trace {
 public:
  enum class Source { kUser, kHost, kPeer, kEvent, kRuntime, kCheck };

  void Add(Source source, std::string text);
  void User(std::string text) { Add(Source::kUser, std::move(text)); }
  void Host(std::string text) { Add(Source::kHost, std::move(text)); }
  void Peer(std::string text) { Add(Source::kPeer, std::move(text)); }
  void Event(std::string text) { Add(Source::kEvent, std::move(text)); }
  void Runtime(std::string text) { Add(Source::kRuntime, std::move(text)); }
  void Check(std::string text) { Add(Source::kCheck, std::move(text)); }

  // Only the intrinsic calls and the events delivered (the latter marked
  // "<- "), without numbering: what scenario tests compare exactly.
  std::vector<std::string> HostCalls() const;
  const std::vector<std::string>& lines() const { return lines_; }
  // Numbered, one line each, with a source column.
  std::string Render() const;

  // Every line added is charged to `budget` (nullptr: unbounded).
  void set_budget(StepBudget* budget) { budget_ = budget; }

 private:
  std::vector<std::string> lines_;
  StepBudget* budget_ = nullptr;
};

}  // namespace fc::model

#endif  // FUTURECHECK_MODEL_TRACE_H_
