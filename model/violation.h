// Invariant violations found while running a scenario. The harness never
// crashes on a runtime bug: it records what broke and stops the scenario.
// What each invariant means and where it is checked: invariants.h.
#ifndef FUTURECHECK_MODEL_VIOLATION_H_
#define FUTURECHECK_MODEL_VIOLATION_H_

#include <string>
#include <vector>

#include "model/invariants.h"

namespace fc::model {

struct Violation {
  Invariant invariant;
  std::string message;
};

class ViolationLog {
 public:
  void Add(Invariant invariant, std::string message);
  bool empty() const { return violations_.empty(); }
  const std::vector<Violation>& all() const { return violations_; }
  const Violation& first() const { return violations_.front(); }
  std::string ToString() const;

 private:
  std::vector<Violation> violations_;
};

}  // namespace fc::model

#endif  // FUTURECHECK_MODEL_VIOLATION_H_
