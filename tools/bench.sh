#!/usr/bin/env bash
# Every speed figure of the drivers in one run, each next to its ceiling:
#   - each scenario fuzz target (C++ runtime), plain libFuzzer and ASan +
#     UBSan, from a copy of its seed corpus, next to //fuzz:ceiling_fuzzer
#     built with the same flags (what libFuzzer itself costs);
#   - the property suite with one channel and with up to four, next to a
#     trivial RapidCheck stateful property (//props:property_benchmark);
#   - the explorer's complete searches (every reachable state) of all-kinds,
#     one-stream and tasks, and stream-tasks (millions of states) to a depth
#     bound, on one thread and on every core (--jobs).
# One line per figure, `BENCH <name> <value> <unit>`, and for each figure
# with a ceiling `BENCH <name>/ceiling <ratio> x`. Figures only: nothing
# here passes or fails on speed. This machine is noisy; compare ratios.
#
#   tools/bench.sh [--fuzz-seconds=N] [--cases=N] [--depth=N|all] [--stream-task-depth=N|all]
#                  [--only=fuzz|props|explore]
#     --fuzz-seconds       libFuzzer run per target and config (default 10)
#     --cases              property cases per figure (default 2000)
#     --depth              explorer depth bound (default all: complete searches)
#     --stream-task-depth  stream-tasks' depth bound (default 7; all: its
#                          complete search, about 9 minutes on 2 cores and
#                          twice that on one)
#     --only               one group of figures
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
}
fuzz_seconds=10
cases=2000
depth=all
stream_task_depth=7
only=""
for arg in "$@"; do
  case "$arg" in
    --fuzz-seconds=*) fuzz_seconds="${arg#*=}" ;;
    --cases=*) cases="${arg#*=}" ;;
    --depth=*) depth="${arg#*=}" ;;
    --stream-task-depth=*) stream_task_depth="${arg#*=}" ;;
    --only=fuzz|--only=props|--only=explore) only="${arg#*=}" ;;
    -h|--help) usage ;;
    *) echo "tools/bench.sh: unknown argument '$arg'" >&2; usage ;;
  esac
done
for n in "$fuzz_seconds" "$cases"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "tools/bench.sh: '$n' is not a positive number" >&2; usage; }
done
for n in "$depth" "$stream_task_depth"; do
  [[ "$n" =~ ^([1-9][0-9]*|all)$ ]] ||
    { echo "tools/bench.sh: '$n' is not a depth (N or all)" >&2; usage; }
done

tools/install_deps.sh
quiet=(--ui_event_filters=-info,-stdout --noshow_progress)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

bench() { printf 'BENCH %s %s %s\n' "$1" "$2" "$3"; }
ratio() { printf 'BENCH %s/ceiling %s x\n' "$1" "$(awk -v a="$2" -v b="$3" 'BEGIN { printf "%.4g", (b > 0 ? a / b : 0) }')"; }

# libFuzzer's exec/s over `fuzz_seconds` from a fresh copy of the seeds.
fuzz_rate() {
  local binary="$1" seeds="$2" dir="$work/corpus-$RANDOM"
  mkdir -p "$dir"
  if [ -n "$seeds" ]; then cp "$seeds"/* "$dir"/; fi
  "$binary" -max_total_time="$fuzz_seconds" -seed=1 -print_final_stats=1 "$dir" 2>"$work/log" >/dev/null || {
    echo "tools/bench.sh: $binary failed; its log:" >&2
    tail -20 "$work/log" >&2
    exit 1
  }
  # stat::number_of_executed_units / the time it ran.
  local units
  units="$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log")"
  awk -v u="$units" -v s="$fuzz_seconds" 'BEGIN { printf "%.0f", u / s }'
}

if [ -z "$only" ] || [ "$only" = fuzz ]; then
  targets=(future_scenario_fuzzer stream_scenario_fuzzer task_scenario_fuzzer)
  for config in fuzz-plain fuzz; do
    echo "==> building the fuzz targets (--config=$config)" >&2
    bazel build "${quiet[@]}" --config="$config" "${targets[@]/#/\/\/fuzz:}" //fuzz:ceiling_fuzzer >&2
    bin="$(bazel info --config="$config" bazel-bin 2>/dev/null)"
    label=$([ "$config" = fuzz ] && echo asan_ubsan || echo plain)
    ceiling="$(fuzz_rate "$bin/fuzz/ceiling_fuzzer" "")"
    bench "fuzz_ceiling_$label" "$ceiling" exec/s
    for target in "${targets[@]}"; do
      rate="$(fuzz_rate "$bin/fuzz/$target" "fuzz/corpus/$target")"
      bench "fuzz_${target}_$label" "$rate" exec/s
      ratio "fuzz_${target}_$label" "$rate" "$ceiling"
    done
  done
fi

if [ -z "$only" ] || [ "$only" = props ]; then
  echo "==> property suite, $cases cases per figure" >&2
  bazel build "${quiet[@]}" -c opt //props:property_benchmark >&2
  opt_bin="$(bazel info -c opt bazel-bin 2>/dev/null)"
  env -u RC_PARAMS "$opt_bin/props/property_benchmark" "$cases" 2>/dev/null >"$work/props"
  cat "$work/props"
  ceiling="$(awk '$2 == "rapidcheck_trivial_stateful_cases" { print $3 }' "$work/props")"
  for name in property_max_channels_1_cases property_max_channels_4_cases; do
    ratio "$name" "$(awk -v n="$name" '$2 == n { print $3 }' "$work/props")" "$ceiling"
  done
fi

if [ -z "$only" ] || [ "$only" = explore ]; then
  echo "==> explorer: depth $depth (stream-tasks: $stream_task_depth)" >&2
  bazel build "${quiet[@]}" -c opt //explore:futurecheck_explore >&2
  opt_bin="$(bazel info -c opt bazel-bin 2>/dev/null)"
  cores="$(nproc)"
  for template in all-kinds one-stream tasks stream-tasks; do
    d="$depth"
    [ "$template" = stream-tasks ] && d="$stream_task_depth"
    # One thread, then every core (the same states, --jobs).
    for jobs in 1 "$cores"; do
      "$opt_bin/explore/futurecheck_explore" --template="$template" --depth="$d" --quiet \
        --no-coverage --summary --jobs="$jobs" 2>/dev/null >"$work/explore" || {
        echo "tools/bench.sh: the $template search failed:" >&2
        cat "$work/explore" >&2
        exit 1
      }
      # SUMMARY pass - -1 states transitions runs seconds
      read -r _ _ _ _ states transitions _ seconds < <(grep '^SUMMARY' "$work/explore")
      name="explore_${template//-/_}_depth_$d"
      if grep -q '^template .*: complete: all' "$work/explore"; then
        name="explore_${template//-/_}_complete"
      elif [ "$d" = all ]; then
        echo "tools/bench.sh: the $template search did not close" >&2
      fi
      rate="$(awk -v n="$states" -v s="$seconds" 'BEGIN { printf "%.0f", n / s }')"
      if [ "$jobs" = 1 ]; then
        bench "${name}_states" "$states" states
        bench "${name}_transitions" "$transitions" transitions
        bench "${name}_seconds" "$seconds" s
        bench "${name}_rate" "$rate" states/s
      else
        bench "${name}_jobs_${jobs}_seconds" "$seconds" s
        bench "${name}_jobs_${jobs}_rate" "$rate" states/s
      fi
    done
  done
fi
