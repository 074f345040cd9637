// Writes c_runtime/catalogue_traces.txt: the host calls the C runtime
// (fcrt) makes in every catalogue scenario without tasks, for those where
// they differ from the pinned C++ trace. Every scenario must pass first;
// the diff is then reviewed by hand like the pinned traces.
//
//   bazel run //adapters/c:write_catalogue_traces [-- OUTPUT]
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

#include "adapters/c/catalogue_overrides.h"
#include "scenario/catalogue.h"
#include "scenario/runner.h"

int main(int argc, char** argv) {
  using fc::adapters::c::TraceOverrides;
  std::string path;
  if (argc > 1) {
    path = argv[1];
  } else if (const char* root = std::getenv("BUILD_WORKSPACE_DIRECTORY")) {
    path = std::string(root) + "/" + fc::adapters::c::kOverridesPath;
  } else {
    std::cerr << "usage: write_catalogue_traces OUTPUT (or run it with bazel run)\n";
    return 2;
  }
  TraceOverrides overrides;
  int failed = 0;
  for (const fc::scenario::CatalogueEntry& entry : fc::adapters::c::EntriesWithoutTasks()) {
    fc::scenario::RunResult result = fc::scenario::RunScripted(entry.scenario);
    if (!result.ok()) {
      std::cerr << "FAIL " << entry.name << "\n" << result.Report() << "\n";
      ++failed;
      continue;
    }
    if (result.host_calls != entry.expected_host_calls) overrides[entry.name] = result.host_calls;
  }
  if (failed != 0) {
    std::cerr << failed << " scenario(s) failed on the C runtime; nothing written\n";
    return 1;
  }
  std::ofstream out(path);
  out << fc::adapters::c::FormatOverrides(overrides);
  if (!out) {
    std::cerr << "cannot write " << path << "\n";
    return 3;
  }
  std::cout << overrides.size() << " override(s) written to " << path << "\n";
  return 0;
}
