// Where nondeterminism enters: whenever the spec allows more than one legal
// answer to an intrinsic call (because the other end may act just before
// it), the mock host asks a ChoiceSource which one happens. Every driver is
// one of these: a scripted list (scenario tests), fuzzer bytes, RapidCheck
// generators, or the exhaustive explorer.
#ifndef FUTURECHECK_MODEL_CHOICE_SOURCE_H_
#define FUTURECHECK_MODEL_CHOICE_SOURCE_H_

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "absl/types/span.h"

namespace fc::model {

struct ChoicePoint {
  std::string call;                    // e.g. "future.write(w=2)"
  absl::Span<const uint32_t> options;  // legal return codes; [0] = the other end stays put
};

class ChoiceSource {
 public:
  virtual ~ChoiceSource() = default;
  // Index into `point.options`; only asked when there are at least two.
  virtual size_t Choose(const ChoicePoint& point) = 0;
};

// Always the first option: the other end never acts on its own.
class PassiveChoices : public ChoiceSource {
 public:
  size_t Choose(const ChoicePoint&) override { return 0; }
};

// A scripted list of return codes, taken in order at each choice point; when
// it runs out, the other end stays put. Asking for a code that is not legal
// at that point is recorded as a script error.
class ScriptedChoices : public ChoiceSource {
 public:
  explicit ScriptedChoices(std::vector<uint32_t> codes) : codes_(codes.begin(), codes.end()) {}
  size_t Choose(const ChoicePoint& point) override;

  const std::vector<std::string>& errors() const { return errors_; }
  size_t remaining() const { return codes_.size(); }

 private:
  std::deque<uint32_t> codes_;
  std::vector<std::string> errors_;
};

}  // namespace fc::model

#endif  // FUTURECHECK_MODEL_CHOICE_SOURCE_H_
