// The property every generated scenario (futures, streams, tasks) must
// satisfy: run it step by step against the runtime and the mock host, with
// every invariant checked after each step and after teardown (see README,
// "The invariants").
#ifndef FUTURECHECK_PROPS_PROPERTY_H_
#define FUTURECHECK_PROPS_PROPERTY_H_

#include <rapidcheck.h>

#include <cstdint>
#include <string>

#include "scenario/session.h"

namespace fc::props {

// The property body: generates one scenario (rc::state commands), runs it,
// and fails with the trace and the reproducing scenario on any violation.
void CheckScenario(const scenario::SessionOptions& options);

// How many cases a property runs, and from which seed, when RC_PARAMS does
// not say: `bazel test` runs the same cases every time (a failure then always
// reproduces); set RC_PARAMS to explore further.
inline constexpr int kDefaultCases = 300;
inline constexpr uint64_t kDefaultSeed = 0x5eed'f00d'cafe;

// Runs the property under RapidCheck as a test named `id` would: with
// RC_PARAMS when it is set (max_success, seed, reproduce, ...), else with
// kDefaultCases cases from kDefaultSeed, under the spec revision
// FUTURECHECK_SPEC names (2026-08 when unset; options.spec is overridden).
// Failures print the RC_PARAMS string that reproduces them when the program
// exits.
rc::detail::TestResult RunProperty(const std::string& id, scenario::SessionOptions options,
                                   int default_cases = kDefaultCases);

// RunProperty for a test: "" when the property held, else RapidCheck's
// report (the shrunk counterexample and how to reproduce it).
//   EXPECT_EQ(PropertyFailure("FutureProperty/X", {.max_channels = 1}), "");
std::string PropertyFailure(const std::string& id, const scenario::SessionOptions& options);

}  // namespace fc::props

#endif  // FUTURECHECK_PROPS_PROPERTY_H_
