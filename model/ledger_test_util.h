// What the ledgers' unit tests share: a matcher for a recorded violation,
// and printers so a mismatch names the invariant and shows the message.
#ifndef FUTURECHECK_MODEL_LEDGER_TEST_UTIL_H_
#define FUTURECHECK_MODEL_LEDGER_TEST_UTIL_H_

#include <gmock/gmock.h>

#include <ostream>
#include <string>

#include "model/violation.h"

namespace fc::model {

inline void PrintTo(Invariant invariant, std::ostream* os) { *os << InvariantName(invariant); }

inline void PrintTo(const Violation& v, std::ostream* os) {
  *os << "[" << InvariantName(v.invariant) << "] " << v.message;
}

// A violation of `invariant` whose message matches `message` (a string is
// an exact match; use testing::HasSubstr for part of one).
inline testing::Matcher<const Violation&> IsViolation(
    Invariant invariant, testing::Matcher<const std::string&> message) {
  return testing::AllOf(testing::Field("invariant", &Violation::invariant, invariant),
                        testing::Field("message", &Violation::message, message));
}

}  // namespace fc::model

#endif  // FUTURECHECK_MODEL_LEDGER_TEST_UTIL_H_
