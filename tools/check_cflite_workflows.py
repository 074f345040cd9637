#!/usr/bin/env python3
"""Checks the ClusterFuzzLite workflow files (.github/workflows/cflite_*.yml).

Each must parse as YAML and have the documented shape: a name, a trigger,
and jobs whose steps build with google/clusterfuzzlite/actions/build_fuzzers
(language c++) and run with .../run_fuzzers in a mode ClusterFuzzLite knows.
Together they must cover code-change (pull requests), batch and prune, and
each sanitizer they ask for must be one project.yaml lists (or coverage).
Prints one line per file; exits 1 on any problem. Run by
tools/oss_fuzz_check.sh.
"""
import pathlib
import sys

try:
    import yaml
except ImportError:
    sys.exit("check_cflite_workflows: needs PyYAML (Debian: python3-yaml; tools/install_deps.sh)")

ROOT = pathlib.Path(__file__).resolve().parent.parent
MODES = {"code-change", "batch", "prune", "coverage"}
REQUIRED_MODES = {"code-change", "batch", "prune"}


def listed_sanitizers():
    project = yaml.safe_load((ROOT / "fuzz/oss-fuzz/project.yaml").read_text())
    return set(project.get("sanitizers", [])) | {"coverage"}


def check(path, sanitizers, problems):
    # PyYAML reads a bare `on:` key as the boolean True.
    doc = yaml.safe_load(path.read_text())
    if not isinstance(doc, dict):
        problems.append(f"{path.name}: not a YAML mapping")
        return set()
    triggers = doc.get("on", doc.get(True))
    if not doc.get("name") or not triggers:
        problems.append(f"{path.name}: needs a name and an `on:` trigger")
    jobs = doc.get("jobs") or {}
    if not jobs:
        problems.append(f"{path.name}: no jobs")
    modes = set()
    for job_name, job in jobs.items():
        steps = job.get("steps") or []
        uses = [s.get("uses", "") for s in steps]
        build = [s for s in steps if s.get("uses", "").startswith(
            "google/clusterfuzzlite/actions/build_fuzzers@")]
        run = [s for s in steps if s.get("uses", "").startswith(
            "google/clusterfuzzlite/actions/run_fuzzers@")]
        if not build or not run or uses.index(build[0]["uses"]) > uses.index(run[0]["uses"]):
            problems.append(f"{path.name}: job {job_name} must build_fuzzers, then run_fuzzers")
            continue
        if build[0].get("with", {}).get("language") != "c++":
            problems.append(f"{path.name}: job {job_name} builds without language: c++")
        run_with = run[0].get("with", {})
        mode = str(run_with.get("mode", "")).strip("'")
        if mode not in MODES:
            problems.append(f"{path.name}: job {job_name} runs in unknown mode {mode!r}")
        modes.add(mode)
        if not str(run_with.get("fuzz-seconds", "")).isdigit():
            problems.append(f"{path.name}: job {job_name} has no fuzz-seconds")
        matrix = (job.get("strategy") or {}).get("matrix") or {}
        for sanitizer in matrix.get("sanitizer", []) + [run_with.get("sanitizer")]:
            if isinstance(sanitizer, str) and "${{" not in sanitizer and \
                    sanitizer.strip("'") not in sanitizers:
                problems.append(f"{path.name}: sanitizer {sanitizer} is not in project.yaml")
    print(f"check_cflite_workflows: {path.name}: {len(jobs)} job(s), modes {sorted(modes)}")
    return modes


def main():
    files = sorted((ROOT / ".github/workflows").glob("cflite_*.yml"))
    problems = []
    if not files:
        problems.append("no .github/workflows/cflite_*.yml")
    sanitizers = listed_sanitizers()
    modes = set()
    for path in files:
        try:
            modes |= check(path, sanitizers, problems)
        except yaml.YAMLError as error:
            problems.append(f"{path.name}: not valid YAML: {error}")
    for mode in sorted(REQUIRED_MODES - modes):
        problems.append(f"no workflow runs mode {mode}")
    for problem in problems:
        print(f"check_cflite_workflows: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
