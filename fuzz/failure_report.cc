#include "fuzz/failure_report.h"

#include "absl/strings/str_cat.h"
#include "model/violation.h"
#include "scenario/scenario_text.h"

namespace fc::fuzz {

std::string FailureReport(const scenario::RunResult& result, model::SpecRevision spec) {
  std::string out;
  if (!result.ok()) {
    absl::StrAppend(
        &out, "futurecheck: invariant: ", model::InvariantName(result.first_invariant()), "\n");
  }
  if (spec != model::SpecRevision::k2026_08) {
    absl::StrAppend(&out, "futurecheck: spec revision ", model::SpecRevisionName(spec),
                    " (replay with repro --spec=", model::SpecRevisionName(spec), ")\n");
  }
  absl::StrAppend(&out, result.Report(), "scenario (text form):\n",
                  scenario::ScenarioToText(result.executed));
  return out;
}

}  // namespace fc::fuzz
