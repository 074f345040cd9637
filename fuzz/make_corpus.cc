// Writes the seed corpora from the scripted catalogue: each entry's scenario
// encoded in the byte format, so fuzzing starts from every documented
// behaviour (each race, each outcome, each documented panic).
//
//   bazel run //fuzz:make_corpus -- DIR    # writes DIR/<target>/...
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "fuzz/byte_choices.h"
#include "fuzz/return_code_check.h"
#include "scenario/catalogue.h"

namespace {

std::string FileName(const std::string& name) {
  std::string out = "catalogue-";
  for (char c : name) out += std::isalnum(static_cast<unsigned char>(c)) ? c : '-';
  return out;
}

bool Write(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(out);
}

std::string Le32(uint32_t v) {
  std::string out;
  for (int b = 0; b < 4; ++b) out.push_back(static_cast<char>((v >> (8 * b)) & 0xff));
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: make_corpus DIR\n");
    return 2;
  }
  std::filesystem::path root = argv[1];
  if (root.is_relative()) {
    if (const char* cwd = std::getenv("BUILD_WORKING_DIRECTORY")) root = cwd / root;
  }
  const auto scenarios = root / "future_scenario_fuzzer";
  const auto codes = root / "return_code_fuzzer";
  const auto streams = root / "stream_scenario_fuzzer";
  const auto tasks = root / "task_scenario_fuzzer";
  std::filesystem::create_directories(scenarios);
  std::filesystem::create_directories(tasks);
  std::filesystem::create_directories(streams);
  std::filesystem::create_directories(codes);
  int written = 0;
  int failures = 0;
  // Writes `entry` encoded for one target; false (after saying why) when the
  // format cannot express it in that mode.
  auto seed = [&](const fc::scenario::CatalogueEntry& entry, const fc::fuzz::DecodeOptions& options,
                  const std::filesystem::path& dir, const char* mode) {
    absl::StatusOr<std::string> bytes = fc::fuzz::EncodeScenario(entry.scenario, options);
    if (!bytes.ok()) {
      std::fprintf(stderr, "make_corpus: %s%s: %s\n", entry.name.c_str(), mode,
                   std::string(bytes.status().message()).c_str());
      ++failures;
      return false;
    }
    failures += !Write(dir / FileName(entry.name), *bytes);
    ++written;
    return true;
  };
  for (const fc::scenario::CatalogueEntry& entry : fc::scenario::Catalogue()) {
    // Every entry seeds the task target (it has streams on, and task
    // actions come after every other action, so any scenario encodes there).
    seed(entry, fc::fuzz::TaskOptions(), tasks, " (tasks)");
    if (fc::fuzz::UsesTasks(entry.scenario)) continue;
    // Every other entry seeds the stream target (stream actions come after
    // the future ones, so futures-only scenarios encode there too).
    seed(entry, fc::fuzz::StreamOptions(), streams, " (streams)");
    if (fc::fuzz::UsesStreams(entry.scenario)) continue;
    if (!seed(entry, fc::fuzz::DecodeOptions{}, scenarios, "")) continue;
    // One future<u32> entries also seed the state-machine half of the
    // return-code target (after a zero code count).
    absl::StatusOr<std::string> single =
        fc::fuzz::EncodeScenario(entry.scenario, fc::fuzz::SingleFutureOptions());
    if (single.ok()) {
      failures += !Write(codes / FileName(entry.name), absl::StrCat(std::string(1, '\0'), *single));
      ++written;
    }
  }
  // Every defined code and a few undefined ones, each in its own seed.
  const uint32_t raw[] = {0xffffffffu, 0, 1, 2, 3, 0xf, 0x10, 0x12, 0xfffffff0u, 0x7fffffffu};
  std::string all;
  for (uint32_t code : raw) all += Le32(code);
  failures += !Write(codes / "codes-defined", absl::StrCat("\x04", all.substr(0, 16)));
  failures += !Write(codes / "codes-undefined", absl::StrCat("\x06", all.substr(16, 24)));
  written += 2;
  std::printf("make_corpus: %d files written under %s, %d failures\n", written,
              root.string().c_str(), failures);
  return failures == 0 ? 0 : 1;
}
