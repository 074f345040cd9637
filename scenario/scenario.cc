#include "scenario/scenario.h"

#include <iterator>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "runtime/return_code.h"

namespace fc::scenario {

const char* OpName(Op op) {
  switch (op) {
    case Op::kNewFuture:
      return "new";
    case Op::kReceiveFuture:
      return "receive";
    case Op::kWrite:
      return "write";
    case Op::kPollWrite:
      return "poll-write";
    case Op::kCancelWrite:
      return "cancel-write";
    case Op::kDropWrite:
      return "drop-write-op";
    case Op::kDropWriter:
      return "drop-writer";
    case Op::kRead:
      return "read";
    case Op::kPollRead:
      return "poll-read";
    case Op::kCancelRead:
      return "cancel-read";
    case Op::kDropRead:
      return "drop-read-op";
    case Op::kDropReader:
      return "drop-reader";
    case Op::kPeerRead:
      return "peer-read";
    case Op::kPeerWrite:
      return "peer-write";
    case Op::kPeerCancel:
      return "peer-cancel";
    case Op::kPeerDrop:
      return "peer-drop";
    case Op::kDeliverEvent:
      return "deliver";
    case Op::kNewStream:
      return "new-stream";
    case Op::kReceiveStream:
      return "receive-stream";
    case Op::kStreamWrite:
      return "stream-write";
    case Op::kStreamWriteAll:
      return "stream-write-all";
    case Op::kPollStreamWrite:
      return "poll-stream-write";
    case Op::kCancelStreamWrite:
      return "cancel-stream-write";
    case Op::kDropStreamWrite:
      return "drop-stream-write-op";
    case Op::kDropStreamWriter:
      return "drop-stream-writer";
    case Op::kStreamRead:
      return "stream-read";
    case Op::kPollStreamRead:
      return "poll-stream-read";
    case Op::kCancelStreamRead:
      return "cancel-stream-read";
    case Op::kDropStreamRead:
      return "drop-stream-read-op";
    case Op::kDropStreamReader:
      return "drop-stream-reader";
    case Op::kPeerStreamRead:
      return "peer-stream-read";
    case Op::kPeerStreamWrite:
      return "peer-stream-write";
    case Op::kPeerStreamCancel:
      return "peer-stream-cancel";
    case Op::kPeerStreamDrop:
      return "peer-stream-drop";
    case Op::kTaskRead:
      return "task-read";
    case Op::kTaskWrite:
      return "task-write";
    case Op::kTaskRelay:
      return "task-relay";
    case Op::kTaskAwait:
      return "task-await";
    case Op::kTaskDropWriter:
      return "task-drop-writer";
    case Op::kTaskSpin:
      return "task-spin";
    case Op::kTaskStreamRead:
      return "task-stream-read";
    case Op::kTaskStreamWrite:
      return "task-stream-write";
    case Op::kCancelTask:
      return "cancel-task";
  }
  return "?";
}

std::string FormatOutcome(uint32_t code) {
  if (code == rt::kBlocked || (code >> 4) == 0) return rt::FormatReturnCode(code);
  return rt::FormatReturnCode(code, /*is_stream=*/true);
}

bool IsStreamOp(Op op) {
  return (static_cast<int>(op) >= static_cast<int>(Op::kNewStream) &&
          static_cast<int>(op) <= static_cast<int>(Op::kPeerStreamDrop)) ||
         op == Op::kTaskStreamRead || op == Op::kTaskStreamWrite;
}

bool IsTaskOp(Op op) { return static_cast<int>(op) >= static_cast<int>(Op::kTaskRead); }

bool TakesCount(Op op) {
  return op == Op::kStreamWrite || op == Op::kStreamWriteAll || op == Op::kStreamRead ||
         op == Op::kPeerStreamRead || op == Op::kPeerStreamWrite || op == Op::kTaskStreamRead ||
         op == Op::kTaskStreamWrite;
}

namespace {

// Each move's action on a future and on a stream, in Move's order.
struct MoveOps {
  std::optional<Op> future;
  Op stream;
};
constexpr MoveOps kMoveOps[] = {
    {Op::kWrite, Op::kStreamWrite},
    {std::nullopt, Op::kStreamWriteAll},
    {Op::kPollWrite, Op::kPollStreamWrite},
    {Op::kCancelWrite, Op::kCancelStreamWrite},
    {Op::kDropWrite, Op::kDropStreamWrite},
    {Op::kDropWriter, Op::kDropStreamWriter},
    {Op::kRead, Op::kStreamRead},
    {Op::kPollRead, Op::kPollStreamRead},
    {Op::kCancelRead, Op::kCancelStreamRead},
    {Op::kDropRead, Op::kDropStreamRead},
    {Op::kDropReader, Op::kDropStreamReader},
    {Op::kPeerRead, Op::kPeerStreamRead},
    {Op::kPeerWrite, Op::kPeerStreamWrite},
    {Op::kPeerCancel, Op::kPeerStreamCancel},
    {Op::kPeerDrop, Op::kPeerStreamDrop},
};
static_assert(std::size(kMoveOps) == kNumMoves);

}  // namespace

std::optional<Move> MoveOf(Op op) {
  for (int i = 0; i < kNumMoves; ++i) {
    if (kMoveOps[i].future == op || kMoveOps[i].stream == op) return static_cast<Move>(i);
  }
  return std::nullopt;
}

std::optional<Op> OpFor(model::ChannelKind kind, Move move) {
  const MoveOps& ops = kMoveOps[static_cast<int>(move)];
  return kind == model::ChannelKind::kStream ? ops.stream : ops.future;
}

std::string FormatAction(const Action& action) {
  switch (action.op) {
    case Op::kNewFuture:
    case Op::kReceiveFuture:
    case Op::kNewStream:
    case Op::kReceiveStream:
      return absl::StrFormat("%s %s", OpName(action.op), model::PayloadKindName(action.payload));
    case Op::kDeliverEvent:
    case Op::kTaskSpin:
      return OpName(action.op);
    case Op::kCancelTask:
      return absl::StrFormat("%s t%u", OpName(action.op), action.task);
    case Op::kTaskRelay:
      return absl::StrFormat("%s f%u f%u", OpName(action.op), action.slot, action.target);
    default:
      if (TakesCount(action.op)) {
        return absl::StrFormat("%s s%u %u", OpName(action.op), action.slot, action.count);
      }
      return absl::StrFormat("%s %c%u", OpName(action.op), IsStreamOp(action.op) ? 's' : 'f',
                             action.slot);
  }
}

std::string FormatScenario(const Scenario& scenario) {
  std::string out;
  for (const Action& action : scenario.actions) absl::StrAppend(&out, FormatAction(action), "\n");
  if (!scenario.outcomes.empty()) {
    absl::StrAppend(
        &out, "outcomes: ",
        absl::StrJoin(scenario.outcomes, " ",
                      [](std::string* s, uint32_t code) { s->append(FormatOutcome(code)); }),
        "\n");
  }
  return out;
}

bool UsesStreams(const Scenario& scenario) {
  for (const Action& action : scenario.actions) {
    if (IsStreamOp(action.op)) return true;
  }
  return false;
}

bool UsesTasks(const Scenario& scenario) {
  for (const Action& action : scenario.actions) {
    if (IsTaskOp(action.op)) return true;
  }
  return false;
}

}  // namespace fc::scenario
