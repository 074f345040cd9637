"""Fuzz targets against one harness: the correct one or a bug-zoo variant.

fuzz_suite(suffix, harness, testonly) declares, with names ending in
`suffix`:
  fuzz_lib<suffix>                the decoder, minimizer and reports (plain
                                  cc_library: tests link it, never libFuzzer)
  future_scenario_fuzzer<suffix>  libFuzzer binary (build with --config=fuzz)
  stream_scenario_fuzzer<suffix>  the same with stream actions on
  task_scenario_fuzzer<suffix>    the same with task actions on
  repro<suffix>                   the reproducer (no libFuzzer)
"""

FUZZ_LIB_SRCS = [
    "byte_choices.cc",
    "failure_report.cc",
    "minimize.cc",
    "return_code_check.cc",
]

FUZZ_LIB_HDRS = [
    "byte_choices.h",
    "failure_report.h",
    "minimize.h",
    "return_code_check.h",
]

def fuzz_suite(suffix, harness, testonly = False, tags = []):
    native.cc_library(
        name = "fuzz_lib" + suffix,
        testonly = testonly,
        srcs = FUZZ_LIB_SRCS,
        hdrs = FUZZ_LIB_HDRS,
        tags = tags,
        deps = harness + [
            "//model",
            "//runtime",
            "@absl",
        ],
    )
    for fuzzer in ["future_scenario_fuzzer", "stream_scenario_fuzzer", "task_scenario_fuzzer"]:
        native.cc_binary(
            name = fuzzer + suffix,
            testonly = testonly,
            srcs = [fuzzer + ".cc"],
            linkopts = ["-fsanitize=fuzzer"],
            tags = tags,
            deps = [":fuzz_lib" + suffix],
        )
    native.cc_binary(
        name = "repro" + suffix,
        testonly = testonly,
        srcs = ["repro_main.cc"],
        tags = tags,
        deps = [":fuzz_lib" + suffix] + harness + ["@absl"],
    )
