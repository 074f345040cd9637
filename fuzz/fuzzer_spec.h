// Which spec revision a scenario fuzzer runs under. libFuzzer has no flag
// for it and passes on the flags it does not know only when they start with
// "--", so a target takes `--spec=REVISION` there, or the FUTURECHECK_SPEC
// variable, else the revision it was built for: 2026-08, unless the target's
// source was compiled with -DFUTURECHECK_FUZZER_SPEC='"2026-09"' (how the
// OSS-Fuzz build makes its *_2026_09 targets, since a fuzzing service runs
// a binary without flags of ours):
//
//   extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
//     return fc::fuzz::InitFuzzerSpec(*argc, *argv);
//   }
//   ... options.session.spec = fc::fuzz::FuzzerSpec();
//
// An unknown revision ends the run at once with a clear message (exit 2).
#ifndef FUTURECHECK_FUZZ_FUZZER_SPEC_H_
#define FUTURECHECK_FUZZ_FUZZER_SPEC_H_

#include "model/spec_rules.h"

namespace fc::fuzz {

#ifndef FUTURECHECK_FUZZER_SPEC
#define FUTURECHECK_FUZZER_SPEC "2026-08"
#endif

// `built_for`: the revision when neither the flag nor the variable names one.
int InitFuzzerSpec(int argc, char** argv, const char* built_for);
// In the target's own source, so that its compile flags decide the default.
inline int InitFuzzerSpec(int argc, char** argv) {
  return InitFuzzerSpec(argc, argv, FUTURECHECK_FUZZER_SPEC);
}
model::SpecRevision FuzzerSpec();

}  // namespace fc::fuzz

#endif  // FUTURECHECK_FUZZ_FUZZER_SPEC_H_
