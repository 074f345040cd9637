// The fuzzers' input format: a byte string that decodes to a scenario and
// the intrinsic outcomes chosen in it. Every byte string is a valid input
// (nothing is rejected), and a small mutation makes a small change.
//
//   byte 0      format version: kFormatVersion (10) for futures-only
//               inputs, kStreamFormatVersion (11) for inputs whose actions
//               include streams (SessionOptions.streams;
//               stream_scenario_fuzzer), kTaskFormatVersion (12) for inputs
//               with tasks, over futures and streams (SessionOptions.tasks
//               and .streams; task_scenario_fuzzer). Retired: versions 2
//               and 3 were the stream and task formats before the guest's
//               stream write and read lengths became 0, 1, 4, 5 (zero,
//               below, at and above the copy limit); 4 and 5, before a
//               stream copy's outcome could move any count that fits (the
//               other end copied 1 or the most); 6 and 7, before a waiting
//               stream end of the other side could cancel and copy another
//               count: their bytes index other lists. 1, 8 and 9 were the
//               three formats before the teardown went through the channels
//               in the state's symmetry order (Session::SymmetryOrder)
//               instead of the order they were made: the bytes left for the
//               teardown's choices feed other choice points.
//               Each fuzzer decodes every input in its own mode whatever
//               byte 0 says, so a mutation of byte 0 never wastes an input;
//               the reproducer picks the mode from byte 0 (or --streams)
//               and warns about an unknown one.
//   then, in the order the run consumes them:
//     one byte per step:       the action, enabled[byte % enabled.size()]
//                              (Session::EnabledActions order)
//     one byte per choice:     the outcome, options[byte % options.size()]
//                              (asked during a step or during the teardown)
//   Steps stop when the bytes run out, at kMaxSteps, when nothing is enabled
//   or once an invariant broke; a choice with no byte left takes option 0
//   (the other end stays put). Bytes left after the last step feed the
//   teardown's choice points.
//
// EncodeScenario is the inverse: the bytes that decode to a given scenario.
#ifndef FUTURECHECK_FUZZ_BYTE_CHOICES_H_
#define FUTURECHECK_FUZZ_BYTE_CHOICES_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "model/choice_source.h"
#include "scenario/run_result.h"
#include "scenario/scenario.h"
#include "scenario/session.h"

namespace fc::fuzz {

inline constexpr uint8_t kFormatVersion = 10;
inline constexpr uint8_t kStreamFormatVersion = 11;
inline constexpr uint8_t kTaskFormatVersion = 12;
// Retired versions (see above). The reproducer decodes them in the same
// mode as their successors, with a warning.
inline bool IsRetiredFutureVersion(uint8_t version) { return version == 1; }
inline bool IsRetiredStreamVersion(uint8_t version) {
  return version == 2 || version == 4 || version == 6 || version == 8;
}
inline bool IsRetiredTaskVersion(uint8_t version) {
  return version == 3 || version == 5 || version == 7 || version == 9;
}
inline constexpr size_t kMaxSteps = 64;

// Hands out the bytes of an input one at a time; 0 once they run out.
class ByteCursor {
 public:
  explicit ByteCursor(absl::string_view bytes) : bytes_(bytes) {}
  bool empty() const { return pos_ >= bytes_.size(); }
  uint8_t Next() { return empty() ? 0 : static_cast<uint8_t>(bytes_[pos_++]); }
  size_t consumed() const { return pos_; }

 private:
  absl::string_view bytes_;
  size_t pos_ = 0;
};

// The ChoiceSource of the byte format: one byte per choice point.
class ByteChoices : public model::ChoiceSource {
 public:
  explicit ByteChoices(ByteCursor& cursor) : cursor_(&cursor) {}
  size_t Choose(const model::ChoicePoint& point) override;

 private:
  ByteCursor* cursor_;
};

// Which enabled actions a decoder may pick; others are hidden from the bytes.
using ActionFilter = bool (*)(const scenario::Action& action);

struct DecodeOptions {
  size_t max_steps = kMaxSteps;
  scenario::SessionOptions session;  // max_channels caps the futures and streams
  ActionFilter filter = nullptr;     // nullptr: every enabled action
};

// Decoding with stream actions on (the stream target, kStreamFormatVersion).
DecodeOptions StreamOptions();
// Decoding with task actions on (the task target, kTaskFormatVersion).
DecodeOptions TaskOptions();
// The version byte EncodeScenario writes for `options`.
uint8_t VersionFor(const DecodeOptions& options);
// The reproducer's flag for `options`' mode: --futures, --streams, --tasks.
std::string ModeFlag(const DecodeOptions& options);
// A scenario that uses streams needs StreamOptions to encode, one that uses
// tasks TaskOptions (scenario::UsesStreams, scenario::UsesTasks).
using scenario::UsesStreams;
using scenario::UsesTasks;

// The actions the decoder chooses among now: EnabledActions() filtered.
std::vector<scenario::Action> PickableActions(const scenario::Session& session,
                                              const DecodeOptions& options);

struct DecodedRun {
  scenario::RunResult result;  // result.executed replays with RunScripted
  bool had_version = false;    // the input had a byte 0 at all
  uint8_t version = 0;         // byte 0 as found (0 when absent)
  size_t bytes_used = 0;       // bytes read, version byte included
  size_t steps = 0;
};

// Decodes and runs `bytes` (see the top of this file). Deterministic: the
// same bytes give the same trace, byte for byte.
DecodedRun RunBytes(absl::string_view bytes, const DecodeOptions& options = {});

// A scenario fuzzer's whole body: decodes and runs `bytes` in `options`'
// mode; on a broken invariant prints FailureReport to stderr and aborts, so
// libFuzzer records the input.
void FuzzOneScenario(absl::string_view bytes, const DecodeOptions& options);

// The bytes that decode to `scenario` (with its scripted outcomes): replays
// it and records each action's index among the pickable ones and each
// outcome's index among the legal options. Fails when an action is not
// pickable at its point, an outcome is not legal or left unused, there are
// more than max_steps actions, or the teardown needs a non-default outcome
// while the decoder would still read a step (the format cannot say "stop").
absl::StatusOr<std::string> EncodeScenario(const scenario::Scenario& scenario,
                                           const DecodeOptions& options = {});

}  // namespace fc::fuzz

#endif  // FUTURECHECK_FUZZ_BYTE_CHOICES_H_
