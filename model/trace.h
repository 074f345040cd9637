// The readable record of a scenario: one line per user action, intrinsic
// call (with its return code), peer action, event delivery, panic and
// violation. Deterministic: no raw pointers or timings, so the same scenario
// prints the same trace byte for byte.
#ifndef FUTURECHECK_MODEL_TRACE_H_
#define FUTURECHECK_MODEL_TRACE_H_

#include <concepts>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/step_budget.h"

namespace fc::model {

class Trace {
 public:
  enum class Source { kUser, kHost, kPeer, kEvent, kRuntime, kCheck };

  // A line's text, or a callable that makes it: called only while the
  // trace records, so a run that keeps no trace builds no strings.
  // Every line is charged to the budget whether it is kept or not.
  template <typename Text>
  void Add(Source source, Text&& text) {
    if (budget_ != nullptr) budget_->ChargeTraceLine();
    if (!recording_) return;
    if constexpr (std::invocable<Text&>) {
      Keep(source, text());
    } else {
      Keep(source, std::string(std::forward<Text>(text)));
    }
  }
  template <typename Text>
  void User(Text&& text) {
    Add(Source::kUser, std::forward<Text>(text));
  }
  template <typename Text>
  void Host(Text&& text) {
    Add(Source::kHost, std::forward<Text>(text));
  }
  template <typename Text>
  void Peer(Text&& text) {
    Add(Source::kPeer, std::forward<Text>(text));
  }
  template <typename Text>
  void Event(Text&& text) {
    Add(Source::kEvent, std::forward<Text>(text));
  }
  template <typename Text>
  void Runtime(Text&& text) {
    Add(Source::kRuntime, std::forward<Text>(text));
  }
  template <typename Text>
  void Check(Text&& text) {
    Add(Source::kCheck, std::forward<Text>(text));
  }

  // Off: no line is kept, and callers may skip building what only the
  // trace and reports would show (a fuzzer's run, replayed with the trace
  // on when it finds something). On by default.
  void set_recording(bool on) { recording_ = on; }
  bool recording() const { return recording_; }

  // Only the intrinsic calls and the events delivered (the latter marked
  // "<- "), without numbering: what scenario tests compare exactly.
  std::vector<std::string> HostCalls() const;
  const std::vector<std::string>& lines() const { return lines_; }
  // Numbered, one line each, with a source column.
  std::string Render() const;

  // Every line added is charged to `budget` (nullptr: unbounded).
  void set_budget(StepBudget* budget) { budget_ = budget; }

 private:
  void Keep(Source source, std::string text);

  std::vector<std::string> lines_;
  StepBudget* budget_ = nullptr;
  bool recording_ = true;
};

}  // namespace fc::model

#endif  // FUTURECHECK_MODEL_TRACE_H_
