// futurecheck_explore: exhaustive exploration from the command line.
// See explore/README.md. Exit status: 0 no violation, 1 a violation was
// found, 2 bad flags, 3 an I/O or internal error.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "explore/explorer.h"
#include "explore/result_file.h"
#include "explore/scenario_template.h"
#include "model/violation.h"
#include "scenario/child_run.h"
#include "scenario/findings.h"
#include "scenario/runner.h"
#include "scenario/scenario_text.h"
#include "sut/runtime_under_test.h"

namespace fc::explore {
namespace {

struct Flags {
  int depth = 6;
  std::string template_name = "all-kinds";
  model::SpecRevision spec = model::SpecRevision::k2026_08;
  double time_limit = 0;
  uint32_t shard_index = 0;
  uint32_t shard_count = 1;
  uint32_t jobs = 1;
  std::string out;
  std::string dot;
  std::string svg;  // "" none; "-" next to --dot
  std::string result;
  std::vector<std::string> merge;
  bool keep_going = false;
  bool quiet = false;
  bool coverage = true;
  bool summary = false;
  bool help = false;
};

// Every flag, once: name, value hint, help.
struct FlagSpec {
  const char* name;
  const char* value;
  const char* help;
};
constexpr FlagSpec kFlags[] = {
    {"depth", "N|all",
     "explore every path of up to N actions (default 6); all: until no new state appears, "
     "every reachable state"},
    {"template", "NAME",
     "all-kinds (default), one-future, one-writer, one-reader, writer-and-reader, "
     "one-stream, streams, tasks, stream-tasks (see explore/README.md)"},
    {"spec", "REVISION", "the spec revision the mock host follows: 2026-08 (default) or 2026-09"},
    {"time-limit", "SECONDS", "stop after this long (the result is then marked incomplete)"},
    {"shard", "i/N", "explore only shard i of N (split by choice prefix)"},
    {"jobs", "N",
     "threads expanding each level (default 1); the same states and verdicts for any N. "
     "Needs a runtime with no unsynchronized global state"},
    {"out", "FILE", "write the shortest counterexample there, in scenario text form"},
    {"dot", "FILE", "write the model-coverage graph in Graphviz DOT"},
    {"svg", "[FILE]", "render the DOT graph with `dot -Tsvg` (default: the --dot file + .svg)"},
    {"result", "FILE", "write this run's result file (for --merge)"},
    {"merge", "FILES",
     "merge result files (comma-separated, or further arguments) instead of exploring"},
    {"keep-going", "", "do not stop at the first violation"},
    {"no-coverage", "", "do not print the coverage table"},
    {"quiet", "", "no progress line on stderr"},
    {"summary", "", "print one line: result invariant length states transitions runs seconds"},
    {"help", "", "this text"},
};

void Usage(std::ostream& out) {
  out << "usage: futurecheck_explore [flags]\n";
  for (const FlagSpec& f : kFlags) {
    std::string name = absl::StrCat("--", f.name, *f.value ? "=" : "", f.value);
    out << absl::StrFormat("  %-22s %s\n", name, f.help);
  }
}

absl::Status ParseFlags(int argc, char** argv, Flags& flags) {
  bool merging = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (!absl::StartsWith(arg, "--")) {
      if (merging) {
        flags.merge.push_back(arg);
        continue;
      }
      return absl::InvalidArgumentError(absl::StrCat("unexpected argument '", arg, "'"));
    }
    std::string name = arg.substr(2), value;
    const bool has_value = name.find('=') != std::string::npos;
    if (has_value) {
      value = name.substr(name.find('=') + 1);
      name = name.substr(0, name.find('='));
    }
    auto need = [&]() -> absl::Status {
      if (!has_value || value.empty()) {
        return absl::InvalidArgumentError(absl::StrCat("--", name, " needs a value"));
      }
      return absl::OkStatus();
    };
    auto none = [&]() -> absl::Status {
      if (has_value) return absl::InvalidArgumentError(absl::StrCat("--", name, " takes no value"));
      return absl::OkStatus();
    };
    absl::Status s;
    if (name == "depth") {
      s = need();
      if (s.ok() && value == "all") {
        flags.depth = kNoDepthBound;
      } else if (s.ok() &&
                 (!absl::SimpleAtoi(value, &flags.depth) || flags.depth < 0 || flags.depth > 200)) {
        s = absl::InvalidArgumentError("--depth wants a whole number from 0 to 200, or all");
      }
    } else if (name == "template") {
      s = need();
      if (s.ok()) s = ScenarioTemplate::Named(value).status();
      flags.template_name = value;
    } else if (name == "spec") {
      s = need();
      if (s.ok()) {
        absl::StatusOr<model::SpecRevision> spec = model::SpecRevisionNamed(value);
        if (spec.ok()) flags.spec = *spec;
        s = spec.status();
      }
    } else if (name == "time-limit") {
      s = need();
      if (s.ok() && (!absl::SimpleAtod(value, &flags.time_limit) || flags.time_limit <= 0)) {
        s = absl::InvalidArgumentError("--time-limit wants a positive number of seconds");
      }
    } else if (name == "shard") {
      s = need();
      std::vector<std::string> parts = absl::StrSplit(value, '/');
      if (s.ok() && (parts.size() != 2 || !absl::SimpleAtoi(parts[0], &flags.shard_index) ||
                     !absl::SimpleAtoi(parts[1], &flags.shard_count) || flags.shard_count == 0 ||
                     flags.shard_index >= flags.shard_count)) {
        s = absl::InvalidArgumentError("--shard wants i/N with 0 <= i < N, e.g. --shard=0/2");
      }
    } else if (name == "jobs") {
      s = need();
      if (s.ok() &&
          (!absl::SimpleAtoi(value, &flags.jobs) || flags.jobs == 0 || flags.jobs > 256)) {
        s = absl::InvalidArgumentError("--jobs wants a number of threads from 1 to 256");
      }
    } else if (name == "out") {
      s = need();
      flags.out = value;
    } else if (name == "dot") {
      s = need();
      flags.dot = value;
    } else if (name == "svg") {
      flags.svg = has_value ? value : "-";
      if (has_value && value.empty()) s = absl::InvalidArgumentError("--svg= needs a file name");
    } else if (name == "result") {
      s = need();
      flags.result = value;
    } else if (name == "merge") {
      merging = true;
      if (has_value) {
        for (absl::string_view f : absl::StrSplit(value, ',', absl::SkipEmpty())) {
          flags.merge.emplace_back(f);
        }
      }
    } else if (name == "keep-going") {
      s = none();
      flags.keep_going = true;
    } else if (name == "no-coverage") {
      s = none();
      flags.coverage = false;
    } else if (name == "quiet") {
      s = none();
      flags.quiet = true;
    } else if (name == "summary") {
      s = none();
      flags.summary = true;
    } else if (name == "help") {
      s = none();
      flags.help = true;
    } else {
      s = absl::InvalidArgumentError(absl::StrCat("unknown flag --", name));
    }
    if (!s.ok()) return s;
  }
  if (merging && flags.merge.empty())
    return absl::InvalidArgumentError("--merge needs result files");
  if (!flags.svg.empty() && flags.dot.empty()) {
    return absl::InvalidArgumentError("--svg renders the --dot graph: give --dot=FILE too");
  }
  return absl::OkStatus();
}

absl::Status WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) return absl::UnavailableError(absl::StrCat("cannot write ", path));
  return absl::OkStatus();
}

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Under `bazel run`, relative paths are meant relative to where the user was.
std::string UserPath(const std::string& path) {
  const char* dir = std::getenv("BUILD_WORKING_DIRECTORY");
  if (path.empty() || path[0] == '/' || dir == nullptr) return path;
  return absl::StrCat(dir, "/", path);
}

int Fail(const absl::Status& status, int code) {
  std::cerr << "futurecheck_explore: " << status.message() << "\n";
  return code;
}

int Main(int argc, char** argv) {
  Flags flags;
  if (absl::Status s = ParseFlags(argc, argv, flags); !s.ok()) {
    std::cerr << "futurecheck_explore: " << s.message() << "\n";
    Usage(std::cerr);
    return 2;
  }
  if (flags.help) {
    Usage(std::cout);
    return 0;
  }

  ExploreResult result;
  if (!flags.merge.empty()) {
    std::vector<ExploreResult> parts;
    for (const std::string& file : flags.merge) {
      absl::StatusOr<std::string> text = ReadFile(UserPath(file));
      if (!text.ok()) return Fail(text.status(), 3);
      absl::StatusOr<ExploreResult> part = ParseResult(*text);
      if (!part.ok())
        return Fail(absl::InvalidArgumentError(absl::StrCat(file, ": ", part.status().message())),
                    2);
      parts.push_back(*std::move(part));
    }
    absl::StatusOr<ExploreResult> merged = MergeResults(std::move(parts));
    if (!merged.ok()) return Fail(merged.status(), 2);
    result = *std::move(merged);
    // Re-run each counterexample for its full report.
    for (scenario::RunResult& v : result.violations) {
      v = scenario::RunScripted(v.executed, {.spec = result.spec});
    }
    std::cout << absl::StrFormat("merged %d result files\n", flags.merge.size());
  } else {
    ExploreOptions options;
    options.template_name = flags.template_name;
    options.max_depth = flags.depth;
    options.spec = flags.spec;
    options.time_limit_seconds = flags.time_limit;
    options.shard_index = flags.shard_index;
    options.shard_count = flags.shard_count;
    options.jobs = flags.jobs;
    options.keep_going = flags.keep_going;
    if (!flags.quiet) {
      options.progress = [](const ExploreProgress& p) {
        std::cerr << absl::StrFormat(
            "\r[explore] depth %d  states %d  transitions %d  runs %d  %.0f runs/s   ", p.depth,
            p.states, p.transitions, p.runs, p.seconds > 0 ? p.runs / p.seconds : 0.0);
      };
    }
    absl::StatusOr<ExploreResult> explored = Explore(options);
    if (!flags.quiet) std::cerr << "\n";
    if (!explored.ok()) return Fail(explored.status(), 3);
    result = *std::move(explored);
    std::cerr << absl::StrFormat("[explore] %.2f s, %.0f runs/s, %.0f states/s\n", result.seconds,
                                 result.runs / std::max(result.seconds, 1e-9),
                                 result.distinct_states() / std::max(result.seconds, 1e-9));
  }

  // Deterministic part: same flags, same stdout.
  std::cout << absl::StrFormat("runtime: %s\n", sut::LinkedRuntimeName());
  std::cout << absl::StrFormat("spec revision: %s\n", model::SpecRevisionName(result.spec));
  std::string verdict;
  if (result.closed) {
    verdict = absl::StrFormat("complete: all %d reachable states (none new after depth %d)",
                              result.distinct_states(), result.depth_reached);
  } else if (result.complete) {
    verdict = "complete to this depth (deeper states remain)";
  } else {
    verdict = result.timed_out ? "INCOMPLETE (time limit)" : "stopped at a violation";
  }
  std::cout << absl::StrFormat(
      "template %s, depth %s%s: %s\n", result.template_name, DepthText(result.max_depth),
      result.shard_count > 1
          ? absl::StrFormat(", shard %d/%d", result.shard_index, result.shard_count)
          : "",
      verdict);
  std::cout << absl::StrFormat(
      "distinct states %d, transitions %d, runs %d, steps %d, depth reached %d\n",
      result.distinct_states(), result.transitions, result.runs, result.steps,
      result.depth_reached);
  if (!result.new_states_per_depth.empty()) {
    std::cout << "new states per depth: " << absl::StrJoin(result.new_states_per_depth, " ")
              << "\n";
  }
  if (flags.coverage) {
    std::cout << "\nmodel coverage (the channel model's transitions, for each kind of channel "
                 "the search touched):\n"
              << result.coverage.Table();
  }

  if (!flags.result.empty()) {
    if (absl::Status s = WriteFile(UserPath(flags.result), ResultToText(result)); !s.ok())
      return Fail(s, 3);
  }
  if (!flags.dot.empty()) {
    const std::string dot = UserPath(flags.dot);
    if (absl::Status s = WriteFile(dot, result.coverage.ToDot()); !s.ok()) return Fail(s, 3);
    std::cout << "coverage graph: " << flags.dot << "\n";
    if (!flags.svg.empty()) {
      const std::string svg = flags.svg == "-" ? dot + ".svg" : UserPath(flags.svg);
      if (std::system("command -v dot >/dev/null 2>&1") != 0) {
        std::cerr << "futurecheck_explore: Graphviz `dot` is not installed; wrote DOT only\n";
      } else if (std::system(absl::StrCat("dot -Tsvg '", dot, "' -o '", svg, "'").c_str()) != 0) {
        return Fail(absl::InternalError("dot -Tsvg failed"), 3);
      } else {
        std::cout << "rendered: " << svg << "\n";
      }
    }
  }

  int length = -1;
  if (!result.violations.empty()) {
    const scenario::RunResult& first = result.violations.front();
    length = static_cast<int>(first.executed.actions.size());
    std::cout << absl::StrFormat("\nVIOLATION: shortest counterexample has %d actions (%d found)\n",
                                 length, result.violations.size());
    std::cout << first.Report();
    const std::string text = scenario::ScenarioToText(first.executed);
    std::cout << "scenario (replays with RunScripted / --from-scenario, under spec "
              << model::SpecRevisionName(result.spec) << "):\n"
              << text;
    scenario::RunResult replay = scenario::RunScripted(first.executed, {.spec = result.spec});
    std::cout << absl::StrFormat("replay: %s\n",
                                 !replay.ok() && replay.first_invariant() == first.first_invariant()
                                     ? "reproduces the same invariant"
                                     : "DOES NOT REPRODUCE");
    if (!flags.out.empty()) {
      if (absl::Status s = WriteFile(UserPath(flags.out), text); !s.ok()) return Fail(s, 3);
      std::cout << "counterexample written to " << flags.out << "\n";
    }
    std::cout << scenario::SaveFindingAndSay(
        {.driver = absl::StrCat("explorer (template ", result.template_name, ")"),
         .spec = result.spec,
         .result = first});
  } else {
    std::cout << "\nno violation\n";
  }
  if (flags.summary) {
    std::cout << absl::StrFormat(
        "SUMMARY %s %s %d %d %d %d %.2f\n", result.violations.empty() ? "pass" : "fail",
        result.violations.empty()
            ? "-"
            : model::InvariantName(result.violations.front().first_invariant()),
        length, result.distinct_states(), result.transitions, result.runs, result.seconds);
  }
  return result.violations.empty() ? 0 : 1;
}

}  // namespace
}  // namespace fc::explore

// The search runs in a child process: a runtime that crashes the process
// (no-crash) ends the child, and the crash reporter's report (the crashed
// path as a scenario, how to replay it) is what is left; the parent then
// says so, with a SUMMARY line for scripts.
int main(int argc, char** argv) {
  const auto start = std::chrono::steady_clock::now();
  const fc::scenario::ChildRun run =
      fc::scenario::RunInChild([&] { return fc::explore::Main(argc, argv); });
  if (!run.crashed()) return run.exit_code;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("\nVIOLATION: the runtime crashed the process (%s)%s\n", run.Cause(),
              run.reported_crash ? "; the crash report above has the path as a scenario" : "");
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--summary") == 0) {
      std::printf("SUMMARY fail no-crash %s - - - %.2f\n",
                  run.crash_actions ? std::to_string(*run.crash_actions).c_str() : "-", seconds);
    }
  }
  return 1;
}
