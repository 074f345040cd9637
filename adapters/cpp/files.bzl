"""The C++ runtime adapter's sources: //adapters/cpp builds them over
//runtime, and each zoo variant (zoo/defs.bzl) over a patched runtime."""

ADAPTER_SRCS = ["cpp_runtime.cc"]

ADAPTER_HDRS = [
    "cpp_ends.h",
    "payload_conversions.h",
    "task_programs.h",
]
