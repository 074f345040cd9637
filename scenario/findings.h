// The findings folder: every driver saves what it finds there, one folder
// per finding, so nothing found is lost with a terminal's scrollback.
//
//   DIR/<invariant>-<16 hex digits>/
//     scenario.txt   the scenario in text form, outcomes included: what
//                    `repro --from-scenario=` replays and what
//                    tools/promote_finding.sh turns into a regression
//     report.txt     the report as the driver printed it (violations, trace,
//                    ledgers)
//     found-by.txt   which driver found it, under which spec revision, on
//                    which runtime, and how to replay it
//     input.bin      the fuzz input, when a fuzzer found it
//
// The name is the first invariant broken and a hash of the scenario text, so
// a rerun that finds the same scenario writes nothing new (the first save
// stays), and the same failure found by two drivers is one folder.
//
// DIR is $FUTURECHECK_FINDINGS_DIR; else, under `bazel run`, `findings/` in
// the workspace ($BUILD_WORKSPACE_DIRECTORY); else, under `bazel test`,
// `findings/` in the test's undeclared outputs (kept in
// bazel-testlogs/.../test.outputs/); else `findings/` in the working
// directory.
#ifndef FUTURECHECK_SCENARIO_FINDINGS_H_
#define FUTURECHECK_SCENARIO_FINDINGS_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "model/spec_rules.h"
#include "scenario/run_result.h"

namespace fc::scenario {

inline constexpr char kFindingsEnvironmentVariable[] = "FUTURECHECK_FINDINGS_DIR";

struct Finding {
  // Every field has a default, so a driver names only what it has
  // ({.driver = ..., .result = ...}) without a missing-initializer warning.
  std::string driver{};  // "fuzzer (stream mode)", "property suite", "explorer", "catalogue"
  model::SpecRevision spec = model::SpecRevision::k2026_08;
  RunResult result{};                       // a failing run: violations, executed scenario, report
  std::optional<std::string> fuzz_input{};  // the bytes, for a fuzzer's finding
  // How to replay it, beyond `repro --from-scenario=` (e.g. the repro mode).
  std::string replay_hint{};
};

struct SavedFinding {
  std::string path;  // the finding's folder
  bool is_new = false;
};

// The folder findings go to (see above); not created.
std::string FindingsDir();
// The folder name `finding` gets: <invariant>-<hash of its scenario text>.
std::string FindingName(const RunResult& result);
// The same for a scenario's text form and an invariant's name (the crash
// reporter's, which has only the text).
std::string FindingName(const std::string& invariant, const std::string& scenario_text);
// Saves `finding` (a failing run) under FindingsDir(), unless a finding of
// that name is there already. An error if the folder cannot be written.
absl::StatusOr<SavedFinding> SaveFinding(const Finding& finding);
// Saves, and returns the line a driver prints about it ("finding saved to
// DIR" / "finding already saved in DIR" / why it could not be saved).
std::string SaveFindingAndSay(const Finding& finding);

}  // namespace fc::scenario

#endif  // FUTURECHECK_SCENARIO_FINDINGS_H_
