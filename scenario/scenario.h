// The scenario language every driver shares: a list of actions by the guest
// program, the other end and the event loop, plus the outcomes chosen at the
// intrinsic calls where the spec leaves a choice. A scripted test writes one
// by hand; the fuzzer decodes one from bytes; RapidCheck generates one; the
// explorer enumerates them. Any of them replays and prints the same way.
#ifndef FUTURECHECK_SCENARIO_SCENARIO_H_
#define FUTURECHECK_SCENARIO_SCENARIO_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/copy_end.h"
#include "model/value.h"

namespace fc::scenario {

enum class Op : uint8_t {
  // The guest program, on the future in `slot` (channels are numbered in
  // creation order, futures and streams alike; printed fN).
  kNewFuture,      // future.new<T>; keep the writer, pass the reader to the other side
  kReceiveFuture,  // the other side makes a future<T> and passes the guest its reader
  kWrite,          // writer.Write(a fresh value): a write operation, not started yet
  kPollWrite,
  kCancelWrite,
  kDropWrite,   // destroy the write operation (cancels it if in flight)
  kDropWriter,  // destroy the writer (one that never wrote writes the default)
  kRead,        // reader.Read(): a read operation, not started yet
  kPollRead,
  kCancelRead,
  kDropRead,
  kDropReader,
  // The other side, on its end of the future in `slot`.
  kPeerRead,
  kPeerWrite,
  kPeerCancel,
  kPeerDrop,
  // The event loop: deliver the oldest pending event (waitable-set wait).
  kDeliverEvent,
  // The guest program, on the stream in `slot` (printed sN).
  kNewStream,       // stream.new<T>; keep the writer, pass the reader to the other side
  kReceiveStream,   // the other side makes a stream<T> and passes the guest its reader
  kStreamWrite,     // writer.Write(`count` fresh values)
  kStreamWriteAll,  // StreamWriteAll of `count` fresh values
  kPollStreamWrite,
  kCancelStreamWrite,
  kDropStreamWrite,
  kDropStreamWriter,
  kStreamRead,  // reader.Read(capacity `count`)
  kPollStreamRead,
  kCancelStreamRead,
  kDropStreamRead,
  kDropStreamReader,
  // The other side, on its end of the stream in `slot`.
  kPeerStreamRead,   // read up to `count`
  kPeerStreamWrite,  // write `count` fresh values
  kPeerStreamCancel,
  kPeerStreamDrop,
  // Tasks: the other side calls one of the guest's async exports, which runs
  // as a coroutine task on the runtime's executor (numbered t1, t2, ... as
  // the host numbers export tasks). The task takes what it names from the
  // guest's channel in `slot`.
  kTaskRead,         // task-read fN: co_await a read of fN's reader
  kTaskWrite,        // task-write fN: yield once, then co_await a write of fN's writer
  kTaskRelay,        // task-relay fN fM (M in `target`): read fN, write that value to fM
  kTaskAwait,        // task-await fN: co_await the guest's own read/write op on fN (borrowed)
  kTaskDropWriter,   // task-drop-writer fN: yield, drop fN's writer unwritten, yield, end
  kTaskSpin,         // task-spin: yield forever (a busy task)
  kTaskStreamRead,   // task-stream-read sN C: read sN in chunks of C until the writer drops
  kTaskStreamWrite,  // task-stream-write sN C: yield, write-all C fresh values to sN, end
  kCancelTask,       // cancel-task tN (N in `task`): the caller cancels task N (TASK_CANCELLED)
};
inline constexpr int kNumOps = static_cast<int>(Op::kCancelTask) + 1;

// Whether `op` acts on a stream (its slot prints as sN) and takes a count.
bool IsStreamOp(Op op);
bool TakesCount(Op op);
// Whether `op` starts a task, or acts on one.
bool IsTaskOp(Op op);

// What an action does to its channel, whichever the channel's kind:
// kStartWrite is a future's write and a stream's stream-write alike (the
// slots dispatch on it).
enum class Move : uint8_t {
  // The guest's, on its writer and the write operation it started.
  kStartWrite,
  kStartWriteAll,  // streams only
  kPollWrite,
  kCancelWrite,
  kDropWriteOp,
  kDropWriter,
  // The guest's, on its reader and the read operation it started.
  kStartRead,
  kPollRead,
  kCancelRead,
  kDropReadOp,
  kDropReader,
  // The other end's.
  kPeerRead,
  kPeerWrite,
  kPeerCancel,
  kPeerDrop,
};
inline constexpr int kNumMoves = static_cast<int>(Move::kPeerDrop) + 1;
// The move `op` makes (nullopt: it creates a channel, delivers, or is a task's).
std::optional<Move> MoveOf(Op op);
// The action making `move` on a channel of `kind` (nullopt: a future has no
// write-all).
std::optional<Op> OpFor(model::ChannelKind kind, Move move);

const char* OpName(Op op);

struct Action {
  Op op = Op::kDeliverEvent;
  // The channel acted on: its slot, numbered in creation order over futures
  // and streams alike (printed fN or sN); a task's, a relay's source.
  uint32_t slot = 0;
  model::PayloadKind payload = model::PayloadKind::kU32;  // the "new"s and "receive"s
  uint32_t count = 0;   // stream writes: values; stream reads: capacity
  uint32_t target = 0;  // task-relay: the slot the value is written to
  uint32_t task = 0;    // cancel-task: the export task (t1, t2, ... as the host numbers them)

  friend bool operator==(const Action&, const Action&) = default;
};

struct Scenario {
  std::vector<Action> actions;
  // Return codes to pick, in order, at each intrinsic call where the spec
  // allows more than one; when they run out the other end stays put.
  std::vector<uint32_t> outcomes;
};

// Whether `scenario` acts on a stream (the fuzzers' stream mode), and
// whether it starts or cancels tasks (the task mode; a runtime without task
// programs cannot run it).
bool UsesStreams(const Scenario& scenario);
bool UsesTasks(const Scenario& scenario);

// An outcome as scenarios print it: BLOCKED, COMPLETED, DROPPED(2), ...
std::string FormatOutcome(uint32_t code);

// "new f0 u32", "write f0", "deliver", ... one per line.
std::string FormatAction(const Action& action);
std::string FormatScenario(const Scenario& scenario);

}  // namespace fc::scenario

#endif  // FUTURECHECK_SCENARIO_SCENARIO_H_
