"""The bug zoo's one table: every seeded runtime bug and how each driver hunts it.

Each bug is a patch, zoo/patches/<name>.patch, applied at build time to a copy
of the runtime's sources (zoo/defs.bzl); runtime/ itself stays clean. Every
zoo macro, script (through //zoo:bug_table, a TSV) and README table reads this
table; nothing is inferred from a bug's name.

Fields:
  name       the patch's name (and the bug's, in every report)
  family     futures | streams | waitable-set | tasks
  summary    one line: what the broken runtime does
  invariant  the invariant the bug's class breaks: the scripted catalogue
             must report it, and the explorer's pinned tests must find it
             first (the property suite and the fuzzer may reach another
             broken rule first on their shortest paths; tools/zoo.sh and
             fuzz_zoo.sh print what they saw)
  hunt       the actions the drivers need to reach it (one of HUNTS below)
  explore_test  (depth, shortest counterexample length) for the bugs the
             explorer's unit tests pin (explore/BUILD.bazel), or None
  fuzz_invariant  what the committed crash file (fuzz/zoo_crashes/) breaks
             first, where it is not `invariant` (the fuzzer's shortest path
             may reach another broken rule before)
"""

# What each driver turns on to reach a bug. props: the RapidCheck suite's
# settings; explore: the explorer's template; fuzz: the libFuzzer target and
# the reproducer's mode flag.
HUNTS = {
    "futures": struct(
        props_max_channels = 3,
        props_streams = False,
        props_tasks = False,
        explore = "all-kinds",
        fuzz = "future_scenario_fuzzer",
        repro_flag = "--futures",
    ),
    "streams": struct(
        props_max_channels = 2,
        props_streams = True,
        props_tasks = False,
        explore = "one-stream",
        fuzz = "stream_scenario_fuzzer",
        repro_flag = "--streams",
    ),
    "tasks": struct(
        props_max_channels = 3,
        props_streams = False,
        props_tasks = True,
        explore = "tasks",
        fuzz = "task_scenario_fuzzer",
        repro_flag = "--tasks",
    ),
    "stream-tasks": struct(
        props_max_channels = 2,
        props_streams = True,
        props_tasks = True,
        explore = "stream-tasks",
        fuzz = "task_scenario_fuzzer",
        repro_flag = "--tasks",
    ),
}

def _bug(name, family, summary, invariant, hunt, explore_test = None, fuzz_invariant = None):
    return struct(
        name = name,
        family = family,
        summary = summary,
        invariant = invariant,
        hunt = hunt,
        explore_test = explore_test,
        fuzz_invariant = fuzz_invariant,
    )

ZOO_BUGS = [
    _bug("kDropInFlightWithoutCancel", "futures", "an in-flight operation destroyed without cancelling", "buffer-safety", "futures", (4, 3)),
    _bug("kNoDeallocOnCompleted", "futures", "lowered lists leaked after COMPLETED", "no-memory-leak", "futures"),
    _bug("kNoDefaultWrite", "futures", "a writer dropped unwritten writes no default value", "no-host-trap", "futures", (2, 1)),
    _bug("kDefaultWriteAfterWrite", "futures", "a successful write still arms the default write", "no-host-trap", "futures"),
    _bug("kDroppedAsCancelled", "futures", "DROPPED handled like CANCELLED", "outcome-matches-peer", "futures", fuzz_invariant = "panics-as-documented"),
    _bug("kFreeBufferBeforeCancel", "futures", "the buffer freed before the cancel is acknowledged", "buffer-safety", "futures"),
    _bug("kLoseValueOnDropped", "futures", "the value not lifted back on DROPPED", "outcome-matches-peer", "futures", fuzz_invariant = "no-memory-leak"),
    _bug("kAlreadySentOnCancelled", "futures", "the cancel outcome taken from the wrong code", "outcome-matches-peer", "futures", (5, 4)),
    _bug("kReaderDroppedTwice", "futures", "drop-readable after a completed read, twice", "no-host-trap", "futures"),
    _bug("kNoReaderBackOnCancel", "futures", "a read cancel drops the reader instead of returning it", "outcome-matches-peer", "futures", (5, 4)),
    _bug("kFreeReadBufferInFlight", "futures", "the read buffer freed while the host may still write it", "buffer-safety", "futures"),
    _bug("kPanicPathIsUB", "futures", "a poll after cancel reads a dead state instead of panicking", "panics-as-documented", "futures"),
    _bug("kNoUnregisterOnCancel", "futures", "a cancelled operation stays registered for events (stale slot)", "panics-as-documented", "futures", fuzz_invariant = "no-host-trap"),
    _bug("kDefaultWriteAfterDropped", "futures", "DROPPED does not disarm the default write", "no-host-trap", "futures"),
    _bug("kDropWriterOutsideTaskPanics", "futures", "a writer dropped unwritten outside a task panics when destroyed", "panics-as-documented", "futures", (2, 1)),
    _bug("kNoopWakerCrash", "futures", "waking assumes a task's waker: a hand poll's no-op waker crashes", "no-crash", "futures", (6, 5)),
    _bug("kStreamWrongRemainingLength", "streams", "write-all re-offers the full length after a partial write", "buffer-safety", "streams"),
    _bug("kStreamDoubleFreeAfterPartial", "streams", "lists of unsent elements freed, then lifted back too", "buffer-safety", "streams"),
    _bug("kStreamLoseUnsentOnCancel", "streams", "CANCELLED(n) drops the unsent elements", "outcome-matches-peer", "streams", fuzz_invariant = "no-memory-leak"),
    _bug("kStreamWriteAfterDropped", "streams", "no done state: writes after DROPPED reach the host", "no-host-trap", "streams"),
    _bug("kStreamLengthOverLimit", "streams", "a write longer than the copy limit is offered whole", "no-host-trap", "streams"),
    _bug("kStreamCancelDropsWriter", "streams", "a cancelled write drops its writer and hands back an empty one", "held-ends-live", "streams", (5, 4)),
    _bug("kStreamWriteAllLivelock", "streams", "a copy of nothing is not the end: a zero-length write-all spins", "no-livelock", "streams", (4, 3)),
    _bug("kSyncCancelInSet", "waitable-set", "a synchronous cancel before the end leaves its waitable set", "no-host-trap", "futures"),
    _bug("kTaskWakerRefcountOffByOne", "tasks", "a task's waker is made without taking a reference", "task-use-after-free", "tasks"),
    _bug("kTaskFrameFreedWhileWakerLives", "tasks", "storage freed with the frame, wakers or not", "task-use-after-free", "tasks"),
    _bug("kTaskCancelLeaksPendingOps", "tasks", "a cancelled task is never polled, its frame never dropped", "no-task-leak", "tasks"),
    _bug("kTaskLostWakeup", "tasks", "the queued flag is cleared after the poll: self-wakes are lost", "no-lost-wakeup", "tasks"),
    _bug("kTaskRecursivePollClobbers", "tasks", "a nested poll leaves no current task for the outer one", "no-lost-wakeup", "tasks"),
    _bug("kTaskBusyYieldStarves", "tasks", "a turn runs until no task is queued: yield loops never end it", "no-starvation", "tasks"),
    _bug("kTaskYieldSkipsPoll", "tasks", "a turn that leaves tasks queued returns without waitable-set.poll", "poll-after-yield", "tasks", (5, 4)),
    _bug("kTaskStreamWriteAllSkipsPoll", "tasks", "write-all returns pending before polling its next copy", "no-lost-wakeup", "stream-tasks", (4, 3)),
    _bug("kCopyBufferUnderAligned", "futures", "copy buffers asked at most 4-byte aligned: a string or record buffer is misaligned", "no-host-trap", "futures", (2, 1)),
]

def zoo_hunt(bug):
    """The driver settings for `bug` (a ZOO_BUGS entry)."""
    return HUNTS[bug.hunt]
