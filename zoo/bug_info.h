// What a zoo binary knows about the seeded bug it was linked with: its row of
// the zoo table (zoo/bugs.bzl), generated into each //zoo:sut_<bug>. Zoo
// tests and tools are compiled once and read their bug from here.
//
//   const fc::zoo::BugInfo& bug = fc::zoo::ThisBug();
//   EXPECT_EQ(first_violation, bug.invariant);
#ifndef FUTURECHECK_ZOO_BUG_INFO_H_
#define FUTURECHECK_ZOO_BUG_INFO_H_

#include <cstdint>

namespace fc::zoo {

struct BugInfo {
  const char* name;    // kNoDefaultWrite
  const char* family;  // futures | streams | waitable-set | tasks
  const char* summary;
  const char* invariant;  // what the bug's class breaks (zoo/bugs.bzl)
  // The property suite's settings.
  uint32_t props_max_channels;
  bool props_streams;
  bool props_tasks;
  const char* explore_template;
  const char* fuzz_target;  // future_scenario_fuzzer, ...
  const char* repro_flag;   // --futures, ...
  // What the fuzzer's crash file (fuzz/zoo_crashes/) breaks first: the
  // shortest path it found may break another invariant than `invariant`.
  const char* fuzz_invariant;
  // For the bugs the explorer's tests pin: depth and shortest length (0: none).
  uint32_t explore_depth;
  uint32_t explore_length;
};

// Defined by the zoo variant the binary links.
const BugInfo& ThisBug();

}  // namespace fc::zoo

#endif  // FUTURECHECK_ZOO_BUG_INFO_H_
