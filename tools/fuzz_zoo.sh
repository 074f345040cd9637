#!/usr/bin/env bash
# The bug zoo under the fuzzer: builds, for every seeded bug of the zoo
# table (zoo/bugs.bzl), the fuzz target the table names for it
# (//fuzz:<target>_<bug>) and //fuzz:repro_<bug> with
# --config=fuzz, runs each fuzzer for up to N seconds from an EMPTY corpus
# (the catalogue seeds catch every bug by construction, so they would prove
# nothing about the search), and prints: bug, time-to-find, execs, the
# invariant that fired, and whether the crash file replays through the
# bug's reproducer to the same output twice in a row, byte for byte.
#
#   tools/fuzz_zoo.sh [-t SECONDS] [-o DIR] [BUG...]
#     -t  time limit per bug (default 60)
#     -o  where crash files and logs go (default /tmp/fuzz-zoo); each bug's
#         crash file is DIR/<bug>.crash
# Exit status 0 when every bug was found and replayed; 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install_deps.sh
seconds=60
outdir=/tmp/fuzz-zoo
while getopts "t:o:" opt; do
  case "$opt" in
    t) seconds="$OPTARG" ;;
    o) outdir="$OPTARG" ;;
    *) echo "usage: tools/fuzz_zoo.sh [-t SECONDS] [-o DIR] [BUG...]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))

source tools/zoo_table.sh
zoo_load_table
bugs=("$@")
if [ ${#bugs[@]} -eq 0 ]; then bugs=("${ZOO_BUGS[@]}"); fi
for bug in "${bugs[@]}"; do
  if [ -z "${ZOO_FUZZ[$bug]:-}" ]; then
    echo "fuzz_zoo: no bug named '$bug' in zoo/bugs.bzl" >&2
    exit 2
  fi
done
mkdir -p "$outdir"
outdir="$(cd "$outdir" && pwd)"
root="$PWD"

targets=()
for bug in "${bugs[@]}"; do
  targets+=("//fuzz:${ZOO_FUZZ[$bug]}_$bug" "//fuzz:repro_$bug")
done
echo "fuzz_zoo: building ${#targets[@]} targets with --config=fuzz" >&2
bazel build --config=fuzz "${targets[@]}" >&2
declare -A binary
while read -r file; do
  binary["$(basename "$file")"]="$root/$file"
done < <(bazel cquery --config=fuzz --output=starlark \
           --starlark:expr="'\\n'.join([f.path for f in target.files.to_list()])" \
           "set(${targets[*]})" 2>/dev/null)

found=0
printf '%-28s %10s %10s  %-22s %s\n' bug time-to-find execs invariant replay
for bug in "${bugs[@]}"; do
  work="$outdir/$bug"
  rm -rf "$work"
  mkdir -p "$work/corpus"
  # The reproducer decodes in the fuzzer's mode whatever byte 0 became.
  target="${ZOO_FUZZ[$bug]}"
  repro_flags=("${ZOO_REPRO_FLAG[$bug]}")
  fuzzer="${binary[${target}_$bug]:-}"
  repro="${binary[repro_$bug]:-}"
  if [ -z "$fuzzer" ] || [ -z "$repro" ]; then
    echo "fuzz_zoo: no binary for ${target}_$bug or repro_$bug (bazel cquery found none)" >&2
    exit 2
  fi
  start=$(date +%s.%N)
  set +e
  (cd "$work" && "$fuzzer" -max_total_time="$seconds" -print_final_stats=1 \
     -dict="$root/fuzz/$target.dict" -max_len=512 -seed=1 \
     -artifact_prefix="$work/" corpus >"$work/fuzz.log" 2>&1)
  set -e
  elapsed=$(echo "$(date +%s.%N) - $start" | bc)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/fuzz.log" | tail -1)
  crash=$(ls "$work"/crash-* 2>/dev/null | head -1 || true)
  if [ -z "$crash" ]; then
    printf '%-28s %10s %10s  %-22s %s\n' "$bug" "not found" "${execs:-?}" - -
    continue
  fi
  cp "$crash" "$outdir/$bug.crash"
  invariant=$(sed -n 's/^futurecheck: invariant: //p' "$work/fuzz.log" | head -1)
  # Replay twice through the bug's reproducer: same output, byte for byte,
  # and the same invariant.
  set +e
  "$repro" "${repro_flags[@]}" "$outdir/$bug.crash" >"$work/replay1.txt" 2>/dev/null; code1=$?
  "$repro" "${repro_flags[@]}" "$outdir/$bug.crash" >"$work/replay2.txt" 2>/dev/null; code2=$?
  set -e
  replay="ok"
  if [ "$code1" -ne 1 ] || [ "$code2" -ne 1 ]; then
    replay="exit $code1/$code2"
  elif ! cmp -s "$work/replay1.txt" "$work/replay2.txt"; then
    replay="DIFFERS"
  elif ! grep -q "^violated invariant: $invariant\$" "$work/replay1.txt"; then
    replay="other invariant"
  fi
  [ "$replay" = ok ] && found=$((found + 1))
  printf '%-28s %9.1fs %10s  %-22s %s\n' "$bug" "$elapsed" "${execs:-?}" "${invariant:-?}" "$replay"
done
echo "fuzz_zoo: $found of ${#bugs[@]} bugs found and replayed (crash files in $outdir)"
[ "$found" -eq "${#bugs[@]}" ]
