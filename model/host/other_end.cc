#include "model/host/other_end.h"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "model/copy_transition.h"

namespace fc::model {
namespace {

// Moves placeholders: outcomes are computed on a copy of the channel.
class DryRunListener final : public ChannelListener {
 public:
  std::vector<Value> MoveElements(const Channel&, CopyBuffer&, CopyBuffer&, uint32_t n) override {
    return std::vector<Value>(n);
  }
  void OnPendingEvent(Channel& channel, CopyEnd& end) override {
    // The other end takes its own events at once, as the mock host does.
    if (end.holder == Party::kPeer) channel.TakePendingEvent(end);
  }
};

// The moves worth trying, the passive one first. A waiting other end may
// only cancel (or cancel and drop) before acting again; an idle one may
// copy or drop. Which of them is legal, and what each leads to, the model
// decides.
// `fits`: how many elements the guest's copy can still give or take; a
// larger count moves no more.
std::vector<OtherEndMove> CandidateMoves(const Channel& channel, bool guest_readable,
                                         const CopyEnd& other, uint32_t max_copy_length,
                                         uint32_t fits) {
  using Kind = OtherEndMove::Kind;
  std::vector<OtherEndMove> moves = {{Kind::kNone}};
  if (other.state == CopyState::kCopying) {
    moves.push_back({Kind::kCancel});
    moves.push_back({Kind::kCancelAndDrop});
    // A waiting stream end may also give up its copy for one of another
    // size; without this, the count the guest's next copy can move would
    // be fixed by whichever earlier move the mock host took to reach a
    // result (model/host/peer_events_test.cc found it). A future's copy has
    // one size: nothing new.
    if (channel.is_stream()) {
      for (uint32_t n = 1; n <= std::min(max_copy_length, fits); ++n) {
        moves.push_back({Kind::kCancelAndCopy, n});
      }
    }
    return moves;
  }
  const Kind copy = guest_readable ? Kind::kWrite : Kind::kRead;
  if (!channel.is_stream()) {
    moves.push_back({copy, 1});
    moves.push_back({Kind::kDrop});
    return moves;
  }
  // A stream's other end may copy any count: the spec leaves its buffer's
  // size to it, so a partial copy may move any number of elements that
  // fits, not only one or the most (counts past what the guest's copy can
  // still give or take move no more). Those two (1 and the limit to read; 1
  // and 3 to write) and the drop come first, as they did before every count
  // was offered, so the options they lead to keep their order and the moves
  // traces name; the other counts follow.
  const uint32_t first[] = {1, guest_readable ? 3 : max_copy_length};
  for (uint32_t n : first) moves.push_back({copy, n});
  moves.push_back({Kind::kDrop});
  for (uint32_t n = 2; n <= std::min(max_copy_length, fits); ++n) {
    if (n != first[1]) moves.push_back({copy, n});
  }
  return moves;
}

}  // namespace

absl::Status MakeMove(Channel& channel, const OtherEndMove& move, ChannelListener& listener) {
  CopyEnd* end = PeerEndOf(channel);
  if (end == nullptr) return absl::FailedPreconditionError("the peer holds no end");
  CopyBuffer released;
  switch (move.kind) {
    case OtherEndMove::Kind::kNone:
      return absl::OkStatus();
    case OtherEndMove::Kind::kRead:
      return channel
          .Copy(*end, CopyBuffer{Party::kPeer, nullptr, move.amount, 0, {}}, listener, &released)
          .status();
    case OtherEndMove::Kind::kWrite:
      return channel
          .Copy(*end,
                CopyBuffer{Party::kPeer, nullptr, move.amount, 0, std::vector<Value>(move.amount)},
                listener, &released)
          .status();
    case OtherEndMove::Kind::kCancel:
      return channel.Cancel(*end, listener, &released).status();
    case OtherEndMove::Kind::kDrop:
      return channel.Drop(*end, listener);
    case OtherEndMove::Kind::kCancelAndDrop: {
      absl::Status status = channel.Cancel(*end, listener, &released).status();
      return status.ok() ? channel.Drop(*end, listener) : status;
    }
    case OtherEndMove::Kind::kCancelAndCopy: {
      absl::Status status = channel.Cancel(*end, listener, &released).status();
      if (!status.ok()) return status;
      const OtherEndMove copy{
          end->readable ? OtherEndMove::Kind::kRead : OtherEndMove::Kind::kWrite, move.amount};
      return MakeMove(channel, copy, listener);
    }
  }
  return absl::OkStatus();
}

CopyEnd* PeerEndOf(Channel& channel) {
  for (CopyEnd* end : {&channel.readable(), &channel.writable()}) {
    if (end->holder == Party::kPeer && !end->dropped) return end;
  }
  return nullptr;
}

const CopyEnd* PeerEndOf(const Channel& channel) {
  return PeerEndOf(const_cast<Channel&>(channel));
}

bool PeerMay(const Channel& channel, PeerAction action) {
  const CopyEnd* end = PeerEndOf(channel);
  if (end == nullptr) return false;
  switch (action) {
    case PeerAction::kRead:
      return end->readable && end->state == CopyState::kIdle;
    case PeerAction::kWrite:
      return !end->readable && end->state == CopyState::kIdle;
    case PeerAction::kCancel:
      return end->state == CopyState::kCopying;
    case PeerAction::kDrop:
      return channel.MayDrop(*end);
  }
  return false;
}

std::string DescribeMove(const Channel& channel, const OtherEndMove& move) {
  switch (move.kind) {
    case OtherEndMove::Kind::kNone:
      return "";
    case OtherEndMove::Kind::kRead:
      return channel.is_stream()
                 ? absl::StrFormat("the other end reads up to %u first", move.amount)
                 : "the other end reads first";
    case OtherEndMove::Kind::kWrite:
      return channel.is_stream() ? absl::StrFormat("the other end writes %u first", move.amount)
                                 : "the other end writes first";
    case OtherEndMove::Kind::kCancel:
      return "the other end cancels first";
    case OtherEndMove::Kind::kDrop:
      return "the other end drops first";
    case OtherEndMove::Kind::kCancelAndDrop:
      return "the other end cancels and drops first";
    case OtherEndMove::Kind::kCancelAndCopy: {
      const CopyEnd* end = PeerEndOf(channel);
      return absl::StrFormat("the other end cancels and %s %u first",
                             end != nullptr && end->readable ? "reads up to" : "writes",
                             move.amount);
    }
  }
  return "";
}

std::vector<OtherEndOutcome> LegalOutcomes(const Channel& channel, bool guest_readable,
                                           bool cancelling, const CopyBuffer* guest_buffer,
                                           uint32_t max_copy_length) {
  const CopyEnd& guest_end = channel.end(guest_readable);
  const CopyEnd& other = channel.end(!guest_readable);
  // The other end acts on its own only when the peer holds it, it is still
  // there, and the guest's own call's outcome is not already settled.
  if (other.holder != Party::kPeer || other.dropped || other.state == CopyState::kDone ||
      guest_end.pending_event.has_value() ||
      guest_end.state != (cancelling ? CopyState::kCopying : CopyState::kIdle)) {
    return {};
  }
  DryRunListener dry;
  // Trying a move is not making it: coverage sees only the move chosen.
  const ScopedCopyTransitionObserver unobserved(nullptr);
  std::vector<OtherEndOutcome> outcomes;
  const uint32_t fits =
      cancelling ? (guest_end.buffer ? guest_end.buffer->remain() : 0) : guest_buffer->remain();
  for (const OtherEndMove& move :
       CandidateMoves(channel, guest_readable, other, max_copy_length, fits)) {
    Channel copy = channel;
    if (!MakeMove(copy, move, dry).ok()) continue;
    CopyEnd& end = copy.end(guest_readable);
    CopyBuffer released;
    absl::StatusOr<uint32_t> code = cancelling ? copy.Cancel(end, dry, &released)
                                               : copy.Copy(end, *guest_buffer, dry, &released);
    if (!code.ok()) continue;
    const bool seen = std::any_of(outcomes.begin(), outcomes.end(),
                                  [&](const OtherEndOutcome& o) { return o.code == *code; });
    if (!seen) outcomes.push_back(OtherEndOutcome{*code, move});
  }
  return outcomes;
}

}  // namespace fc::model
