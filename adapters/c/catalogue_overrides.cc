#include "adapters/c/catalogue_overrides.h"

#include <fstream>
#include <iterator>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "scenario/scenario.h"

namespace fc::adapters::c {

std::vector<scenario::CatalogueEntry> EntriesWithoutTasks() {
  std::vector<scenario::CatalogueEntry> out;
  for (const scenario::CatalogueEntry& entry : scenario::Catalogue()) {
    if (!scenario::UsesTasks(entry.scenario)) out.push_back(entry);
  }
  return out;
}

absl::StatusOr<TraceOverrides> ParseOverrides(const std::string& text) {
  TraceOverrides out;
  std::vector<std::string>* current = nullptr;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    if (line.empty() || absl::StartsWith(line, "#")) continue;
    if (absl::StartsWith(line, "== ")) {
      const std::string name(line.substr(3));
      if (out.contains(name)) {
        return absl::InvalidArgumentError(
            absl::StrCat("line ", line_number, ": ", name, " is overridden twice"));
      }
      current = &out[name];
      continue;
    }
    if (current == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("line ", line_number, ": a trace line before any '== name'"));
    }
    current->emplace_back(line);
  }
  return out;
}

std::string FormatOverrides(const TraceOverrides& overrides) {
  std::string out =
      "# The host calls fcrt (the C runtime) makes in the catalogue scenarios where they differ\n"
      "# from the pinned C++ trace (scenario/catalogue_traces.cc). Written by\n"
      "#   bazel run //adapters/c:write_catalogue_traces\n"
      "# and reviewed by hand; //adapters/c:c_catalogue_test checks them exactly.\n";
  for (const auto& [name, lines] : overrides) {
    absl::StrAppend(&out, "\n== ", name, "\n");
    for (const std::string& line : lines) absl::StrAppend(&out, line, "\n");
  }
  return out;
}

absl::StatusOr<TraceOverrides> ReadOverrides(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  const std::string text(std::istreambuf_iterator<char>(in), {});
  return ParseOverrides(text);
}

const std::vector<std::string>& ExpectedCalls(const scenario::CatalogueEntry& entry,
                                              const TraceOverrides& overrides,
                                              model::SpecRevision spec) {
  // fcrt has no overrides of a revised trace (none differ today).
  if (entry.revised_host_calls.contains(spec)) return entry.ExpectedHostCalls(spec);
  auto it = overrides.find(entry.name);
  return it != overrides.end() ? it->second : entry.expected_host_calls;
}

}  // namespace fc::adapters::c
