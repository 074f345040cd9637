#include "scenario/catalogue.h"

#include <initializer_list>
#include <utility>

#include "runtime/return_code.h"

namespace fc::scenario {
namespace {

using model::PayloadKind;

constexpr uint32_t kBlocked = rt::kBlocked;
constexpr uint32_t kCompleted = 0;
constexpr uint32_t kDropped = 1;
constexpr uint32_t kCancelled = 2;

Action New(PayloadKind kind = PayloadKind::kU32) { return {Op::kNewFuture, 0, kind}; }
Action Receive(PayloadKind kind = PayloadKind::kU32) { return {Op::kReceiveFuture, 0, kind}; }
Action On(Op op, uint32_t slot = 0) { return {op, slot, PayloadKind::kU32}; }
Action Deliver() { return {Op::kDeliverEvent, 0, PayloadKind::kU32}; }
Action NewStream(PayloadKind kind = PayloadKind::kU32) { return {Op::kNewStream, 0, kind}; }
Action ReceiveStream(PayloadKind kind = PayloadKind::kU32) { return {Op::kReceiveStream, 0, kind}; }
Action OnS(Op op, uint32_t count = 0, uint32_t stream = 0) {
  return {op, stream, PayloadKind::kU32, count};
}
constexpr uint32_t Count(uint32_t result, uint32_t n) { return result | (n << 4); }
Action Relay(uint32_t from, uint32_t to) {
  return {.op = Op::kTaskRelay, .slot = from, .target = to};
}
Action CancelTask(uint32_t task) { return {.op = Op::kCancelTask, .task = task}; }
Action Spin() { return {Op::kTaskSpin, 0, PayloadKind::kU32}; }

CatalogueEntry Entry(std::string name, std::string what, std::initializer_list<Action> actions,
                     std::vector<uint32_t> outcomes, std::vector<std::string> expected) {
  return CatalogueEntry{std::move(name),
                        std::move(what),
                        Scenario{std::vector<Action>(actions), std::move(outcomes)},
                        std::move(expected),
                        {}};
}

std::vector<CatalogueEntry> Build() {
  using enum Op;
  constexpr auto kStr = PayloadKind::kString;
  constexpr auto kRes = PayloadKind::kResource;
  constexpr auto kRec = PayloadKind::kRecord;
  std::vector<CatalogueEntry> c;
  auto add = [&c](std::string name, std::string what, std::initializer_list<Action> actions,
                  std::vector<uint32_t> outcomes = {}) {
    c.push_back(Entry(std::move(name), std::move(what), actions, std::move(outcomes), {}));
  };

  // ---- writes
  add("write-completes-at-once", "the reader was waiting: write returns COMPLETED",
      {New(), On(kWrite), On(kPollWrite)}, {kCompleted});
  add("write-blocks-then-completes", "BLOCKED; the reader takes it; FUTURE_WRITE COMPLETED",
      {New(), On(kWrite), On(kPollWrite), On(kPeerRead), Deliver(), On(kPollWrite)});
  add("write-blocks-then-reader-drops",
      "BLOCKED; the reader drops; FUTURE_WRITE DROPPED hands the value back",
      {New(), On(kWrite), On(kPollWrite), On(kPeerDrop), Deliver(), On(kPollWrite)});
  add("write-dropped-at-once", "the reader is gone: write returns DROPPED, value back",
      {New(), On(kWrite), On(kPollWrite)}, {kDropped});
  // ---- cancelling a write
  add("cancel-write-wins", "cancel before the reader moves: Cancelled(value, writer); write again",
      {New(), On(kWrite), On(kPollWrite), On(kCancelWrite), On(kDropWrite), On(kWrite),
       On(kPollWrite)},
      {kBlocked, kCancelled, kCompleted});
  add("cancel-write-races-completion-event",
      "the reader took the value, its event is not delivered yet: cancel says AlreadySent",
      {New(), On(kWrite), On(kPollWrite), On(kPeerRead), On(kCancelWrite)});
  add("cancel-write-races-completion-in-cancel",
      "the reader takes the value as the cancel arrives: cancel-write returns COMPLETED",
      {New(), On(kWrite), On(kPollWrite), On(kCancelWrite)}, {kBlocked, kCompleted});
  add("cancel-write-races-drop", "the reader dropped first: cancel says Dropped(value)",
      {New(), On(kWrite), On(kPollWrite), On(kPeerDrop), On(kCancelWrite)});
  add("cancel-write-races-drop-in-cancel",
      "the reader drops as the cancel arrives: cancel-write returns DROPPED",
      {New(), On(kWrite), On(kPollWrite), On(kCancelWrite)}, {kBlocked, kDropped});
  add("cancel-write-before-start",
      "cancel a write never polled: no host call, the writer comes back; dropping it writes "
      "the default",
      {New(), On(kWrite), On(kCancelWrite), On(kDropWrite), On(kDropWriter), On(kPeerRead),
       Deliver()});
  // ---- the default value of a writer that never wrote
  add("writer-dropped-unwritten", "dropping an unwritten writer writes the default value",
      {New(), On(kDropWriter)}, {kCompleted});
  add("writer-dropped-unwritten-blocks",
      "the default write blocks and completes in the background, then the end is dropped",
      {New(), On(kDropWriter), On(kPeerRead), Deliver()});
  add("writer-dropped-reader-gone", "the default write sees DROPPED; the end is dropped",
      {New(), On(kPeerDrop), On(kDropWriter)});
  add("write-op-destroyed-mid-flight",
      "destroying an in-flight write cancels it, then the writer writes the default",
      {New(), On(kWrite), On(kPollWrite), On(kDropWrite), On(kPeerRead), Deliver()});
  add("write-op-destroyed-after-completion",
      "destroying a write whose completion is not delivered: cancel returns COMPLETED",
      {New(), On(kWrite), On(kPollWrite), On(kPeerRead), On(kDropWrite)});
  add("write-op-destroyed-after-drop",
      "destroying a write whose reader dropped: cancel returns DROPPED, no default write",
      {New(), On(kWrite), On(kPollWrite), On(kPeerDrop), On(kDropWrite)});
  // ---- reads
  add("read-completes-at-once", "the writer had written: read returns COMPLETED",
      {Receive(), On(kRead), On(kPollRead)}, {kCompleted});
  add("read-blocks-then-completes", "BLOCKED; the writer writes; FUTURE_READ COMPLETED",
      {Receive(), On(kRead), On(kPollRead), On(kPeerWrite), Deliver(), On(kPollRead)});
  add("read-cancelled-then-re-read", "cancel gives the reader back; it reads again",
      {Receive(), On(kRead), On(kPollRead), On(kCancelRead), On(kDropRead), On(kRead),
       On(kPollRead)},
      {kBlocked, kCancelled, kCompleted});
  add("read-cancel-races-completion",
      "the value arrived, its event is not delivered yet: cancel-read returns the value",
      {Receive(), On(kRead), On(kPollRead), On(kPeerWrite), On(kCancelRead)});
  add("read-cancel-races-completion-in-cancel",
      "the writer writes as the cancel arrives: cancel-read returns COMPLETED",
      {Receive(), On(kRead), On(kPollRead), On(kCancelRead)}, {kBlocked, kCompleted});
  add("reader-dropped-mid-read", "destroying an in-flight read cancels it, then drops the reader",
      {Receive(), On(kRead), On(kPollRead), On(kDropRead)});
  add("reader-dropped-unread", "a reader dropped before reading; the writer then sees DROPPED",
      {Receive(), On(kDropReader)});
  add("read-cancel-before-start", "cancel a read never polled: no host call, reader back",
      {Receive(), On(kRead), On(kCancelRead), On(kDropRead), On(kDropReader)});
  // ---- documented panics
  add("panic-poll-write-after-completion", "polling a finished write panics",
      {New(), On(kWrite), On(kPollWrite), On(kPollWrite)}, {kCompleted});
  add("panic-cancel-write-after-completion", "cancelling a finished write panics",
      {New(), On(kWrite), On(kPollWrite), On(kCancelWrite)}, {kCompleted});
  add("panic-cancel-write-twice", "cancelling a write twice panics",
      {New(), On(kWrite), On(kPollWrite), On(kCancelWrite), On(kCancelWrite)});
  add("panic-poll-write-after-cancel", "polling a cancelled write panics",
      {New(), On(kWrite), On(kPollWrite), On(kCancelWrite), On(kPollWrite)});
  add("panic-poll-read-after-completion", "polling a finished read panics",
      {Receive(), On(kRead), On(kPollRead), On(kPollRead)}, {kCompleted});
  add("panic-cancel-read-twice", "cancelling a read twice panics",
      {Receive(), On(kRead), On(kPollRead), On(kCancelRead), On(kCancelRead)});
  add("panic-poll-read-after-cancel", "polling a cancelled read panics",
      {Receive(), On(kRead), On(kCancelRead), On(kPollRead)});
  // ---- payloads with lists and resources
  for (PayloadKind kind : {kStr, kRes, kRec}) {
    const std::string t = model::PayloadKindName(kind);
    add("write-blocks-then-completes/" + t, "lists freed and resources moved on COMPLETED",
        {New(kind), On(kWrite), On(kPollWrite), On(kPeerRead), Deliver(), On(kPollWrite)});
    add("write-blocks-then-reader-drops/" + t, "lists and resources come back on DROPPED",
        {New(kind), On(kWrite), On(kPollWrite), On(kPeerDrop), Deliver(), On(kPollWrite)});
    add("cancel-write-wins/" + t, "lists and resources come back on CANCELLED",
        {New(kind), On(kWrite), On(kPollWrite), On(kCancelWrite)});
    add("write-op-destroyed-mid-flight/" + t, "cancelled value destroyed, default written",
        {New(kind), On(kWrite), On(kPollWrite), On(kDropWrite), On(kPeerRead), Deliver()});
    add("read-blocks-then-completes/" + t, "lifted lists freed by the reader, resources owned",
        {Receive(kind), On(kRead), On(kPollRead), On(kPeerWrite), Deliver(), On(kPollRead)});
    add("read-cancel-races-completion/" + t, "a raced read still hands over the value",
        {Receive(kind), On(kRead), On(kPollRead), On(kPeerWrite), On(kCancelRead)});
  }
  // ---- several futures at once
  add("interleaved-futures", "three futures of three types, handles and events interleaved",
      {New(), Receive(kStr), New(kRec), On(kWrite, 0), On(kRead, 1), On(kWrite, 2),
       On(kPollWrite, 0), On(kPollRead, 1), On(kPollWrite, 2), On(kPeerWrite, 1), On(kPeerRead, 2),
       On(kPeerRead, 0), Deliver(), Deliver(), Deliver(), On(kPollRead, 1), On(kPollWrite, 0),
       On(kPollWrite, 2)});
  // ---- streams
  add("stream-write-completes-at-once", "the reader was waiting for all: COMPLETED(3)",
      {NewStream(), OnS(kStreamWrite, 3), OnS(kPollStreamWrite)}, {Count(kCompleted, 3)});
  add("stream-write-partial", "the reader takes 1 of 3: COMPLETED(1), two unsent come back",
      {NewStream(), OnS(kStreamWrite, 3), OnS(kPollStreamWrite), OnS(kDropStreamWrite),
       OnS(kStreamWrite, 1), OnS(kPollStreamWrite)},
      {Count(kCompleted, 1), Count(kCompleted, 1)});
  add("stream-write-taken-in-two-reads",
      "BLOCKED; the reader takes 1, then the other 2 before the event is delivered: "
      "STREAM_WRITE COMPLETED(3)",
      {NewStream(), OnS(kStreamWrite, 3), OnS(kPollStreamWrite), OnS(kPeerStreamRead, 1),
       OnS(kPeerStreamRead, 4), Deliver(), OnS(kPollStreamWrite)});
  add("stream-write-reader-drops-mid-write",
      "the reader takes 1 and drops: DROPPED(1), the rest back; later writes are DROPPED(0) "
      "without a host call",
      {NewStream(), OnS(kStreamWrite, 3), OnS(kPollStreamWrite), OnS(kPeerStreamRead, 1),
       OnS(kPeerStreamDrop), Deliver(), OnS(kPollStreamWrite), OnS(kDropStreamWrite),
       OnS(kStreamWrite, 1), OnS(kPollStreamWrite)});
  add("stream-cancel-write-after-partial",
      "the reader took 1, its event not delivered: cancel returns COMPLETED(1) (2026-09: "
      "CANCELLED(1)), 2 back",
      {NewStream(), OnS(kStreamWrite, 3), OnS(kPollStreamWrite), OnS(kPeerStreamRead, 1),
       OnS(kCancelStreamWrite)});
  add("stream-cancel-write-wins", "cancel before the reader moves: CANCELLED(0), all 3 back",
      {NewStream(), OnS(kStreamWrite, 3), OnS(kPollStreamWrite), OnS(kCancelStreamWrite)},
      {kBlocked, kCancelled});
  add("stream-write-over-the-copy-limit",
      "5 values with a limit of 4: the host is offered 4, the fifth comes back unsent",
      {NewStream(), OnS(kStreamWrite, 5), OnS(kPollStreamWrite)}, {Count(kCompleted, 4)});
  add("stream-write-all", "write-all of 3: a partial copy, then the rest in a second copy",
      {NewStream(), OnS(kStreamWriteAll, 3), OnS(kPollStreamWrite), OnS(kPeerStreamRead, 1),
       Deliver(), OnS(kPollStreamWrite)},
      {kBlocked, Count(kCompleted, 2)});
  add("stream-write-zero-length", "a zero-length write meets a waiting reader: COMPLETED(0)",
      {NewStream(), OnS(kStreamWrite, 0), OnS(kPollStreamWrite)}, {kCompleted});
  add("stream-write-all-zero-length",
      "a write-all of nothing meets a waiting reader: one COMPLETED(0) copy, and it is done",
      {NewStream(), OnS(kStreamWriteAll, 0), OnS(kPollStreamWrite)}, {kCompleted});
  add("stream-read-completes-at-once", "the writer had written 3: COMPLETED(3)",
      {ReceiveStream(), OnS(kStreamRead, 4), OnS(kPollStreamRead)}, {Count(kCompleted, 3)});
  add("stream-read-then-writer-drops",
      "BLOCKED; the writer writes 1 then drops: STREAM_READ DROPPED(1); reading again is "
      "DROPPED(0) without a host call",
      {ReceiveStream(), OnS(kStreamRead, 4), OnS(kPollStreamRead), OnS(kPeerStreamWrite, 1),
       OnS(kPeerStreamDrop), Deliver(), OnS(kPollStreamRead), OnS(kDropStreamRead),
       OnS(kStreamRead, 1), OnS(kPollStreamRead)});
  add("stream-read-zero-length", "a zero-length read next to a waiting writer: COMPLETED(0)",
      {ReceiveStream(), OnS(kPeerStreamWrite, 3), OnS(kStreamRead, 0), OnS(kPollStreamRead),
       OnS(kDropStreamRead), OnS(kStreamRead, 4), OnS(kPollStreamRead)});
  add("stream-read-zero-then-writer-drops",
      "a zero-length read completes as a write arrives; the writer cancels and drops before "
      "that COMPLETED(0) is delivered: 2026-08 delivers it, 2026-09 delivers DROPPED(0)",
      {ReceiveStream(), OnS(kStreamRead, 0), OnS(kPollStreamRead), OnS(kPeerStreamWrite, 3),
       OnS(kPeerStreamCancel), OnS(kPeerStreamDrop), Deliver(), OnS(kPollStreamRead)});
  add("stream-cancel-read", "cancel before the writer moves: CANCELLED(0), reader back",
      {ReceiveStream(), OnS(kStreamRead, 4), OnS(kPollStreamRead), OnS(kCancelStreamRead)},
      {kBlocked, kCancelled});
  add("stream-read-op-destroyed-mid-read", "destroying an in-flight read cancels it",
      {ReceiveStream(), OnS(kStreamRead, 4), OnS(kPollStreamRead), OnS(kDropStreamRead)});
  for (PayloadKind kind : {kStr, kRes, kRec}) {
    const std::string t = model::PayloadKindName(kind);
    add("stream-write-partial/" + t, "sent elements' lists freed, unsent ones lifted back whole",
        {NewStream(kind), OnS(kStreamWrite, 3), OnS(kPollStreamWrite)}, {Count(kCompleted, 1)});
    add("stream-read-then-writer-drops/" + t, "read elements lifted, resources owned",
        {ReceiveStream(kind), OnS(kStreamRead, 4), OnS(kPollStreamRead), OnS(kPeerStreamWrite, 3),
         OnS(kPeerStreamDrop), Deliver(), OnS(kPollStreamRead)});
  }
  // ---- tasks: coroutines on the executor, cancelled at their suspension points
  add("task-read", "a task awaits a read: BLOCKED, joins the set; the event resumes it",
      {Receive(), On(kTaskRead), On(kPeerWrite), Deliver()});
  add("task-write-after-yield", "a task yields, then its write completes at once",
      {New(), On(kTaskWrite), On(kPeerRead)});
  add("task-relay", "a task reads f0 and writes the value to f1",
      {Receive(), New(), Relay(0, 1), On(kPeerWrite), Deliver(), On(kPeerRead, 1), Deliver()});
  add("task-cancelled-mid-read",
      "TASK_CANCELLED drops the frame: the read leaves the set, "
      "is cancelled, the reader dropped; task.cancel",
      {Receive(), On(kTaskRead), CancelTask(1)});
  add("task-cancelled-mid-write",
      "the cancelled write's writer never wrote: its default "
      "write runs after the task is gone",
      {New(), On(kTaskWrite), Receive(), CancelTask(1), On(kPeerRead), Deliver()});
  add("task-cancelled-at-yield",
      "cancelled before it wrote: dropping the frame drops the "
      "writer, which writes the default",
      {New(), On(kTaskWrite), CancelTask(1), On(kPeerRead), Deliver()});
  add("task-drops-writer",
      "a task drops its writer unwritten: the default write starts inside "
      "its poll, and the task still resumes after its next yield",
      {New(), On(kTaskDropWriter), Receive(), Receive(), On(kPeerRead), Deliver()});
  add("task-await-cancelled-waker-outlives",
      "a task awaits the guest's own read, is "
      "cancelled; the read keeps the dead task's waker until its event",
      {Receive(), On(kRead), On(kTaskAwait), CancelTask(1), On(kPeerWrite), Deliver(),
       On(kPollRead)});
  add("task-spin-lets-events-through",
      "a busy-yield task: each turn ends, and the yield's "
      "waitable-set.poll delivers the read's event",
      {Receive(), On(kTaskRead), Spin(), On(kPeerWrite), Receive(), CancelTask(2)});
  add("task-spin-events-only-through-poll",
      "two events wait for the runtime when a task starts spinning: it is never waiting again, "
      "so the host delivers neither; its own waitable-set.poll after each yielding turn takes one",
      {Receive(), On(kRead), On(kPollRead), Receive(), On(kRead, 1), On(kPollRead, 1),
       On(kPeerWrite), On(kPeerWrite, 1), Spin(), On(kPollRead), On(kPollRead, 1), CancelTask(1)});
  // ---- tasks over streams
  add("task-stream-write-all-in-two-copies",
      "a producer task's write-all of 5 (copy limit 4): 4 go at once, the fifth blocks, the "
      "reader takes it and the event wakes the task",
      {NewStream(), OnS(kTaskStreamWrite, 5), OnS(kPeerStreamRead, 4), OnS(kPeerStreamRead, 4),
       Deliver()});
  add("task-stream-write-reader-drops",
      "the reader takes 1 of 5, then drops: the producer's write-all ends DROPPED, 4 back",
      {NewStream(), OnS(kTaskStreamWrite, 5), OnS(kPeerStreamRead, 1), OnS(kPeerStreamDrop),
       Deliver()});
  add("task-stream-read-until-writer-drops",
      "a consumer task reads chunks of 4: COMPLETED(3), then DROPPED(0) when the writer goes",
      {ReceiveStream(), OnS(kTaskStreamRead, 4), OnS(kPeerStreamWrite, 3), Deliver(),
       OnS(kPeerStreamDrop), Deliver()});
  add("task-stream-read-cancelled",
      "cancelling a consumer task mid-read cancels the read and drops the reader",
      {ReceiveStream(), OnS(kTaskStreamRead, 1), CancelTask(1)});
  return c;
}

}  // namespace

const std::vector<CatalogueEntry>& Catalogue() {
  static const auto* catalogue = [] {
    auto* entries = new std::vector<CatalogueEntry>(Build());
    for (CatalogueEntry& entry : *entries) {
      for (const auto& [name, calls] : CatalogueTraces()) {
        if (name == entry.name) entry.expected_host_calls = calls;
      }
      for (model::SpecRevision spec : model::kSpecRevisions) {
        for (const auto& [name, calls] : RevisedCatalogueTraces(spec)) {
          if (name == entry.name) entry.revised_host_calls[spec] = calls;
        }
      }
    }
    return entries;
  }();
  return *catalogue;
}

const std::vector<std::string>& CatalogueEntry::ExpectedHostCalls(model::SpecRevision spec) const {
  auto it = revised_host_calls.find(spec);
  return it != revised_host_calls.end() ? it->second : expected_host_calls;
}

void PrintTo(const CatalogueEntry& entry, std::ostream* os) { *os << entry.name; }

}  // namespace fc::scenario
