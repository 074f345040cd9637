// How the fuzz targets and the reproducer print a failing run: one grep-able
// "invariant:" line first (tools/fuzz_zoo.sh reads it), then the report
// (violations, numbered trace, ledgers), then the scenario in text form.
#ifndef FUTURECHECK_FUZZ_FAILURE_REPORT_H_
#define FUTURECHECK_FUZZ_FAILURE_REPORT_H_

#include <string>

#include "model/spec_rules.h"
#include "scenario/run_result.h"

namespace fc::fuzz {

// Under a revision other than 2026-08 it says which, and how to replay.
std::string FailureReport(const scenario::RunResult& result,
                          model::SpecRevision spec = model::SpecRevision::k2026_08);

}  // namespace fc::fuzz

#endif  // FUTURECHECK_FUZZ_FAILURE_REPORT_H_
