// Deliberate runtime bugs, compiled in one at a time, so the harness can prove
// that its invariants catch each class of bug (see props/ and the bug zoo).
// A normal build has `kSeededBug == SeededBug::kNone` and no bug code at all:
// every use is an `if constexpr` on this constant.
//
// Select one with -DFUTURECHECK_SEEDED_BUG=<enumerator>, e.g.
//   --copt=-DFUTURECHECK_SEEDED_BUG=kNoDefaultWrite
#ifndef FUTURECHECK_RUNTIME_SEEDED_BUGS_H_
#define FUTURECHECK_RUNTIME_SEEDED_BUGS_H_

namespace fc::rt {

enum class SeededBug {
  kNone,
  kDropInFlightWithoutCancel,  // in-flight op destroyed without cancelling
  kNoDeallocOnCompleted,       // lowered lists leaked after COMPLETED
  kNoDefaultWrite,             // writer dropped unwritten: no default value
  kDefaultWriteAfterWrite,     // successful write still arms the default write
  kDroppedAsCancelled,         // DROPPED handled like CANCELLED
  kFreeBufferBeforeCancel,     // buffer freed before the cancel is acknowledged
  kLoseValueOnDropped,         // value not lifted back on DROPPED
  kAlreadySentOnCancelled,     // cancel outcome taken from the wrong code
  kReaderDroppedTwice,         // drop-readable after a completed read, twice
  kNoReaderBackOnCancel,       // read cancel drops the reader instead of returning it
  kFreeReadBufferInFlight,     // read buffer freed while the host may still write it
  kPanicPathIsUB,              // poll after cancel reads a dead state instead of panicking
  kNoUnregisterOnCancel,       // cancelled op stays registered for events (stale slot)
  kDefaultWriteAfterDropped,   // DROPPED does not disarm the default write
  kDropWriterOutsideTaskPanics,  // a writer dropped unwritten outside a task panics when destroyed
  kNoopWakerCrash,             // waking assumes a task's waker: a hand poll's no-op waker crashes
  // streams
  kStreamWrongRemainingLength,   // write-all re-offers the full length after a partial write
  kStreamDoubleFreeAfterPartial, // lists of unsent elements freed, then lifted back too
  kStreamLoseUnsentOnCancel,     // CANCELLED(n) drops the unsent elements
  kStreamWriteAfterDropped,      // no done state: writes after DROPPED reach the host
  kStreamLengthOverLimit,        // a write longer than the copy limit is offered whole
  kStreamCancelDropsWriter,      // a cancelled write drops its writer and hands back an empty one
  kStreamWriteAllLivelock,       // a copy of nothing is not the end: a zero-length write-all spins
  // the waitable set
  kSyncCancelInSet,              // synchronous cancel before the end leaves its waitable set
  // tasks and the executor
  kTaskWakerRefcountOffByOne,    // a task's waker is made without taking a reference
  kTaskFrameFreedWhileWakerLives,  // storage freed with the frame, wakers or not
  kTaskCancelLeaksPendingOps,    // a cancelled task is never polled, its frame never dropped
  kTaskLostWakeup,               // the queued flag is cleared after the poll: self-wakes are lost
  kTaskRecursivePollClobbers,    // a nested poll leaves no current task for the outer one
  kTaskBusyYieldStarves,         // a turn runs until no task is queued: yield loops never end it
  kTaskStreamWriteAllSkipsPoll,  // write-all returns pending before polling its next copy
};

#ifndef FUTURECHECK_SEEDED_BUG
#define FUTURECHECK_SEEDED_BUG kNone
#endif

inline constexpr SeededBug kSeededBug = SeededBug::FUTURECHECK_SEEDED_BUG;

}  // namespace fc::rt

#endif  // FUTURECHECK_RUNTIME_SEEDED_BUGS_H_
