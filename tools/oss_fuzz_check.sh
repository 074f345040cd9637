#!/usr/bin/env bash
# Emulates OSS-Fuzz / ClusterFuzzLite builds on this machine (Docker and the
# network are not available): for every fuzzing engine fuzz/oss-fuzz/
# project.yaml lists, and for the coverage build OSS-Fuzz makes for its
# reports, runs fuzz/oss-fuzz/build.sh with the environment OSS-Fuzz sets for
# it, checks what it put in $OUT, and runs each target:
#   libfuzzer  clang-19, ASan, -fsanitize=fuzzer: each target for SECONDS on
#              its seed corpus with its dictionary
#   afl        AFL++ (Debian's afl-clang-fast, its libAFLDriver.a), ASan:
#              afl-fuzz on each target for SECONDS; no crash may be saved
#   coverage   clang-19 -fprofile-instr-generate -fcoverage-mapping: each
#              target over its seed corpus once; the profiles must merge and
#              cover the runtime
# Every *_2026_09 target must say it runs under that revision. Fails on any
# crash, missing file or engine listed in project.yaml that is not checked.
# First it checks ClusterFuzzLite's workflow files
# (tools/check_cflite_workflows.py). honggfuzz is not listed: Debian has no
# package of it, so it could not be checked here.
#
# The one difference from the real builds: with no Abseil source checkout
# (ABSL_SRC, default $SRC/abseil-cpp) this links Debian's libabsl (libstdc++,
# not instrumented) instead of the source build the Dockerfile provides.
#
#   tools/oss_fuzz_check.sh [SECONDS_PER_TARGET] [--engines=libfuzzer,afl,coverage]
#     SECONDS_PER_TARGET  default 5
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=5
engines=""
for arg in "$@"; do
  case "$arg" in
    --engines=*) engines="${arg#*=}" ;;
    *[!0-9]* | "") echo "usage: tools/oss_fuzz_check.sh [SECONDS] [--engines=libfuzzer,afl,coverage]" >&2; exit 2 ;;
    *) seconds="$arg" ;;
  esac
done
tools/install_deps.sh

# The engines project.yaml lists, and the coverage build.
listed=$(sed -n '/^fuzzing_engines:/,/^[a-z]/s/^ *- *//p' fuzz/oss-fuzz/project.yaml)
if [ -z "$engines" ]; then engines="$(echo $listed | tr ' ' ','),coverage"; fi
for engine in $listed; do
  case "$engine" in
    libfuzzer | afl) ;;
    *) echo "oss_fuzz_check: project.yaml lists $engine, which this check cannot build here" >&2; exit 1 ;;
  esac
done

# ClusterFuzzLite's workflow files: valid YAML in the documented shape.
python3 tools/check_cflite_workflows.py

tmp="$(mktemp -d /tmp/oss-fuzz-check.XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
export FUTURECHECK_SRC="$PWD"
if [ -d "${ABSL_SRC:-/nonexistent}/absl" ]; then
  echo "oss_fuzz_check: building Abseil from $ABSL_SRC, as OSS-Fuzz does"
else
  echo "oss_fuzz_check: no Abseil source checkout; linking Debian's libabsl instead"
  export FUTURECHECK_ABSL_INCLUDE=/usr/include
  export FUTURECHECK_ABSL_LIBDIR=/usr/lib/x86_64-linux-gnu
fi
targets=(future_scenario_fuzzer stream_scenario_fuzzer task_scenario_fuzzer return_code_fuzzer
         future_scenario_fuzzer_2026_09 stream_scenario_fuzzer_2026_09 task_scenario_fuzzer_2026_09)
status=0
fail() { echo "oss_fuzz_check: $*" >&2; status=1; }

# build ENGINE: build.sh into $tmp/ENGINE/out with that engine's variables.
build() {
  local engine="$1" asan="-fsanitize=address -fsanitize-address-use-after-scope"
  export SRC="$tmp/$engine/src" WORK="$tmp/$engine/work" OUT="$tmp/$engine/out"
  mkdir -p "$SRC" "$WORK" "$OUT"
  case "$engine" in
    libfuzzer)
      export CC=clang-19 CXX=clang++-19 CFLAGS="$asan -fsanitize=fuzzer-no-link -g -O1"
      export LIB_FUZZING_ENGINE="-fsanitize=fuzzer" ;;
    afl)
      export CC=afl-clang-fast CXX=afl-clang-fast++ AFL_QUIET=1
      export CFLAGS="$asan -O1 -fno-omit-frame-pointer -gline-tables-only"
      export LIB_FUZZING_ENGINE=/usr/lib/afl/libAFLDriver.a ;;
    coverage)
      export CC=clang-19 CXX=clang++-19 CFLAGS="-fprofile-instr-generate -fcoverage-mapping -O0"
      export LIB_FUZZING_ENGINE="-fsanitize=fuzzer" ;;
  esac
  export CXXFLAGS="$CFLAGS"
  local start
  start=$(date +%s)
  echo "oss_fuzz_check: [$engine] build.sh"
  bash fuzz/oss-fuzz/build.sh >"$tmp/$engine/build.log" 2>&1 || {
    tail -30 "$tmp/$engine/build.log" >&2
    fail "[$engine] build.sh failed"
    return 1
  }
  echo "oss_fuzz_check: [$engine] build.sh took $(( $(date +%s) - start )) s"
  for target in "${targets[@]}"; do
    for file in "$target" "${target}_seed_corpus.zip" "$target.dict" "$target.options"; do
      [ -s "$OUT/$file" ] || fail "[$engine] missing \$OUT/$file"
    done
    [ -x "$OUT/$target" ] || fail "[$engine] \$OUT/$target is not executable"
  done
}

# seeds TARGET: its seed corpus, unpacked; prints the folder.
seeds() {
  local dir="$tmp/$engine/seeds-$1"
  mkdir -p "$dir"
  unzip -q -o "$OUT/${1}_seed_corpus.zip" -d "$dir"
  echo "$dir"
}

# A *_2026_09 target must report that revision when it starts.
check_revision() {
  local target="$1" log="$2"
  if [[ "$target" == *_2026_09 ]] && ! grep -q "spec revision 2026-09" "$log"; then
    fail "[$engine] $target does not run under spec revision 2026-09"
  fi
}

for engine in ${engines//,/ }; do
  case "$engine" in libfuzzer | afl | coverage) ;; *) fail "unknown engine $engine"; continue ;; esac
  build "$engine" || continue
  for target in "${targets[@]}"; do
    [ -x "$OUT/$target" ] || continue
    corpus="$(seeds "$target")"
    log="$tmp/$engine/$target.log"
    case "$engine" in
      libfuzzer)
        echo "oss_fuzz_check: [libfuzzer] $target for ${seconds}s on $(ls "$corpus" | wc -l) seeds"
        if (cd "$tmp" && "$OUT/$target" -max_total_time="$seconds" -dict="$OUT/$target.dict" \
              -max_len=512 -artifact_prefix="$tmp/" "$corpus" >"$log" 2>&1); then
          grep -E 'DONE +cov' "$log" || tail -3 "$log"
        else
          tail -40 "$log" >&2
          fail "[libfuzzer] $target crashed"
        fi
        check_revision "$target" "$log" ;;
      afl)
        echo "oss_fuzz_check: [afl] $target for ${seconds}s on $(ls "$corpus" | wc -l) seeds"
        findings="$tmp/afl/findings-$target"
        if AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_FAST_CAL=1 \
            AFL_NO_AFFINITY=1 afl-fuzz -i "$corpus" -o "$findings" -V "$seconds" \
            -x "$OUT/$target.dict" -- "$OUT/$target" >"$log" 2>&1; then
          stats="$findings/default/fuzzer_stats"
          printf '  execs %s, %s exec/s, %s crashes\n' \
            "$(sed -n 's/^execs_done *: //p' "$stats")" "$(sed -n 's/^execs_per_sec *: //p' "$stats")" \
            "$(sed -n 's/^saved_crashes *: //p' "$stats")"
          crashes=$(find "$findings/default/crashes" -type f -name 'id:*' | wc -l)
          [ "$crashes" -eq 0 ] || fail "[afl] $target saved $crashes crash(es) in $findings"
        else
          tail -20 "$log" >&2
          fail "[afl] afl-fuzz failed on $target"
        fi
        # The AFL driver runs a file given as an argument once.
        "$OUT/$target" "$(find "$corpus" -type f | head -1)" >"$log.once" 2>&1 ||
          fail "[afl] $target failed on a seed"
        check_revision "$target" "$log.once" ;;
      coverage)
        echo "oss_fuzz_check: [coverage] $target over its $(ls "$corpus" | wc -l) seeds"
        if LLVM_PROFILE_FILE="$tmp/coverage/$target.profraw" "$OUT/$target" -runs=0 "$corpus" \
            >"$log" 2>&1; then
          [ -s "$tmp/coverage/$target.profraw" ] || fail "[coverage] $target wrote no profile"
        else
          tail -20 "$log" >&2
          fail "[coverage] $target failed"
        fi
        check_revision "$target" "$log" ;;
    esac
  done
  if [ "$engine" = coverage ]; then
    profiles=("$tmp"/coverage/*.profraw)
    if [ -e "${profiles[0]}" ] && llvm-profdata-19 merge -sparse "${profiles[@]}" \
        -o "$tmp/coverage/merged.profdata"; then
      lines=$(llvm-cov-19 report -instr-profile="$tmp/coverage/merged.profdata" \
        "$OUT/future_scenario_fuzzer" -object "$OUT/stream_scenario_fuzzer" \
        -object "$OUT/task_scenario_fuzzer" 2>/dev/null |
        awk '$1 ~ /^runtime\// { n += $8; miss += $9 } END { if (n) printf "%.1f", 100 * (n - miss) / n }')
      if [ -n "$lines" ]; then
        echo "  the seeds cover ${lines}% of runtime/'s lines (the report OSS-Fuzz would draw)"
      else
        fail "[coverage] the profiles cover no runtime/ file"
      fi
    else
      fail "[coverage] the profiles do not merge"
    fi
  fi
done
[ "$status" -eq 0 ] && echo "oss_fuzz_check: OK (engines: $engines)" || echo "oss_fuzz_check: FAILED" >&2
exit "$status"
