"""Source lists of the runtime and the scenario harness, and the bug zoo.

The runtime is mostly templates instantiated by the harness, so a seeded bug
(runtime/seeded_bugs.h) has to reach every library that includes runtime
headers: //zoo:harness_<bug> is the scenario harness compiled with
-DFUTURECHECK_SEEDED_BUG=<bug>. A tool that wants a zoo variant lists its own
.cc files and builds them against that library instead of //scenario and
//scenario:catalogue.
"""

# //runtime: no seeded bug reaches these.
runtime_srcs = [
    "panic.cc",
    "return_code.cc",
]

# //runtime:event_loop: the executor and event loop, compiled again into
# each zoo harness because seeded bugs live in them.
event_loop_srcs = [
    "executor.cc",
    "runtime.cc",
]

runtime_hdrs = [
    "abi.h",
    "coroutine.h",
    "executor.h",
    "future.h",
    "guest_buffer.h",
    "panic.h",
    "return_code.h",
    "runtime.h",
    "seeded_bugs.h",
    "stream.h",
    "task_observer.h",
    "waitable_operation.h",
    "waker.h",
]

scenario_srcs = [
    "child_run.cc",
    "crash_report.cc",
    "noexcept_escape.cc",
    "runner.cc",
    "scenario.cc",
    "scenario_text.cc",
    "session.cc",
]

scenario_hdrs = [
    "child_run.h",
    "crash_report.h",
    "future_slot.h",
    "future_tasks.h",
    "noexcept_escape.h",
    "task_record.h",
    "slot.h",
    "stream_slot.h",
    "stream_tasks.h",
    "run_result.h",
    "runner.h",
    "scenario.h",
    "scenario_text.h",
    "session.h",
    "world.h",
]

catalogue_srcs = [
    "catalogue.cc",
    "catalogue_traces.cc",
]

catalogue_hdrs = ["catalogue.h"]

# props/: the RapidCheck stateful suite.
property_srcs = [
    "future_commands.cc",
    "future_property.cc",
]

property_hdrs = [
    "future_commands.h",
    "future_property.h",
    "property_stats.h",
]

# Each seeded bug of runtime/seeded_bugs.h, with the invariant that must
# catch it (the one its class of bug breaks first).
SEEDED_BUGS = {
    "kDropInFlightWithoutCancel": "buffer-safety",
    "kNoDeallocOnCompleted": "no-memory-leak",
    "kNoDefaultWrite": "no-host-trap",
    "kDefaultWriteAfterWrite": "no-host-trap",
    "kDroppedAsCancelled": "outcome-matches-peer",
    "kFreeBufferBeforeCancel": "buffer-safety",
    "kLoseValueOnDropped": "outcome-matches-peer",
    "kAlreadySentOnCancelled": "outcome-matches-peer",
    "kReaderDroppedTwice": "no-host-trap",
    "kNoReaderBackOnCancel": "outcome-matches-peer",
    "kFreeReadBufferInFlight": "buffer-safety",
    "kPanicPathIsUB": "panics-as-documented",
    "kNoUnregisterOnCancel": "panics-as-documented",
    "kDefaultWriteAfterDropped": "no-host-trap",
    "kDropWriterOutsideTaskPanics": "panics-as-documented",
    "kNoopWakerCrash": "no-crash",
    "kStreamWrongRemainingLength": "buffer-safety",
    "kStreamDoubleFreeAfterPartial": "buffer-safety",
    "kStreamLoseUnsentOnCancel": "outcome-matches-peer",
    "kStreamWriteAfterDropped": "no-host-trap",
    "kStreamLengthOverLimit": "no-host-trap",
    "kStreamCancelDropsWriter": "held-ends-live",
    "kStreamWriteAllLivelock": "no-livelock",
    "kSyncCancelInSet": "no-host-trap",
    "kTaskWakerRefcountOffByOne": "task-use-after-free",
    "kTaskFrameFreedWhileWakerLives": "task-use-after-free",
    "kTaskCancelLeaksPendingOps": "quiescence",
    "kTaskLostWakeup": "no-lost-wakeup",
    "kTaskRecursivePollClobbers": "no-lost-wakeup",
    "kTaskBusyYieldStarves": "no-starvation",
    "kTaskStreamWriteAllSkipsPoll": "no-lost-wakeup",
}

def is_stream_bug(bug):
    """Stream bugs need drivers that generate stream actions."""
    return bug.startswith("kStream")

def is_task_bug(bug):
    """Task bugs need drivers that generate task actions."""
    return bug.startswith("kTask")

def harness_variant(bug):
    """//zoo:harness_<bug>: the scenario harness and catalogue with `bug` in."""
    native.cc_library(
        name = "harness_" + bug,
        testonly = True,
        srcs = ["//scenario:" + s for s in scenario_srcs + catalogue_srcs] +
               ["//runtime:" + s for s in event_loop_srcs],
        hdrs = ["//scenario:" + h for h in scenario_hdrs + catalogue_hdrs],
        copts = ["-DFUTURECHECK_SEEDED_BUG=" + bug],
        tags = ["zoo"],
        deps = [
            "//model",
            "//runtime",
            "@absl",
        ],
    )

def seeded_bug_test(bug, invariant):
    """A test that the scripted catalogue catches `bug`, by `invariant`."""
    native.cc_test(
        name = "seeded_bug_" + bug + "_test",
        srcs = ["seeded_bug_test.cc"],
        copts = [
            "-DFUTURECHECK_SEEDED_BUG=" + bug,
            "-DFUTURECHECK_EXPECTED_INVARIANT=\\\"" + invariant + "\\\"",
            "-DFUTURECHECK_EXPECT_CRASH=" + ("1" if invariant == "no-crash" else "0"),
        ],
        tags = ["zoo"],
        deps = [
            "//zoo:harness_" + bug,
            "@gtest//:gtest_main",
        ],
    )

def zoo_property_test(bug):
    """//props:zoo_property_<bug>_test: the property suite catches `bug`."""
    native.cc_test(
        name = "zoo_property_" + bug + "_test",
        size = "medium",
        srcs = ["zoo_property_main.cc"] + property_srcs + property_hdrs,
        copts = ["-DFUTURECHECK_SEEDED_BUG=" + bug],
        tags = ["zoo"],
        deps = [
            "//zoo:harness_" + bug,
            "@absl",
            "@rapidcheck",
        ],
    )
