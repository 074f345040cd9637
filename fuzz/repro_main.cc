// The reproducer: replays fuzzer inputs (crash files) deterministically and
// explains them. Plain build, no libFuzzer.
//
//   bazel run //fuzz:repro -- [flags] FILE...
//
// Exit status: 0 all inputs pass, 1 some input breaks an invariant, 2 bad
// usage or bad input (see kUsage).
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "fuzz/byte_choices.h"
#include "fuzz/failure_report.h"
#include "fuzz/minimize.h"
#include "model/violation.h"
#include "scenario/child_run.h"
#include "scenario/runner.h"
#include "scenario/scenario_text.h"

namespace fc::fuzz {
namespace {

constexpr size_t kMaxInputBytes = 1 << 20;

constexpr char kUsage[] = R"(usage: repro [flags] FILE...
Replays each fuzzer input FILE (the byte format of fuzz/byte_choices.h) and
prints the decoded scenario, the numbered trace, the ledgers and the violated
invariant.

  --minimize             shrink a failing input while the same invariant
                         still fails; print the minimized scenario
  --out=FILE             with --minimize (one input): write the minimized
                         bytes; with --from-scenario: write the encoding
  --emit-test            print a GoogleTest regression test for each input
  --to-scenario          print only the text form of each input's scenario
  --from-scenario=FILE   read a text scenario (scenario_text.h), run it and
                         print (or with --out write) its byte encoding
  --spec=REVISION        the spec revision the mock host follows: 2026-08
                         or 2026-09 (default: FUTURECHECK_SPEC, else 2026-08);
                         a finding replays under the revision it was found in
  --futures              decode as future_scenario_fuzzer inputs (automatic
                         when byte 0 is 10, the retired 1, or unknown)
  --streams              decode as stream_scenario_fuzzer inputs (automatic
                         when byte 0 is 11, or the retired 2, 4, 6, 8)
  --tasks                decode as task_scenario_fuzzer inputs (automatic
                         when byte 0 is 12, or the retired 3, 5, 7, 9)
  (a fuzzer decodes every input in its own mode whatever byte 0 says; name
  the fuzzer's mode for crash files whose byte 0 was mutated)
  --help                 this text

exit status: 0 every input passes; 1 an input breaks an invariant;
2 bad usage or bad input (missing, empty or >1 MiB file, unparsable text
scenario, or an unknown version byte on an input that then passes; such an
input is decoded as the current version, as the fuzzers do).
)";

struct Flags {
  bool minimize = false;
  bool emit_test = false;
  bool to_scenario = false;
  std::string out;
  std::string from_scenario;
  std::vector<std::string> files;
  bool futures = false;
  bool streams = false;
  bool tasks = false;
  model::SpecRevision spec = model::SpecRevision::k2026_08;
};

// `bazel run` starts us in the runfiles tree; paths are the user's.
std::string UserPath(const std::string& path) {
  if (path.empty() || path[0] == '/') return path;
  const char* cwd = std::getenv("BUILD_WORKING_DIRECTORY");
  return cwd == nullptr ? path : absl::StrCat(cwd, "/", path);
}

absl::StatusOr<std::string> ReadInput(const std::string& path) {
  std::ifstream in(UserPath(path), std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot open"));
  std::string bytes;
  char buffer[64 * 1024];
  while (in.read(buffer, sizeof(buffer)) || in.gcount() > 0) {
    bytes.append(buffer, static_cast<size_t>(in.gcount()));
    if (bytes.size() > kMaxInputBytes) {
      return absl::InvalidArgumentError(
          absl::StrFormat("%s: larger than %u bytes; not a fuzzer input", path, kMaxInputBytes));
    }
  }
  if (in.bad()) return absl::DataLossError(absl::StrCat(path, ": read error"));
  return bytes;
}

absl::Status WriteOutput(const std::string& path, const std::string& bytes) {
  std::ofstream out(UserPath(path), std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return absl::PermissionDeniedError(absl::StrCat(path, ": cannot write"));
  return absl::OkStatus();
}

std::string TestName(const std::string& path) {
  std::string base = path.substr(path.find_last_of('/') + 1);
  std::string name;
  bool upper = true;
  for (char c : base) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      name += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
      upper = false;
    } else {
      upper = true;
    }
  }
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) name = "Crash" + name;
  return name;
}

std::string Hex(const std::string& bytes) {
  std::string out;
  for (char c : bytes) absl::StrAppendFormat(&out, "%02x", static_cast<uint8_t>(c));
  return out;
}

enum Exit { kPass = 0, kFail = 1, kBad = 2 };

int ReplayOne(const std::string& path, const Flags& flags) {
  absl::StatusOr<std::string> bytes = ReadInput(path);
  if (!bytes.ok()) {
    std::fprintf(stderr, "repro: %s\n", std::string(bytes.status().message()).c_str());
    return kBad;
  }
  if (bytes->empty()) {
    std::fprintf(stderr, "repro: %s: empty file (no version byte); not a fuzzer input\n",
                 path.c_str());
    return kBad;
  }
  // The mode: streams or tasks when asked or when byte 0 says so (11, 12;
  // or the retired 2, 4, 6, 8 and 3, 5, 7, 9).
  const uint8_t version = static_cast<uint8_t>((*bytes)[0]);
  const bool task_version = version == kTaskFormatVersion || IsRetiredTaskVersion(version);
  const bool stream_version = version == kStreamFormatVersion || IsRetiredStreamVersion(version);
  const bool auto_mode = !flags.futures && !flags.streams && !flags.tasks;
  DecodeOptions options = flags.tasks || (auto_mode && task_version)       ? TaskOptions()
                          : flags.streams || (auto_mode && stream_version) ? StreamOptions()
                                                                           : DecodeOptions{};
  options.session.spec = flags.spec;
  const bool version_ok = version == VersionFor(options);
  const bool retired = IsRetiredFutureVersion(version) || IsRetiredStreamVersion(version) ||
                       IsRetiredTaskVersion(version);
  if (auto_mode && retired) {
    std::fprintf(stderr,
                 "repro: warning: %s: version byte %d is a retired format (fuzz/byte_choices.h "
                 "says what changed); decoding it as version %d, so it may not be the scenario "
                 "it was. Re-encode its text form with --from-scenario.\n",
                 path.c_str(), version, VersionFor(options));
  } else if (!version_ok) {
    std::fprintf(stderr,
                 "repro: warning: %s: version byte %#04x is not %d; decoding it as version %d, "
                 "as the fuzzers do\n",
                 path.c_str(), version, VersionFor(options), VersionFor(options));
  }
  const DecodedRun run = RunBytes(*bytes, options);
  // The same bytes must give the same trace: replay once more and compare.
  const DecodedRun again = RunBytes(*bytes, options);
  if (again.result.trace != run.result.trace) {
    std::printf("== %s: NONDETERMINISTIC: two replays gave different traces\n", path.c_str());
    return kFail;
  }
  const scenario::RunResult& result = run.result;
  if (flags.to_scenario) {
    std::printf("%s", scenario::ScenarioToText(result.executed).c_str());
  } else {
    std::printf(
        "== %s: %zu bytes, %zu used, %zu steps: %s\n", path.c_str(), bytes->size(), run.bytes_used,
        run.steps,
        result.ok()
            ? "PASS"
            : absl::StrCat("FAIL (", model::InvariantName(result.first_invariant()), ")").c_str());
    std::printf("scenario:\n%s", scenario::ScenarioToText(result.executed).c_str());
    std::printf("%s", result.Report().c_str());
    if (!result.ok()) {
      std::printf("violated invariant: %s\n", model::InvariantName(result.first_invariant()));
    }
  }
  if (flags.emit_test) {
    std::printf("%s", scenario::ScenarioToRegressionTest(TestName(path), result.executed).c_str());
  }
  if (flags.minimize && !result.ok()) {
    const Minimized small = MinimizeBytes(*bytes, result.first_invariant(), options);
    const DecodedRun shrunk = RunBytes(small.bytes, options);
    std::printf("== minimized (%zu candidate runs): %zu bytes, %zu steps, hex %s\n", small.runs,
                small.bytes.size(), shrunk.steps, Hex(small.bytes).c_str());
    std::printf("%s", FailureReport(shrunk.result, flags.spec).c_str());
    if (flags.emit_test) {
      std::printf("%s", scenario::ScenarioToRegressionTest(TestName(path) + "Minimized",
                                                           shrunk.result.executed)
                            .c_str());
    }
    if (!flags.out.empty()) {
      if (absl::Status s = WriteOutput(flags.out, small.bytes); !s.ok()) {
        std::fprintf(stderr, "repro: %s\n", std::string(s.message()).c_str());
        return kBad;
      }
      std::printf("wrote %s\n", flags.out.c_str());
    }
  } else if (flags.minimize) {
    std::printf("== %s passes; nothing to minimize\n", path.c_str());
  }
  if (!result.ok()) return kFail;
  return version_ok ? kPass : kBad;
}

int FromScenario(const Flags& flags) {
  absl::StatusOr<std::string> text = ReadInput(flags.from_scenario);
  if (!text.ok()) {
    std::fprintf(stderr, "repro: %s\n", std::string(text.status().message()).c_str());
    return kBad;
  }
  absl::StatusOr<scenario::Scenario> parsed = scenario::ParseScenario(*text);
  if (!parsed.ok()) {
    std::fprintf(stderr, "repro: %s: %s\n", flags.from_scenario.c_str(),
                 std::string(parsed.status().message()).c_str());
    return kBad;
  }
  const scenario::RunResult result = scenario::RunScripted(*parsed, {.spec = flags.spec});
  std::printf("== %s: %s\n%s", flags.from_scenario.c_str(), result.ok() ? "PASS" : "FAIL",
              FailureReport(result, flags.spec).c_str());
  DecodeOptions options = flags.tasks || UsesTasks(*parsed)       ? TaskOptions()
                          : flags.streams || UsesStreams(*parsed) ? StreamOptions()
                                                                  : DecodeOptions{};
  options.session.spec = flags.spec;
  absl::StatusOr<std::string> bytes = EncodeScenario(*parsed, options);
  if (!bytes.ok()) {
    std::fprintf(stderr, "repro: %s: no byte encoding: %s\n", flags.from_scenario.c_str(),
                 std::string(bytes.status().message()).c_str());
    return kBad;
  }
  std::printf("bytes (%zu): %s\n", bytes->size(), Hex(*bytes).c_str());
  if (!flags.out.empty()) {
    if (absl::Status s = WriteOutput(flags.out, *bytes); !s.ok()) {
      std::fprintf(stderr, "repro: %s\n", std::string(s.message()).c_str());
      return kBad;
    }
    std::printf("wrote %s\n", flags.out.c_str());
  }
  return result.ok() ? kPass : kFail;
}

// Runs one replay (`body`) in a child process: a runtime that crashes the
// process fails the input with no-crash (the crash reporter's report, with
// the scenario, is on stderr) instead of ending the reproducer.
int Isolated(const std::string& input, absl::FunctionRef<int()> body) {
  const scenario::ChildRun run = scenario::RunInChild(body);
  if (!run.crashed()) return run.exit_code;
  std::printf("== %s: FAIL (no-crash): the runtime crashed the process (%s)%s\n", input.c_str(),
              run.Cause(), run.reported_crash ? "; the crash report above has its scenario" : "");
  std::printf("violated invariant: no-crash\n");
  return kFail;
}

int Usage(const std::string& why) {
  std::fprintf(stderr, "repro: %s\n%s", why.c_str(), kUsage);
  return kBad;
}

int Main(int argc, char** argv) {
  Flags flags;
  absl::StatusOr<model::SpecRevision> spec = model::SpecRevisionFromEnvironment();
  if (!spec.ok()) return Usage(std::string(spec.status().message()));
  flags.spec = *spec;
  bool only_files = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    absl::string_view value = arg;
    if (only_files || arg.empty() || arg[0] != '-' || arg == "-") {
      flags.files.push_back(arg);
    } else if (arg == "--") {
      only_files = true;
    } else if (arg == "--help" || arg == "-h") {
      std::printf("%s", kUsage);
      return kPass;
    } else if (arg == "--minimize") {
      flags.minimize = true;
    } else if (arg == "--emit-test") {
      flags.emit_test = true;
    } else if (arg == "--to-scenario") {
      flags.to_scenario = true;
    } else if (arg == "--futures") {
      flags.futures = true;
    } else if (arg == "--streams") {
      flags.streams = true;
    } else if (arg == "--tasks") {
      flags.tasks = true;
    } else if (absl::ConsumePrefix(&value, "--spec=")) {
      absl::StatusOr<model::SpecRevision> spec = model::SpecRevisionNamed(value);
      if (!spec.ok()) return Usage(absl::StrCat("--spec: ", spec.status().message()));
      flags.spec = *spec;
    } else if (absl::ConsumePrefix(&value, "--out=") && !value.empty()) {
      flags.out = std::string(value);
    } else if (absl::ConsumePrefix(&value, "--from-scenario=") && !value.empty()) {
      flags.from_scenario = std::string(value);
    } else {
      return Usage(absl::StrCat("unknown flag or missing value: ", arg));
    }
  }
  if (!flags.from_scenario.empty()) {
    if (!flags.files.empty() || flags.minimize || flags.to_scenario) {
      return Usage("--from-scenario takes no FILE, --minimize or --to-scenario");
    }
    return Isolated(flags.from_scenario, [&] { return FromScenario(flags); });
  }
  if (flags.files.empty()) return Usage("no input FILE");
  if (!flags.out.empty() && (!flags.minimize || flags.files.size() != 1)) {
    return Usage("--out needs --minimize with one FILE, or --from-scenario");
  }
  int exit_code = kPass;
  for (const std::string& file : flags.files) {
    const int code = Isolated(file, [&] { return ReplayOne(file, flags); });
    if (code == kBad || exit_code == kBad) {
      exit_code = kBad;
    } else if (code == kFail) {
      exit_code = kFail;
    }
  }
  return exit_code;
}

}  // namespace
}  // namespace fc::fuzz

int main(int argc, char** argv) { return fc::fuzz::Main(argc, argv); }
