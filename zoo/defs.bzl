"""Builds the bug zoo from its table (zoo/bugs.bzl).

zoo_variant(bug) declares, for one ZOO_BUGS entry:
  //zoo:patched_<name>  the runtime's and the C++ adapter's sources, copied,
                        with zoo/patches/<name>.patch applied (a patch that
                        no longer applies fails here, naming the bug)
  //zoo:sut_<name>      that patched runtime behind the runtime-under-test
                        interface, plus its row of the table (bug_info.h):
                        link it instead of //adapters/cpp
zoo_bug_table() declares //zoo:bug_table, the table as TSV for scripts.
"""

load("//adapters/cpp:files.bzl", "ADAPTER_HDRS", "ADAPTER_SRCS")
load("//runtime:files.bzl", "RUNTIME_HDRS", "RUNTIME_SRCS")
load(":bugs.bzl", "ZOO_BUGS", "zoo_hunt")

def _c_bool(b):
    return "true" if b else "false"

def _bug_info_cc(bug):
    hunt = zoo_hunt(bug)
    depth, length = bug.explore_test if bug.explore_test else (0, 0)
    return "\n".join([
        "#include \"zoo/bug_info.h\"",
        "namespace fc::zoo {",
        "const BugInfo& ThisBug() {",
        "  static const BugInfo kInfo{\"%s\", \"%s\", \"%s\", \"%s\", %d, %s, %s, \"%s\", \"%s\", \"%s\", \"%s\", %d, %d};" % (
            bug.name,
            bug.family,
            bug.summary,
            bug.invariant,
            hunt.props_max_channels,
            _c_bool(hunt.props_streams),
            _c_bool(hunt.props_tasks),
            hunt.explore,
            hunt.fuzz,
            hunt.repro_flag,
            bug.fuzz_invariant or bug.invariant,
            depth,
            length,
        ),
        "  return kInfo;",
        "}",
        "}  // namespace fc::zoo",
        "",
    ])

def zoo_variant(bug):
    name = bug.name
    outs = ([name + "/runtime/" + f for f in RUNTIME_SRCS + RUNTIME_HDRS] +
            [name + "/adapters/cpp/" + f for f in ADAPTER_SRCS + ADAPTER_HDRS])
    native.genrule(
        name = "patched_" + name,
        testonly = True,
        srcs = (["//runtime:" + f for f in RUNTIME_SRCS + RUNTIME_HDRS] +
                ["//adapters/cpp:" + f for f in ADAPTER_SRCS + ADAPTER_HDRS] +
                ["patches/" + name + ".patch"]),
        outs = outs,
        cmd = ("$(location apply_patch.sh) %s $(location patches/%s.patch) $(RULEDIR)/%s $(SRCS)" %
               (name, name, name)),
        tools = ["apply_patch.sh"],
        tags = ["zoo"],
    )
    native.genrule(
        name = "bug_info_" + name,
        testonly = True,
        outs = [name + "/bug_info.cc"],
        cmd = "cat > $@ <<'FUTURECHECK_EOF'\n" + _bug_info_cc(bug) + "FUTURECHECK_EOF",
        tags = ["zoo"],
    )
    native.cc_library(
        name = "sut_" + name,
        visibility = [
            "//explore:__pkg__",
            "//fuzz:__pkg__",
            "//props:__pkg__",
            "//scenario:__pkg__",
        ],
        testonly = True,
        srcs = outs + [name + "/bug_info.cc"],
        copts = ["-DFUTURECHECK_RUNTIME_NAME=\\\"zoo:" + name + "\\\""],
        # MakeRuntime and ThisBug are only referenced from the harness.
        alwayslink = True,
        tags = ["zoo"],
        deps = [
            ":bug_info",
            "//model",
            "//runtime:abi",
            "//sut",
            "@absl",
        ],
    )

def zoo_bug_table():
    columns = [
        "bug",
        "family",
        "invariant",
        "hunt",
        "props_max_channels",
        "props_streams",
        "props_tasks",
        "explore_template",
        "fuzz_target",
        "repro_flag",
        "summary",
    ]
    lines = ["\t".join(columns)]
    for bug in ZOO_BUGS:
        hunt = zoo_hunt(bug)
        lines.append("\t".join([
            bug.name,
            bug.family,
            bug.invariant,
            bug.hunt,
            str(hunt.props_max_channels),
            "1" if hunt.props_streams else "0",
            "1" if hunt.props_tasks else "0",
            hunt.explore,
            hunt.fuzz,
            hunt.repro_flag,
            bug.summary,
        ]))
    native.genrule(
        name = "bug_table",
        outs = ["bug_table.tsv"],
        cmd = "cat > $@ <<'FUTURECHECK_EOF'\n" + "\n".join(lines) + "\nFUTURECHECK_EOF",
    )
