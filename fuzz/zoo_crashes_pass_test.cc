// Every zoo crash file (fuzz/zoo_crashes/) passes on the correct runtime, in
// every fuzz target's mode: what breaks a seeded bug must be a legal run.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "fuzz/byte_choices.h"

namespace fc::fuzz {
namespace {

std::string Slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(ZooCrashesPassTest, EveryCrashFilePassesOnTheCorrectRuntime) {
  int files = 0;
  for (const auto& file : std::filesystem::directory_iterator("fuzz/zoo_crashes")) {
    if (file.path().extension() != ".crash") continue;
    ++files;
    const std::string bytes = Slurp(file.path());
    for (const DecodeOptions& mode : {DecodeOptions{}, StreamOptions(), TaskOptions()}) {
      const DecodedRun run = RunBytes(bytes, mode);
      EXPECT_TRUE(run.result.ok()) << file.path() << "\n" << run.result.Report();
    }
  }
  EXPECT_GE(files, 31);
}

}  // namespace
}  // namespace fc::fuzz
