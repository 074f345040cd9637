// A way back from std::terminate for runtime failures C++ cannot unwind.
//
// Under the harness a runtime panic is a C++ exception (RuntimePanic), and
// the host's step budget throws too (model::StepBudgetExceeded). Thrown
// inside a noexcept function of the runtime (a destructor: a writer whose
// destructor panics), such an exception ends the process in std::terminate,
// with no invariant, no trace and no scenario. RunEscapable arms an escape
// point: if std::terminate is reached while `body` runs, because an
// exception hit a noexcept frame, control comes back here with that
// exception, which the caller reports like any other.
//
//   std::exception_ptr escaped = RunEscapable([&] { DropEverything(); });
//   if (escaped) std::rethrow_exception(escaped);   // into the usual catch ladder
//
// The frames between the noexcept frame and the escape point are abandoned,
// not unwound (as a trap abandons a Wasm instance's frames): the caller must
// treat the runtime and everything it touched as dead (the session parks
// the whole run and never touches it again). Not reentrant across threads:
// the escape point is per thread.
#ifndef FUTURECHECK_SCENARIO_NOEXCEPT_ESCAPE_H_
#define FUTURECHECK_SCENARIO_NOEXCEPT_ESCAPE_H_

#include <exception>

#include "absl/functional/function_ref.h"

namespace fc::scenario {

// Runs `body`. Returns null when it returns or throws normally (the
// exception propagates), or the exception that reached std::terminate.
std::exception_ptr RunEscapable(absl::FunctionRef<void()> body);

}  // namespace fc::scenario

#endif  // FUTURECHECK_SCENARIO_NOEXCEPT_ESCAPE_H_
