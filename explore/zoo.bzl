"""The explorer against the bug zoo (//zoo:harness_<bug>)."""

def explore_zoo_binary(bug):
    """//explore:futurecheck_explore_<bug>: the explorer CLI with `bug` seeded."""
    native.cc_binary(
        name = "futurecheck_explore_" + bug,
        testonly = True,
        srcs = ["explore_main.cc"],
        copts = ["-DFUTURECHECK_SEEDED_BUG=" + bug],
        tags = ["zoo"],
        deps = [
            ":explore_core",
            "//zoo:harness_" + bug,
            "@absl",
        ],
    )

def explore_zoo_test(bug, template, depth, invariant, length):
    """The explorer finds `bug` by `invariant` with a shortest counterexample of `length` actions."""
    native.cc_test(
        name = "explore_zoo_" + bug + "_test",
        size = "small",
        srcs = ["zoo_explore_test.cc"],
        copts = [
            "-DFUTURECHECK_SEEDED_BUG=" + bug,
            "-DEXPECT_TEMPLATE=\\\"" + template + "\\\"",
            "-DEXPECT_DEPTH=" + str(depth),
            "-DEXPECT_INVARIANT=\\\"" + invariant + "\\\"",
            "-DEXPECT_LENGTH=" + str(length),
            "-DEXPECT_CRASH=" + ("1" if invariant == "no-crash" else "0"),
        ],
        tags = ["zoo"],
        deps = [
            ":explore_core",
            "//zoo:harness_" + bug,
            "@absl",
            "@gtest//:gtest_main",
        ],
    )
