// Prints the byte format's snapshot (fuzz/format_snapshot.h) for
// fuzz/format_snapshots.txt:
//
//   bazel run //fuzz:format_snapshot > fuzz/format_snapshots.txt
#include <cstdio>

#include "fuzz/format_snapshot.h"

int main() {
  std::fputs(fc::fuzz::FormatSnapshotText(fc::fuzz::TakeFormatSnapshot()).c_str(), stdout);
  return 0;
}
