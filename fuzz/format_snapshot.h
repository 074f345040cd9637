// The byte format's meaning, pinned. A fuzz input's bytes index into the
// list of enabled actions (Session::EnabledActions, in its fixed order) and
// into each choice point's legal outcomes, so the order of those lists is a
// wire format: change it and every saved input, corpus seed and crash file
// of that mode decodes to another scenario. Each mode's version byte must
// then change too (byte_choices.h).
//
// The snapshot decodes a fixed set of pseudo-random inputs in each mode and
// records, per input, a hash of the scenario it decodes to. It is kept in
// fuzz/format_snapshots.txt; //fuzz:format_guard_test fails when a decoding
// changes while its mode's version stays, or when a version changes and the
// snapshot was not regenerated:
//
//   bazel run //fuzz:format_snapshot > fuzz/format_snapshots.txt
#ifndef FUTURECHECK_FUZZ_FORMAT_SNAPSHOT_H_
#define FUTURECHECK_FUZZ_FORMAT_SNAPSHOT_H_

#include <cstdint>
#include <string>
#include <vector>

namespace fc::fuzz {

struct SnapshotLine {
  std::string mode;      // futures, streams, tasks
  uint32_t version = 0;  // the mode's format version when it was taken
  uint32_t input = 0;    // which input of the mode
  std::string digest;    // 16 hex digits of the decoded scenario's text
  std::string scenario;  // the decoded scenario (not in the file)
};

// Decodes every probe input of every mode with the current code.
std::vector<SnapshotLine> TakeFormatSnapshot();

// The file form: a comment header, then "mode version input digest" lines.
std::string FormatSnapshotText(const std::vector<SnapshotLine>& lines);

}  // namespace fc::fuzz

#endif  // FUTURECHECK_FUZZ_FORMAT_SNAPSHOT_H_
