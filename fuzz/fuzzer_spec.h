// Which spec revision a scenario fuzzer runs under. libFuzzer has no flag
// for it and passes on the flags it does not know only when they start with
// "--", so a target takes `--spec=REVISION` there, or the FUTURECHECK_SPEC
// variable (what OSS-Fuzz and ClusterFuzzLite can set), 2026-08 by default:
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

int InitFuzzerSpec(int argc, char** argv);
model::SpecRevision FuzzerSpec();

}  // namespace fc::fuzz

#endif  // FUTURECHECK_FUZZ_FUZZER_SPEC_H_
