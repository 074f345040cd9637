// Guards the byte format (fuzz/format_snapshot.h): what fixed inputs decode
// to may change only together with their mode's format version.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <tuple>

#include "fuzz/format_snapshot.h"

namespace fc::fuzz {
namespace {

TEST(FormatGuardTest, DecodingChangesOnlyWithAVersionBump) {
  std::ifstream in("fuzz/format_snapshots.txt");
  ASSERT_TRUE(in) << "fuzz/format_snapshots.txt is missing";
  // (mode, input) -> (version, digest), as pinned.
  std::map<std::pair<std::string, uint32_t>, std::pair<uint32_t, std::string>> pinned;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string mode, digest;
    uint32_t version = 0, input = 0;
    ASSERT_TRUE(fields >> mode >> version >> input >> digest) << "bad line: " << line;
    pinned[{mode, input}] = {version, digest};
  }
  int checked = 0;
  for (const SnapshotLine& now : TakeFormatSnapshot()) {
    auto it = pinned.find({now.mode, now.input});
    ASSERT_NE(it, pinned.end()) << now.mode << " input " << now.input
                                << " is not pinned; regenerate: bazel run //fuzz:format_snapshot "
                                   "> fuzz/format_snapshots.txt";
    const auto& [version, digest] = it->second;
    if (version != now.version) {
      FAIL() << now.mode << " inputs are now format version " << now.version << ", pinned at "
             << version << ": regenerate the snapshot with the bump (bazel run "
             << "//fuzz:format_snapshot > fuzz/format_snapshots.txt) and the corpora "
             << "(bazel run //fuzz:make_corpus -- $PWD/fuzz/corpus)";
    }
    EXPECT_EQ(digest, now.digest)
        << now.mode << " input " << now.input << " decodes to another scenario, but the "
        << now.mode << " format version is still " << version
        << ": the order of enabled actions or legal outcomes changed, so every saved input of "
        << "this mode means something else now. Bump its version in fuzz/byte_choices.h, "
        << "regenerate fuzz/corpus and this snapshot. It now decodes to:\n"
        << now.scenario;
    ++checked;
  }
  EXPECT_EQ(checked, static_cast<int>(pinned.size()))
      << "the snapshot pins inputs that no longer exist";
}

}  // namespace
}  // namespace fc::fuzz
