// The other end of a channel, played by the model: which moves it may make
// now, and which outcomes of the guest's call its moves can lead to.
//
// Where the spec lets the other side act just before the guest's call (read
// first, write first, drop first, cancel first), every such move is tried
// on a copy of the channel and the distinct results are the legal outcomes:
// nothing here restates the spec's rules, so a rule changed in
// model/channel.cc changes the outcomes of futures and streams alike.
//
//   std::vector<OtherEndOutcome> outcomes =
//       LegalOutcomes(channel, /*guest_readable=*/false, /*cancelling=*/false, &buffer, limit);
//   // outcomes[0] is the passive one (the other end does nothing)
#ifndef FUTURECHECK_MODEL_HOST_OTHER_END_H_
#define FUTURECHECK_MODEL_HOST_OTHER_END_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "model/channel.h"
#include "model/copy_end.h"

namespace fc::model {

// What a scenario may ask the other end to do.
enum class PeerAction { kRead, kWrite, kCancel, kDrop };

// The end of `channel` the other side still holds, or nullptr.
CopyEnd* PeerEndOf(Channel& channel);
const CopyEnd* PeerEndOf(const Channel& channel);
// Whether the other end may make `action` now (it holds an end, and the
// spec allows the move in that end's state).
bool PeerMay(const Channel& channel, PeerAction action);

// A move the other end may make just before the guest's call.
struct OtherEndMove {
  // kCancelAndCopy: a waiting stream end cancels its copy and makes one of
  // another size (its buffer's size is its own to choose).
  enum class Kind { kNone, kRead, kWrite, kCancel, kDrop, kCancelAndDrop, kCancelAndCopy };
  Kind kind = Kind::kNone;
  uint32_t amount = 0;  // capacity to read, or values to write
};
// "the other end reads up to 4 first" ("" for kNone).
std::string DescribeMove(const Channel& channel, const OtherEndMove& move);

// Makes `move` on `channel` with placeholder values (no value behind an
// element): how outcomes are tried, on a copy of the real channel.
absl::Status MakeMove(Channel& channel, const OtherEndMove& move, ChannelListener& listener);

struct OtherEndOutcome {
  uint32_t code;      // what the guest's call returns
  OtherEndMove move;  // what the other end does first to cause it
};

// The distinct results of the guest's copy (`cancelling`: its cancel) on
// its end of `channel`, each with the move that causes it, the passive one
// first; in candidate order, which the fuzz format depends on. Empty when
// the other end cannot act on its own (the guest's outcome is settled, or
// the other end is not the model's). `guest_buffer` is the copy's buffer
// (ignored for a cancel); a stream's other end reads or writes any count
// from 1 to the copy limit (1 and the limit to read, 1 and 3 to write, and
// the drop, first), and a waiting one may cancel and copy any count.
std::vector<OtherEndOutcome> LegalOutcomes(const Channel& channel, bool guest_readable,
                                           bool cancelling, const CopyBuffer* guest_buffer,
                                           uint32_t max_copy_length);

}  // namespace fc::model

#endif  // FUTURECHECK_MODEL_HOST_OTHER_END_H_
