// The invariant table (invariants.h) is the one list of invariants: the
// README's table must be its rows, and every function its "checked in"
// column names must be in the file it names.
#include "model/invariants.h"

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "gtest/gtest.h"

namespace fc::model {
namespace {

// A data file of this test (paths from the workspace root); "" if unreadable.
std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return in ? text.str() : "";
}

// The lines of the first table after the heading "## The invariants".
std::string ReadmeInvariantTable(const std::string& readme) {
  std::string table;
  bool in_section = false;
  for (absl::string_view line : absl::StrSplit(readme, '\n')) {
    if (!in_section) {
      in_section = line == "## The invariants";
    } else if (absl::StartsWith(line, "|")) {
      absl::StrAppend(&table, line, "\n");
    } else if (!table.empty() || absl::StartsWith(line, "## ")) {
      break;
    }
  }
  return table;
}

TEST(InvariantsTest, ReadmeTableIsTheTable) {
  const std::string readme = ReadFile("README.md");
  ASSERT_FALSE(readme.empty()) << "cannot read README.md (a data file of this test)";
  const std::string table = InvariantTableMarkdown();
  const std::string copy = ReadmeInvariantTable(readme);
  if (copy == table) return;
  const std::vector<std::string> want = absl::StrSplit(table, '\n');
  const std::vector<std::string> got = absl::StrSplit(copy, '\n');
  size_t row = 0;
  while (row < want.size() && row < got.size() && want[row] == got[row]) ++row;
  ADD_FAILURE() << "README.md's table under \"## The invariants\" is not model/invariants.cc's; "
                << "first difference at row " << row + 1
                << ":\n  README: " << (row < got.size() ? got[row] : "(missing)")
                << "\n  table:  " << (row < want.size() ? want[row] : "(missing)")
                << "\nThe README's table should be (`bazel run //scenario:futurecheck -- "
                   "--list-invariants`):\n"
                << table;
}

TEST(InvariantsTest, EveryRowIsCompleteAndNamedOnce) {
  std::set<std::string> names;
  for (const InvariantInfo& inv : CheckedInvariants()) {
    SCOPED_TRACE(inv.name);
    EXPECT_TRUE(names.insert(inv.name).second) << "two invariants share the name";
    EXPECT_STREQ(InvariantName(inv.invariant), inv.name);
    for (absl::string_view cell : {inv.name, inv.means, inv.checked_in}) {
      EXPECT_FALSE(cell.empty());
      EXPECT_FALSE(absl::StrContains(cell, "|")) << "a '|' would split the Markdown cell: " << cell;
      EXPECT_FALSE(absl::StrContains(cell, "\n")) << cell;
    }
  }
  EXPECT_EQ(names.size(), static_cast<size_t>(Invariant::kScript));
  EXPECT_EQ(names.count(InvariantName(Invariant::kScript)), 0u);
  EXPECT_STREQ(InvariantName(Invariant::kScript), "scenario-script");
}

// "path Class::A, B" names A and B of Class in path: a .cc defines them as
// "Class::A(", a header inside "class Class" as "A(". A name without a class
// is a free function, "A(".
TEST(InvariantsTest, CheckedInNamesFunctionsOfTheFilesItNames) {
  for (const InvariantInfo& inv : CheckedInvariants()) {
    SCOPED_TRACE(inv.name);
    for (absl::string_view item : absl::StrSplit(inv.checked_in, "; ")) {
      const std::pair<std::string, std::string> path_and_functions =
          absl::StrSplit(item, absl::MaxSplits(' ', 1));
      const std::string& path = path_and_functions.first;
      const std::string text = ReadFile(path);
      if (text.empty()) {
        ADD_FAILURE() << "cannot read " << path
                      << ": add it to the data of //model:invariants_test";
        continue;
      }
      const bool header = absl::EndsWith(path, ".h");
      std::string class_name;
      for (absl::string_view function : absl::StrSplit(path_and_functions.second, ", ")) {
        std::string name(function);
        if (const size_t colons = function.rfind("::"); colons != absl::string_view::npos) {
          class_name = std::string(function.substr(0, colons));
          name = std::string(function.substr(colons + 2));
        }
        if (class_name.empty()) {
          EXPECT_TRUE(absl::StrContains(text, name + "(")) << path << " has no function " << name;
        } else if (header) {
          EXPECT_TRUE(absl::StrContains(text, "class " + class_name))
              << path << " has no class " << class_name;
          EXPECT_TRUE(absl::StrContains(text, " " + name + "("))
              << path << " has no " << class_name << "::" << name;
        } else {
          EXPECT_TRUE(absl::StrContains(text, class_name + "::" + name + "("))
              << path << " has no " << class_name << "::" << name;
        }
      }
    }
  }
}

}  // namespace
}  // namespace fc::model
