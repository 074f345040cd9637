"""The runtime's own sources: //runtime:runtime builds them, and the bug zoo
(zoo/defs.bzl) copies and patches exactly these. The seam to the host
(//runtime:abi) is not among them."""

RUNTIME_SRCS = [
    "executor.cc",
    "runtime.cc",
]

RUNTIME_HDRS = [
    "coroutine.h",
    "executor.h",
    "future.h",
    "guest_buffer.h",
    "runtime.h",
    "stream.h",
    "waitable_operation.h",
    "waker.h",
]
