#!/usr/bin/env bash
# A long run of every fuzzer and the explorer on the correct runtimes, to
# look for what short runs miss (and for false alarms). The time is shared
# out: a tenth to the explorer (each template, deepening until its share
# runs out), the rest to the fuzzers, each under both spec revisions, with
# libFuzzer's fork mode on every core (-fork=N -ignore_crashes=1, so a
# finding does not end the run). Every finding lands in the findings folder
# (scenario/findings.h) and is replayed twice by the reproducer, which must
# print the same report both times.
#
#   tools/soak.sh [--minutes=N]     default 60
#
# Prints, per fuzzer and revision, executions, exec/s and findings; per
# explorer template, the depth and distinct states reached; then the
# findings. Output, corpora and findings under out/soak/. Exit status 1 if
# anything was found (or a finding did not replay the same), else 0.
set -euo pipefail
cd "$(dirname "$0")/.."

minutes=60
for arg in "$@"; do
  case "$arg" in
    --minutes=*) minutes="${arg#*=}" ;;
    *) echo "usage: tools/soak.sh [--minutes=N]" >&2; exit 2 ;;
  esac
done
[[ "$minutes" =~ ^[1-9][0-9]*$ ]] || { echo "tools/soak.sh: --minutes must be a positive number" >&2; exit 2; }
tools/install_deps.sh

out="$PWD/out/soak"
rm -rf "$out"
mkdir -p "$out"
export FUTURECHECK_FINDINGS_DIR="$out/findings"
quiet=(--ui_event_filters=-info,-stdout --noshow_progress)
cores="$(nproc)"

# The C++ runtime's fuzzers, then the C runtime's (their reproducer, mode).
# return_code_fuzzer does not depend on the revision: it runs once.
fuzzers=(//fuzz:future_scenario_fuzzer //fuzz:stream_scenario_fuzzer //fuzz:task_scenario_fuzzer
         //adapters/c:future_scenario_fuzzer_c //adapters/c:stream_scenario_fuzzer_c
         //fuzz:return_code_fuzzer)
seeds=(future_scenario_fuzzer stream_scenario_fuzzer task_scenario_fuzzer
       future_scenario_fuzzer stream_scenario_fuzzer return_code_fuzzer)
templates=(all-kinds one-stream tasks stream-tasks)
specs=(2026-08 2026-09)

echo "==> building (ASan + UBSan fuzzers, optimized explorer and reproducers)" >&2
bazel build "${quiet[@]}" --config=fuzz "${fuzzers[@]}" >&2
fuzz_bin="$(bazel info --config=fuzz bazel-bin 2>/dev/null)"
bazel build "${quiet[@]}" -c opt //explore:futurecheck_explore //fuzz:repro //adapters/c:repro_c >&2
opt_bin="$(bazel info -c opt bazel-bin 2>/dev/null)"

total=$((minutes * 60))
explore_share=$((total / 10))
runs=$(( (${#fuzzers[@]} - 1) * ${#specs[@]} + 1 ))
fuzz_share=$(( (total - explore_share) / runs ))
[ "$fuzz_share" -ge 5 ] || fuzz_share=5
explore_each=$(( explore_share / ${#templates[@]} ))
[ "$explore_each" -ge 5 ] || explore_each=5
summary=()

for i in "${!fuzzers[@]}"; do
  target="${fuzzers[$i]}"
  name="${target##*:}"
  binary="$fuzz_bin/$(echo "${target#//}" | tr ':' '/')"
  revisions=("${specs[@]}")
  [ "$name" = return_code_fuzzer ] && revisions=(2026-08)
  for spec in "${revisions[@]}"; do
    corpus="$out/corpus/$name-$spec"
    mkdir -p "$corpus" "$out/artifacts"
    cp "fuzz/corpus/${seeds[$i]}"/* "$corpus"/
    log="$out/$name-$spec.log"
    echo "==> $name [$spec]: ${fuzz_share}s on $cores cores" >&2
    (cd "$out" && "$binary" --spec="$spec" -fork="$cores" -ignore_crashes=1 \
        -max_total_time="$fuzz_share" -artifact_prefix="$out/artifacts/$name-$spec-" \
        "$corpus" >"$log" 2>&1) || true
    # Fork mode's last status line: "#N: cov: C ft: F corp: K exec/s: E oom/timeout/crash: a/b/c ...".
    line="$(grep -E '^#[0-9]+: cov:' "$log" | tail -1 || true)"
    # (Fork mode's exec/s field is one job's; the rate here is all of them.)
    execs="$(sed -E 's/^#([0-9]+):.*/\1/' <<<"$line")"
    elapsed="$(sed -nE 's/.* time: ([0-9]+)s.*/\1/p' <<<"$line")"
    rate="$( [ -n "$execs" ] && [ "${elapsed:-0}" -gt 0 ] && echo $((execs / elapsed)) || true)"
    crashes="$(sed -nE 's/.*oom\/timeout\/crash: ([0-9]+\/[0-9]+\/[0-9]+).*/\1/p' <<<"$line")"
    summary+=("$(printf '%-28s %-8s %12s execs %7s exec/s  oom/timeout/crash %s' \
      "$name" "$spec" "${execs:-?}" "${rate:-?}" "${crashes:-?}")")
  done
done

for template in "${templates[@]}"; do
  for spec in "${specs[@]}"; do
    log="$out/explore-$template-$spec.log"
    echo "==> explorer $template [$spec]: $((explore_each / 2))s" >&2
    # Deep enough that the time limit, not the depth, ends the search.
    "$opt_bin/explore/futurecheck_explore" --template="$template" --depth=40 --spec="$spec" \
      --time-limit="$((explore_each / 2))" >"$log" 2>&1 || true
    states="$(sed -nE 's/^distinct states ([0-9]+),.*depth reached ([0-9]+).*/\1 states, depth \2/p' "$log")"
    verdict="$(grep -qE '^VIOLATION' "$log" && echo VIOLATION || echo 'no violation')"
    summary+=("$(printf 'explore %-20s %-8s %s, %s' "$template" "$spec" "${states:-?}" "$verdict")")
  done
done

# Every finding must replay the same, byte for byte, twice.
found=0
replay_failed=0
if [ -d "$FUTURECHECK_FINDINGS_DIR" ]; then
  for finding in "$FUTURECHECK_FINDINGS_DIR"/*/; do
    [ -f "$finding/scenario.txt" ] || continue
    found=$((found + 1))
    spec="$(sed -n 's/^spec revision: //p' "$finding/found-by.txt")"
    runtime="$(sed -n 's/^runtime: //p' "$finding/found-by.txt")"
    tool="$opt_bin/fuzz/repro"
    [[ "$runtime" == *fcrt* || "$runtime" == *"C runtime"* ]] && tool="$opt_bin/adapters/c/repro_c"
    a="$("$tool" --spec="${spec:-2026-08}" --from-scenario="$finding/scenario.txt" 2>&1 || true)"
    b="$("$tool" --spec="${spec:-2026-08}" --from-scenario="$finding/scenario.txt" 2>&1 || true)"
    [ "$a" = "$b" ] || { replay_failed=$((replay_failed + 1)); echo "tools/soak.sh: $finding replays differently" >&2; }
  done
fi

echo
echo "futurecheck soak: $minutes minutes ($(date -u +%Y-%m-%d)), $cores cores"
for line in "${summary[@]}"; do echo "  $line"; done
if [ "$found" -eq 0 ]; then
  echo "  findings: none (out/soak/findings)"
  exit 0
fi
echo "  findings: $found in out/soak/findings, $replay_failed not replaying the same:"
ls "$FUTURECHECK_FINDINGS_DIR" | sed 's/^/    /'
exit 1
