// A complete search (every reachable state of a template) as a `bazel test`
// that honours Bazel's test sharding protocol, so `bazel test` spreads it
// over as many machines as the target's shard_count (or
// --test_sharding_strategy) gives it, local or remote:
//
//   TEST_TOTAL_SHARDS, TEST_SHARD_INDEX  this run is shard i of N
//                                        (explorer.h: a choice-prefix split)
//   TEST_SHARD_STATUS_FILE               touched: this test knows sharding
//   TEST_UNDECLARED_OUTPUTS_DIR          each shard's result file, for
//                                        `futurecheck_explore --merge`
//
// A shard passes when its part of the search closes (no state it can reach
// is left unexpanded) with no violation; the shards' parts together are the
// whole state space, so all shards passing is the complete search passing.
// explorer_test checks that merged shards equal one unsharded run.
//
// Flags: --template=NAME (required), --spec=2026-08|2026-09|all (default
// all), --time-limit=SECONDS (default 0: none; a shard that runs out fails).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "explore/explorer.h"
#include "explore/result_file.h"
#include "model/spec_rules.h"
#include "scenario/findings.h"
#include "scenario/scenario_text.h"
#include "sut/runtime_under_test.h"

namespace fc::explore {
namespace {

struct Shard {
  uint32_t index = 0;
  uint32_t count = 1;
};

// Reads Bazel's sharding variables; absent, the test is one shard of one.
absl::StatusOr<Shard> ShardFromEnvironment() {
  Shard shard;
  const char* total = std::getenv("TEST_TOTAL_SHARDS");
  const char* index = std::getenv("TEST_SHARD_INDEX");
  if (total == nullptr && index == nullptr) return shard;
  if (total == nullptr || index == nullptr || !absl::SimpleAtoi(total, &shard.count) ||
      !absl::SimpleAtoi(index, &shard.index) || shard.count == 0 || shard.index >= shard.count) {
    return absl::InvalidArgumentError(
        absl::StrFormat("bad sharding variables: TEST_TOTAL_SHARDS=%s TEST_SHARD_INDEX=%s",
                        total ? total : "(unset)", index ? index : "(unset)"));
  }
  // Tell Bazel this test shards (it warns, or fails under
  // --incompatible_check_sharding_support, when the file is not touched).
  if (const char* status = std::getenv("TEST_SHARD_STATUS_FILE"); status != nullptr) {
    std::ofstream touch(status, std::ios::app);
  }
  return shard;
}

int Usage(const std::string& why) {
  std::cerr << "complete_search_test: " << why << "\n"
            << "usage: complete_search_test --template=NAME [--spec=2026-08|2026-09|all] "
               "[--time-limit=SECONDS]\n";
  return 2;
}

// One revision's search: true when this shard's part closed with no
// violation.
bool SearchOne(const std::string& template_name, model::SpecRevision spec, const Shard& shard,
               double time_limit) {
  ExploreOptions options;
  options.template_name = template_name;
  options.max_depth = kNoDepthBound;
  options.spec = spec;
  options.shard_index = shard.index;
  options.shard_count = shard.count;
  options.time_limit_seconds = time_limit;
  absl::StatusOr<ExploreResult> result = Explore(options);
  const std::string what = absl::StrFormat("template %s, spec %s, shard %d of %d", template_name,
                                           model::SpecRevisionName(spec), shard.index, shard.count);
  if (!result.ok()) {
    std::cout << what << ": error: " << result.status() << "\n";
    return false;
  }
  std::cout << absl::StrFormat(
      "%s: %d distinct states, %d transitions, deepest new state at depth %d, %.1f s\n", what,
      result->distinct_states(), result->transitions, result->depth_reached, result->seconds);
  if (const char* dir = std::getenv("TEST_UNDECLARED_OUTPUTS_DIR"); dir != nullptr) {
    const std::string path =
        absl::StrFormat("%s/explore-%s-%s-shard-%d-of-%d.txt", dir, template_name,
                        model::SpecRevisionName(spec), shard.index, shard.count);
    std::ofstream(path) << ResultToText(*result);
  }
  if (!result->violations.empty()) {
    const scenario::RunResult& first = result->violations.front();
    std::cout << "VIOLATION (shortest in this shard)\n"
              << first.Report() << "scenario:\n"
              << scenario::ScenarioToText(first.executed)
              << scenario::SaveFindingAndSay(
                     {.driver = absl::StrCat("complete search (template ", template_name, ")"),
                      .spec = spec,
                      .result = first})
              << "the whole search: bazel run -c opt //explore:futurecheck_explore -- "
                 "--depth=all --template="
              << template_name << " --spec=" << model::SpecRevisionName(spec) << "\n";
    return false;
  }
  if (!result->closed) {
    std::cout << what << ": did not close (" << (result->timed_out ? "time limit" : "stopped early")
              << ")\n";
    return false;
  }
  std::cout << what << ": closed, no violation\n";
  return true;
}

int Main(int argc, char** argv) {
  std::string template_name;
  std::string spec_name = "all";
  double time_limit = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (absl::StartsWith(arg, "--template=")) {
      template_name = arg.substr(11);
    } else if (absl::StartsWith(arg, "--spec=")) {
      spec_name = arg.substr(7);
    } else if (absl::StartsWith(arg, "--time-limit=")) {
      if (!absl::SimpleAtod(arg.substr(13), &time_limit) || time_limit < 0) {
        return Usage("--time-limit wants a number of seconds");
      }
    } else {
      return Usage(absl::StrCat("unexpected argument '", arg, "'"));
    }
  }
  if (template_name.empty()) return Usage("--template is required");
  std::vector<model::SpecRevision> specs;
  if (spec_name == "all") {
    specs = {model::SpecRevision::k2026_08, model::SpecRevision::k2026_09};
  } else {
    absl::StatusOr<model::SpecRevision> spec = model::SpecRevisionNamed(spec_name);
    if (!spec.ok()) return Usage(std::string(spec.status().message()));
    specs = {*spec};
  }
  absl::StatusOr<Shard> shard = ShardFromEnvironment();
  if (!shard.ok()) return Usage(std::string(shard.status().message()));
  std::cout << "runtime: " << sut::LinkedRuntimeName() << "\n";
  bool passed = true;
  for (model::SpecRevision spec : specs) {
    passed = SearchOne(template_name, spec, *shard, time_limit) && passed;
  }
  return passed ? 0 : 1;
}

}  // namespace
}  // namespace fc::explore

int main(int argc, char** argv) { return fc::explore::Main(argc, argv); }
