#include "scenario/findings.h"

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "scenario/scenario_text.h"
#include "sut/runtime_under_test.h"

namespace fc::scenario {
namespace {

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? std::string(value) : std::string();
}

// FNV-1a: stable across builds and machines, so a name means one scenario.
uint64_t Hash(const std::string& text) {
  uint64_t hash = 0xcbf29ce484222325ull;
  for (unsigned char c : text) hash = (hash ^ c) * 0x100000001b3ull;
  return hash;
}

absl::Status WriteFile(const std::filesystem::path& path, const std::string& contents) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << contents;
  out.close();
  if (!out) return absl::UnavailableError(absl::StrCat("cannot write ", path.string()));
  return absl::OkStatus();
}

}  // namespace

std::string FindingsDir() {
  if (std::string dir = Env(kFindingsEnvironmentVariable); !dir.empty()) return dir;
  if (std::string ws = Env("BUILD_WORKSPACE_DIRECTORY"); !ws.empty()) return ws + "/findings";
  if (std::string out = Env("TEST_UNDECLARED_OUTPUTS_DIR"); !out.empty()) {
    return out + "/findings";
  }
  return "findings";
}

std::string FindingName(const std::string& invariant, const std::string& scenario_text) {
  return absl::StrFormat("%s-%016x", invariant, Hash(scenario_text));
}

std::string FindingName(const RunResult& result) {
  return FindingName(
      result.ok() ? std::string("none") : model::InvariantName(result.first_invariant()),
      ScenarioToText(result.executed));
}

absl::StatusOr<SavedFinding> SaveFinding(const Finding& finding) {
  if (finding.result.ok()) return absl::InvalidArgumentError("a passing run is not a finding");
  const std::filesystem::path dir =
      std::filesystem::path(FindingsDir()) / FindingName(finding.result);
  SavedFinding saved{dir.string(), false};
  std::error_code error;
  if (std::filesystem::exists(dir / "scenario.txt", error)) return saved;
  std::filesystem::create_directories(dir, error);
  if (error) {
    return absl::UnavailableError(
        absl::StrCat("cannot create ", dir.string(), ": ", error.message()));
  }
  const std::string scenario = ScenarioToText(finding.result.executed);
  std::string found_by = absl::StrFormat(
      "driver: %s\nspec revision: %s\nruntime: %s\ninvariant: %s\nactions: %u\n"
      "replay: repro --from-scenario=%s/scenario.txt --spec=%s%s\n"
      "promote to a regression: tools/promote_finding.sh %s NAME\n",
      finding.driver, model::SpecRevisionName(finding.spec), sut::LinkedRuntimeName(),
      model::InvariantName(finding.result.first_invariant()),
      finding.result.executed.actions.size(), dir.string(), model::SpecRevisionName(finding.spec),
      finding.replay_hint.empty() ? "" : absl::StrCat(" ", finding.replay_hint), dir.string());
  // scenario.txt last: its presence marks a complete finding.
  for (const auto& [name, contents] :
       {std::pair<const char*, const std::string*>{"report.txt", nullptr},
        {"found-by.txt", &found_by}}) {
    absl::Status status =
        WriteFile(dir / name, contents != nullptr ? *contents : finding.result.Report());
    if (!status.ok()) return status;
  }
  if (finding.fuzz_input.has_value()) {
    absl::Status status = WriteFile(dir / "input.bin", *finding.fuzz_input);
    if (!status.ok()) return status;
  }
  absl::Status status = WriteFile(dir / "scenario.txt", scenario);
  if (!status.ok()) return status;
  saved.is_new = true;
  return saved;
}

std::string SaveFindingAndSay(const Finding& finding) {
  absl::StatusOr<SavedFinding> saved = SaveFinding(finding);
  if (!saved.ok()) {
    return absl::StrCat("futurecheck: the finding could not be saved: ", saved.status().message(),
                        "\n");
  }
  return absl::StrFormat("futurecheck: finding %s %s\n",
                         saved->is_new ? "saved to" : "already saved in", saved->path);
}

}  // namespace fc::scenario
