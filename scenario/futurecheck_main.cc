// futurecheck: runs every scripted scenario of the catalogue against the
// runtime and the mock host, and prints a summary of what ran and which
// invariants were checked. Exit status 0 when every scenario passed.
//
//   bazel run //scenario:futurecheck                    # summary
//   bazel run //scenario:futurecheck -- --verbose       # every trace
//   bazel run //scenario:futurecheck -- --scenario=NAME # one scenario, with its trace
//   bazel run //scenario:futurecheck -- --list-invariants  # the README's invariant table
//   bazel run //scenario:futurecheck -- --spec=all      # under every spec revision
#include <cstdio>
#include <cstring>
#include <iterator>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "model/invariants.h"
#include "model/spec_rules.h"
#include "scenario/catalogue.h"
#include "scenario/child_run.h"
#include "scenario/findings.h"
#include "scenario/runner.h"

namespace {

constexpr const char kUsage[] =
    "usage: futurecheck [--verbose] [--scenario=NAME] [--spec=REVISION|all] [--list]\n"
    "                   [--list-invariants] [--pin-trace=NAME]\n"
    "  Runs the scripted scenarios against the runtime and the mock host.\n"
    "  --spec=REVISION  the spec revision the mock host follows: 2026-08 (the\n"
    "                   default) or 2026-09; all: each in turn\n"
    "  --verbose        print every scenario's trace\n"
    "  --scenario=NAME  run only NAME (see --list), printing its trace\n"
    "  --list           list the scenarios and exit\n"
    "  --list-invariants\n"
    "                   print the invariants checked (name, meaning, where checked)\n"
    "                   as the README's Markdown table, and exit\n"
    "  --pin-trace=NAME print NAME's intrinsic calls as an entry for\n"
    "                   scenario/catalogue_traces.cc (review it before pasting)\n";

struct Flags {
  bool verbose = false;
  bool list = false;
  bool list_invariants = false;
  std::string only;
  std::string pin;
  std::vector<fc::model::SpecRevision> specs = {fc::model::SpecRevision::k2026_08};
};

bool ParseFlags(int argc, char** argv, Flags& flags) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--verbose") {
      flags.verbose = true;
    } else if (arg == "--list") {
      flags.list = true;
    } else if (arg == "--list-invariants") {
      flags.list_invariants = true;
    } else if (absl::StartsWith(arg, "--scenario=")) {
      flags.only = arg.substr(std::strlen("--scenario="));
      flags.verbose = true;
    } else if (absl::StartsWith(arg, "--spec=")) {
      const std::string name = arg.substr(std::strlen("--spec="));
      if (name == "all") {
        flags.specs.assign(std::begin(fc::model::kSpecRevisions),
                           std::end(fc::model::kSpecRevisions));
        continue;
      }
      absl::StatusOr<fc::model::SpecRevision> spec = fc::model::SpecRevisionNamed(name);
      if (!spec.ok()) {
        std::fprintf(stderr, "futurecheck: --spec: %s (or all)\n", spec.status().message().data());
        return false;
      }
      flags.specs = {*spec};
    } else if (absl::StartsWith(arg, "--pin-trace=")) {
      flags.pin = arg.substr(std::strlen("--pin-trace="));
    } else if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      std::exit(0);
    } else {
      std::fprintf(stderr, "futurecheck: unknown argument '%s'\n%s", arg.c_str(), kUsage);
      return false;
    }
  }
  return true;
}

}  // namespace

static int Main(int argc, char** argv) {
  Flags flags;
  if (!ParseFlags(argc, argv, flags)) return 2;
  if (flags.list_invariants) {
    std::fputs(fc::model::InvariantTableMarkdown().c_str(), stdout);
    return 0;
  }
  const auto& catalogue = fc::scenario::Catalogue();
  if (!flags.pin.empty()) {
    for (const auto& entry : catalogue) {
      if (entry.name != flags.pin) continue;
      fc::scenario::RunResult result =
          fc::scenario::RunScripted(entry.scenario, {.spec = flags.specs.front()});
      if (!result.ok()) {
        std::fprintf(stderr, "futurecheck: %s fails; fix it before pinning its trace\n%s",
                     entry.name.c_str(), result.Report().c_str());
        return 1;
      }
      std::printf("      {\"%s\",\n       {\n", entry.name.c_str());
      for (const std::string& call : result.host_calls) {
        std::printf("           \"%s\",\n", absl::CEscape(call).c_str());
      }
      std::printf("       }},\n");
      return 0;
    }
    std::fprintf(stderr, "futurecheck: no scenario named '%s' (see --list)\n", flags.pin.c_str());
    return 2;
  }
  if (flags.list) {
    for (const auto& entry : catalogue) {
      std::printf("%-45s %s\n", entry.name.c_str(), entry.what.c_str());
    }
    return 0;
  }

  int passed = 0;
  int failed = 0;
  int trace_mismatches = 0;
  size_t actions = 0;
  size_t host_calls = 0;
  for (fc::model::SpecRevision spec : flags.specs) {
    const char* spec_name = fc::model::SpecRevisionName(spec);
    if (flags.specs.size() > 1) std::printf("spec revision %s\n", spec_name);
    for (const auto& entry : catalogue) {
      if (!flags.only.empty() && entry.name != flags.only) continue;
      fc::scenario::RunResult result = fc::scenario::RunScripted(entry.scenario, {.spec = spec});
      const std::vector<std::string>& expected = entry.ExpectedHostCalls(spec);
      const bool trace_ok = result.host_calls == expected;
      const bool ok = result.ok() && trace_ok;
      actions += result.actions_run;
      host_calls += result.host_calls.size();
      ok ? ++passed : ++failed;
      if (!trace_ok) ++trace_mismatches;
      std::printf("%-4s %-45s %s\n", ok ? "ok" : "FAIL", entry.name.c_str(), entry.what.c_str());
      if (!ok || flags.verbose) {
        std::printf("%s", result.Report().c_str());
        if (!trace_ok) {
          std::printf(
              "intrinsic calls differ from the expected ones under %s:\n  expected:\n    %s\n",
              spec_name, absl::StrJoin(expected, "\n    ").c_str());
        }
        std::printf("reproduce: bazel run //scenario:futurecheck -- --scenario=%s --spec=%s\n",
                    entry.name.c_str(), spec_name);
        if (!result.ok()) {
          std::printf("%s", fc::scenario::SaveFindingAndSay(
                                {.driver = absl::StrCat("catalogue (", entry.name, ")"),
                                 .spec = spec,
                                 .result = result})
                                .c_str());
        }
        std::printf("\n");
      }
    }
  }
  if (passed + failed == 0) {
    std::fprintf(stderr, "futurecheck: no scenario named '%s' (see --list)\n", flags.only.c_str());
    return 2;
  }

  std::vector<std::string> spec_names;
  for (fc::model::SpecRevision spec : flags.specs) {
    spec_names.push_back(fc::model::SpecRevisionName(spec));
  }
  std::printf("\nfuturecheck summary\n");
  std::printf("  spec revisions: %s\n", absl::StrJoin(spec_names, ", ").c_str());
  std::printf("  scenarios: %d run, %d passed, %d failed (%d with unexpected intrinsic calls)\n",
              passed + failed, passed, failed, trace_mismatches);
  std::printf("  actions: %zu; intrinsic calls: %zu\n", actions, host_calls);
  std::printf("  invariants checked after every action and at the end of each scenario:\n");
  for (const fc::model::InvariantInfo& inv : fc::model::CheckedInvariants()) {
    std::printf("    %s\n", inv.name);
  }
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}

// The scenarios run in a child process: a runtime that crashes the process
// leaves the crash reporter's report (the scenario, how to replay it), and
// this says so and fails.
int main(int argc, char** argv) {
  const fc::scenario::ChildRun run = fc::scenario::RunInChild([&] { return Main(argc, argv); });
  if (!run.crashed()) return run.exit_code;
  std::printf("FAIL: the runtime crashed the process (%s)%s\nviolated invariant: no-crash\n",
              run.Cause(), run.reported_crash ? "; the crash report above has the scenario" : "");
  return 1;
}
