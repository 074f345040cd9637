"""Fuzz binaries for one runtime under test: the correct one or a zoo bug.

The fuzz library, the three libFuzzer entry points and the reproducer's main
are compiled once (//fuzz:fuzz_lib, :<fuzzer>_entry, :repro_main);
fuzz_binaries(suffix, runtime) links them with `runtime` (an adapter or a
//zoo:sut_<bug>) as
  future_scenario_fuzzer<suffix>  libFuzzer binary (build with --config=fuzz)
  stream_scenario_fuzzer<suffix>  the same with stream actions on
  task_scenario_fuzzer<suffix>    the same with task actions on
  repro<suffix>                   the reproducer (no libFuzzer)
"""

FUZZERS = ["future_scenario_fuzzer", "stream_scenario_fuzzer", "task_scenario_fuzzer"]

def fuzz_binaries(suffix, runtime, testonly = False, tags = []):
    for fuzzer in FUZZERS:
        native.cc_binary(
            name = fuzzer + suffix,
            testonly = testonly,
            linkopts = ["-fsanitize=fuzzer"],
            tags = tags,
            deps = [":" + fuzzer + "_entry", runtime],
        )
    native.cc_binary(
        name = "repro" + suffix,
        testonly = testonly,
        tags = tags,
        deps = [":repro_main", runtime],
    )
