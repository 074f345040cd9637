#!/usr/bin/env bash
# The main job: every scripted scenario, complete exhaustive searches of the
# future and stream state machines, and a short libFuzzer run of every fuzz
# target, on the correct C++ runtime and (without tasks, which it has not)
# on the C runtime, fcrt, under each spec revision the mock host follows
# (2026-08 and 2026-09, model/spec_rules.h); then one summary. Exit 0 when
# nothing was found.
#
#   tools/main.sh [--spec=REVISION|all] [--fuzz-seconds=N] [--depth=N|all]
#                 [--stream-depth=N|all] [--task-depth=N|all] [--stream-task-depth=N|all]
#
# Defaults: every revision, 20 s per fuzz target and revision; complete
# searches (every reachable state: --depth=all) of two futures, one stream,
# two tasks over futures and two tasks over streams (2.7 million states,
# about 9 minutes per revision on two cores), each on every core. Findings
# print how to reproduce them (with the revision); fuzz crash files are kept
# under out/main/.
set -euo pipefail
cd "$(dirname "$0")/.."

fuzz_seconds=20
specs=(2026-08 2026-09)
depth=all
stream_depth=all
task_depth=all
stream_task_depth=all
usage() {
  echo "usage: tools/main.sh [--spec=2026-08|2026-09|all] [--fuzz-seconds=N] [--depth=N|all]" \
    "[--stream-depth=N|all] [--task-depth=N|all] [--stream-task-depth=N|all]" >&2
  exit 2
}
for arg in "$@"; do
  case "$arg" in
    --fuzz-seconds=*) fuzz_seconds="${arg#*=}" ;;
    --spec=all) specs=(2026-08 2026-09) ;;
    --spec=2026-08|--spec=2026-09) specs=("${arg#*=}") ;;
    --spec=*) echo "tools/main.sh: unknown spec revision '${arg#*=}' (2026-08, 2026-09, all)" >&2
              usage ;;
    --depth=*) depth="${arg#*=}" ;;
    --stream-depth=*) stream_depth="${arg#*=}" ;;
    --task-depth=*) task_depth="${arg#*=}" ;;
    --stream-task-depth=*) stream_task_depth="${arg#*=}" ;;
    -h|--help) usage ;;
    *) echo "tools/main.sh: unknown argument '$arg'" >&2; usage ;;
  esac
done
[[ "$fuzz_seconds" =~ ^[0-9]+$ ]] ||
  { echo "tools/main.sh: '$fuzz_seconds' is not a number" >&2; usage; }
for n in "$depth" "$stream_depth" "$task_depth" "$stream_task_depth"; do
  [[ "$n" =~ ^([0-9]+|all)$ ]] || { echo "tools/main.sh: '$n' is not a depth (N or all)" >&2; usage; }
done

tools/install_deps.sh
quiet=(--ui_event_filters=-info,-stdout --noshow_progress)
root="$PWD"
out="$root/out/main"
rm -rf "$out"
mkdir -p "$out"
# Every driver saves what it finds here (scenario/findings.h), a runtime that
# crashes the process too (crash_report.h).
export FUTURECHECK_FINDINGS_DIR="$out/findings"
summary=()
failed=0

echo "==> building (optimized harness, then libFuzzer targets)" >&2
bazel build "${quiet[@]}" -c opt //scenario:futurecheck //explore:futurecheck_explore \
  //adapters/c:c_catalogue_test //adapters/c:futurecheck_explore_c \
  //props:property_test //adapters/c:c_property_test >&2
opt_bin="$(bazel info -c opt bazel-bin 2>/dev/null)"
fuzz_targets=(future_scenario_fuzzer stream_scenario_fuzzer task_scenario_fuzzer return_code_fuzzer)
# The C runtime (fcrt, c_runtime/): its own fuzz binaries, same entry points.
c_fuzz_targets=(future_scenario_fuzzer_c stream_scenario_fuzzer_c)
bazel build "${quiet[@]}" --config=fuzz "${fuzz_targets[@]/#/\/\/fuzz:}" \
  "${c_fuzz_targets[@]/#/\/\/adapters\/c:}" >&2
fuzz_bin="$(bazel info --config=fuzz bazel-bin 2>/dev/null)"

for spec in "${specs[@]}"; do
# Under this revision: "[2026-09]" after each label, "-2026-09" in file names.
at=" [$spec]"
tag="-$spec"
summary+=("spec revision $spec:")

# 1. The scripted catalogue.
echo "==> scripted scenarios$at" >&2
if "$opt_bin/scenario/futurecheck" --spec="$spec" >"$out/catalogue$tag.txt"; then
  summary+=("$(printf '%-40s %s' "scripted scenarios" "$(tail -1 "$out/catalogue$tag.txt")")")
else
  failed=1
  grep -E '^FAIL ' "$out/catalogue$tag.txt" || true
  summary+=("$(printf '%-40s FAILED: %s (see out/main/catalogue%s.txt)' "scripted scenarios" \
    "$(tail -1 "$out/catalogue$tag.txt")" "$tag")")
fi

# The catalogue on the C runtime: every scenario without tasks, exact host
# calls (pinned, or fcrt's own in c_runtime/catalogue_traces.txt). The test
# runs every revision itself, so once.
if [ "$spec" = "${specs[0]}" ]; then
echo "==> scripted scenarios on the C runtime (every revision)" >&2
if "$opt_bin/adapters/c/c_catalogue_test" >"$out/catalogue-c.txt" 2>&1; then
  summary+=("$(printf '%-40s %s' "C runtime: scripted scenarios" \
    "$(grep -c '^\[       OK \]' "$out/catalogue-c.txt") checks passed, each under every revision (scenarios with tasks left out)")")
else
  failed=1
  summary+=("$(printf '%-40s FAILED (see out/main/catalogue-c.txt)' "C runtime: scripted scenarios")")
fi
fi

# The property suite (RapidCheck, default settings) on each runtime.
properties() {
  local label="$1" binary="$2" log="$out/$3"
  echo "==> property suite on $label$at" >&2
  if FUTURECHECK_SPEC="$spec" "$opt_bin/$binary" >"$log" 2>&1; then
    summary+=("$(printf '%-40s %s' "$label: property suite" \
      "$(grep -c '^\[       OK \]' "$log") properties passed")")
  else
    failed=1
    grep -E 'Falsifiable|FAIL' "$log" | head -5 || true
    summary+=("$(printf '%-40s FAILED (see out/main/%s)' "$label: property suite" "$3")")
  fi
}
properties "C++ runtime" props/property_test "properties$tag.txt"
properties "C runtime" adapters/c/c_property_test "properties-c$tag.txt"

# 2. The exhaustive search (binary: the explorer on a runtime): complete
# (every reachable state) with --depth=all, else to a depth bound; on every
# core (the same states and verdicts as on one thread).
jobs="$(nproc)"
explore() {
  local label="$1" template="$2" d="$3" binary="${4:-explore/futurecheck_explore}"
  local scope="depth $d"
  [ "$d" = all ] && scope="complete"
  echo "==> exploring $label (template $template, $scope)$at" >&2
  local name="$template${5:-}$tag"
  local report="$out/explore-$name.txt" status=0
  "$opt_bin/$binary" --template="$template" --depth="$d" --spec="$spec" --jobs="$jobs" \
    --out="$out/explore-$name-counterexample.txt" >"$report" 2>/dev/null || status=$?
  local states transitions
  states=$(sed -n 's/^distinct states \([0-9]*\), transitions \([0-9]*\).*/\1/p' "$report")
  # Transition coverage of the channel kinds the template touches.
  transitions=$(sed -n 's/^transitions covered: //p' "$report")
  if [ "$status" -eq 0 ] && grep -q '^template .*: complete: all' "$report"; then
    summary+=("$(printf '%-40s no violation: all %s reachable states%s' "explore $label, $scope" \
      "${states:-?}" "${transitions:+, transitions covered $transitions}")")
  elif [ "$status" -eq 0 ] && [ "$d" = all ]; then
    failed=1
    summary+=("$(printf '%-40s DID NOT CLOSE: see out/main/%s' "explore $label, $scope" \
      "$(basename "$report")")")
  elif [ "$status" -eq 0 ]; then
    summary+=("$(printf '%-40s no violation: %s distinct states%s' "explore $label, $scope" \
      "${states:-?}" "${transitions:+, transitions covered $transitions}")")
  else
    failed=1
    sed -n '/^VIOLATION\|^FAIL/,$p' "$report" | head -60
    summary+=("$(printf '%-40s VIOLATION (exit %d): see out/main/%s' "explore $label, $scope" \
      "$status" "$(basename "$report")")")
  fi
}
explore "futures" all-kinds "$depth"
explore "one stream" one-stream "$stream_depth"
explore "tasks" tasks "$task_depth"
explore "stream tasks" stream-tasks "$stream_task_depth"
explore "C runtime: futures" all-kinds "$depth" adapters/c/futurecheck_explore_c -c
explore "C runtime: one stream" one-stream "$stream_depth" adapters/c/futurecheck_explore_c -c

# 3. A short fuzz run of every target, from its seed corpus.
for target in "${fuzz_targets[@]}" "${c_fuzz_targets[@]}"; do
  # return_code_fuzzer checks the return-code encoding, the same in every revision.
  [ "$target" = return_code_fuzzer ] && [ "$spec" != "${specs[0]}" ] && continue
  echo "==> fuzzing $target for ${fuzz_seconds}s$at" >&2
  work="$out/fuzz-$target$tag"
  mkdir -p "$work/corpus"
  # A C runtime target starts from its entry point's seeds and dictionary.
  seeds="${target%_c}"
  binary="$fuzz_bin/fuzz/$target"
  [ "$seeds" != "$target" ] && binary="$fuzz_bin/adapters/c/$target"
  cp fuzz/corpus/"$seeds"/* "$work/corpus/"
  status=0
  (cd "$work" && "$binary" -max_total_time="$fuzz_seconds" -print_final_stats=1 \
     -dict="$root/fuzz/$seeds.dict" -max_len=512 -seed=1 -artifact_prefix="$work/" \
     --spec="$spec" corpus >"$work/fuzz.log" 2>&1) || status=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/fuzz.log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/fuzz.log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$work/fuzz.log" | tail -1)
  crash=$(ls "$work"/crash-* "$work"/leak-* "$work"/timeout-* 2>/dev/null | head -1 || true)
  if [ "$status" -eq 0 ] && [ -z "$crash" ]; then
    summary+=("$(printf '%-40s no finding: %s execs, %s exec/s, %s' "fuzz $target, ${fuzz_seconds}s" \
      "${execs:-?}" "${rate:-?}" "${cov:-cov: ?}")")
  else
    failed=1
    grep -E '^futurecheck: invariant|ERROR: ' "$work/fuzz.log" | head -5 || true
    streams=""
    [ "$seeds" = stream_scenario_fuzzer ] && streams=" --streams"
    [ "$seeds" = task_scenario_fuzzer ] && streams=" --tasks"
    repro=//fuzz:repro
    [ "$seeds" != "$target" ] && repro=//adapters/c:repro_c
    summary+=("$(printf '%-40s FINDING: %s; reproduce: bazel run %s --%s --spec=%s %s' \
      "fuzz $target" "${crash:-exit $status}" "$repro" "$streams" "$spec" \
      "${crash:-$work/fuzz.log}")")
  fi
done
done  # spec revisions

echo
echo "futurecheck main job summary (the correct C++ runtime, and the C runtime; spec revisions ${specs[*]})"
for line in "${summary[@]}"; do echo "  $line"; done
findings=0
if [ -d "$FUTURECHECK_FINDINGS_DIR" ]; then
  findings=$(find "$FUTURECHECK_FINDINGS_DIR" -mindepth 1 -maxdepth 1 -type d | wc -l)
fi
if [ "$findings" -eq 0 ]; then
  echo "  findings folder: out/main/findings (empty)"
else
  echo "  findings folder: out/main/findings, $findings finding(s):"
  find "$FUTURECHECK_FINDINGS_DIR" -mindepth 1 -maxdepth 1 -type d -printf '    %f\n' | sort
  echo "    (each: scenario.txt, report.txt, found-by.txt; tools/promote_finding.sh DIR NAME makes one a regression)"
fi
# The names of model/invariants.cc's table (futurecheck --list-invariants, the
# README's rows), so the list cannot go stale.
"$opt_bin/scenario/futurecheck" --list-invariants >"$out/invariants.md" || true
invariants=$(sed -n 's/^| `\([a-z-]*\)` |.*/\1/p' "$out/invariants.md" | paste -sd, - | sed 's/,/, /g')
echo "  invariants checked after every step and at teardown:"
echo "${invariants:-?}" | fold -s -w 92 | sed 's/ *$//; s/^/    /'
if [ "$failed" -eq 0 ]; then
  echo "main job: everything passed"
else
  echo "main job: FAILED (reports under out/main/)"
fi
exit "$failed"
