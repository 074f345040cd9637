// explore_benchmark: how the search grows with depth. For each depth it
// explores the template from scratch and prints distinct states, explored
// transitions, runs, seconds and states/s; a depth that hits the time limit
// is marked incomplete and ends the benchmark.
//
//   bazel run -c opt //explore:explore_benchmark -- [--template=all-kinds]
//       [--depths=4,8,12,16] [--time-limit=60]
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "explore/explorer.h"

int main(int argc, char** argv) {
  std::string tmpl = "all-kinds";
  std::vector<int> depths = {4, 8, 12, 16};
  double limit = 60;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    bool ok = true;
    if (absl::StartsWith(arg, "--template=")) {
      tmpl = arg.substr(11);
    } else if (absl::StartsWith(arg, "--depths=")) {
      depths.clear();
      for (absl::string_view d : absl::StrSplit(arg.substr(9), ',')) {
        int n = 0;
        ok = ok && absl::SimpleAtoi(d, &n) && n >= 0;
        depths.push_back(n);
      }
    } else if (absl::StartsWith(arg, "--time-limit=")) {
      ok = absl::SimpleAtod(arg.substr(13), &limit) && limit > 0;
    } else {
      ok = false;
    }
    if (!ok) {
      std::cerr << "usage: explore_benchmark [--template=NAME] [--depths=4,8,12,16] "
                   "[--time-limit=SECONDS per depth]\n";
      return 2;
    }
  }
  std::cout << absl::StrFormat("template %s, time limit %.0f s per depth\n", tmpl, limit);
  std::cout << absl::StrFormat("%5s %12s %12s %10s %9s %10s %10s %s\n", "depth", "states",
                               "transitions", "runs", "seconds", "states/s", "runs/s", "");
  for (int depth : depths) {
    fc::explore::ExploreOptions options;
    options.template_name = tmpl;
    options.max_depth = depth;
    options.time_limit_seconds = limit;
    absl::StatusOr<fc::explore::ExploreResult> r = fc::explore::Explore(options);
    if (!r.ok()) {
      std::cerr << r.status() << "\n";
      return 2;
    }
    const double s = std::max(r->seconds, 1e-9);
    std::cout << absl::StrFormat("%5d %12d %12d %10d %9.2f %10.0f %10.0f %s%s\n", depth,
                                 r->distinct_states(), r->transitions, r->runs, r->seconds,
                                 r->distinct_states() / s, r->runs / s,
                                 r->complete ? "complete" : "INCOMPLETE (time limit)",
                                 r->violations.empty() ? "" : ", VIOLATION");
    std::cout.flush();
    if (!r->complete) break;
  }
  return 0;
}
