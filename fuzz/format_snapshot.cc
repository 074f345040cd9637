#include "fuzz/format_snapshot.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "fuzz/byte_choices.h"
#include "scenario/scenario_text.h"

namespace fc::fuzz {
namespace {

constexpr uint32_t kInputsPerMode = 64;

// Inputs like the fuzzers' own: small indices, 8 to 55 bytes after byte 0.
std::string ProbeInput(uint8_t version, uint32_t seed) {
  uint32_t state = seed * 2654435761u + 12345u;
  auto next = [&state] {
    state = state * 1664525u + 1013904223u;
    return state >> 24;
  };
  std::string bytes(1, static_cast<char>(version));
  const uint32_t length = 8 + seed % 48;
  for (uint32_t i = 0; i < length; ++i) bytes.push_back(static_cast<char>(next() % 12));
  return bytes;
}

std::string Digest(const std::string& text) {
  uint64_t hash = 0xcbf29ce484222325ull;
  for (unsigned char c : text) hash = (hash ^ c) * 0x100000001b3ull;
  return absl::StrFormat("%016x", hash);
}

}  // namespace

std::vector<SnapshotLine> TakeFormatSnapshot() {
  const std::pair<const char*, DecodeOptions> modes[] = {
      {"futures", DecodeOptions{}}, {"streams", StreamOptions()}, {"tasks", TaskOptions()}};
  std::vector<SnapshotLine> lines;
  for (uint32_t m = 0; m < std::size(modes); ++m) {
    const auto& [name, options] = modes[m];
    const uint8_t version = VersionFor(options);
    for (uint32_t i = 0; i < kInputsPerMode; ++i) {
      const DecodedRun run = RunBytes(ProbeInput(version, m * 1000 + i), options);
      std::string scenario = scenario::ScenarioToText(run.result.executed);
      lines.push_back(SnapshotLine{name, version, i, Digest(scenario), std::move(scenario)});
    }
  }
  return lines;
}

std::string FormatSnapshotText(const std::vector<SnapshotLine>& lines) {
  std::string out =
      "# What fixed fuzz inputs decode to, per mode and format version (fuzz/format_snapshot.h).\n"
      "# Regenerate only together with a version bump: bazel run //fuzz:format_snapshot\n"
      "# mode version input digest\n";
  for (const SnapshotLine& line : lines) {
    absl::StrAppendFormat(&out, "%s %u %u %s\n", line.mode, line.version, line.input, line.digest);
  }
  return out;
}

}  // namespace fc::fuzz
