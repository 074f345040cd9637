#!/usr/bin/env bash
# Emulates an OSS-Fuzz / ClusterFuzzLite build on this machine (Docker and
# the network are not available): runs fuzz/oss-fuzz/build.sh with the
# environment variables OSS-Fuzz sets, checks what it put in $OUT, and runs
# each target for a few seconds on its seed corpus. Fails on any crash.
#
# The one difference from the real build: with no Abseil source checkout
# (ABSL_SRC, default $SRC/abseil-cpp) this links Debian's libabsl (libstdc++,
# not instrumented) instead of the source build the Dockerfile provides.
#
#   tools/oss_fuzz_check.sh [SECONDS_PER_TARGET]   # default 5
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install_deps.sh
seconds="${1:-5}"

tmp="$(mktemp -d /tmp/oss-fuzz-check.XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
export CC=clang-19 CXX=clang++-19
export CFLAGS="-fsanitize=address,fuzzer-no-link -g -O1"
export CXXFLAGS="$CFLAGS"
export LIB_FUZZING_ENGINE="-fsanitize=fuzzer"
export SRC="$tmp/src" WORK="$tmp/work" OUT="$tmp/out"
mkdir -p "$SRC" "$WORK" "$OUT"
export FUTURECHECK_SRC="$PWD"
if [ -d "${ABSL_SRC:-/nonexistent}/absl" ]; then
  echo "oss_fuzz_check: building Abseil from $ABSL_SRC, as OSS-Fuzz does"
else
  echo "oss_fuzz_check: no Abseil source checkout; linking Debian's libabsl instead"
  export FUTURECHECK_ABSL_INCLUDE=/usr/include
  export FUTURECHECK_ABSL_LIBDIR=/usr/lib/x86_64-linux-gnu
fi

start=$(date +%s)
bash fuzz/oss-fuzz/build.sh
echo "oss_fuzz_check: build.sh took $(( $(date +%s) - start )) s"

status=0
for target in future_scenario_fuzzer stream_scenario_fuzzer task_scenario_fuzzer return_code_fuzzer \
    future_scenario_fuzzer_2026_09 stream_scenario_fuzzer_2026_09 task_scenario_fuzzer_2026_09; do
  for file in "$target" "${target}_seed_corpus.zip" "$target.dict" "$target.options"; do
    if [ ! -s "$OUT/$file" ]; then
      echo "oss_fuzz_check: missing \$OUT/$file" >&2
      status=1
    fi
  done
  [ -x "$OUT/$target" ] || { echo "oss_fuzz_check: \$OUT/$target is not executable" >&2; status=1; continue; }
  corpus="$tmp/corpus-$target"
  mkdir -p "$corpus"
  unzip -q "$OUT/${target}_seed_corpus.zip" -d "$corpus"
  echo "oss_fuzz_check: running $target for ${seconds}s on $(ls "$corpus" | wc -l) seeds"
  if ! (cd "$tmp" && "$OUT/$target" -max_total_time="$seconds" -dict="$OUT/$target.dict" \
          -max_len=512 -artifact_prefix="$tmp/" "$corpus" >"$tmp/$target.log" 2>&1); then
    echo "oss_fuzz_check: $target crashed:" >&2
    tail -40 "$tmp/$target.log" >&2
    status=1
  else
    grep -E 'DONE +cov' "$tmp/$target.log" || tail -3 "$tmp/$target.log"
  fi
  # A *_2026_09 target must say it runs under 2026-09 (fuzz/fuzzer_spec.h).
  if [[ "$target" == *_2026_09 ]] && ! grep -q "spec revision 2026-09" "$tmp/$target.log"; then
    echo "oss_fuzz_check: $target does not run under spec revision 2026-09" >&2
    status=1
  fi
done
[ "$status" -eq 0 ] && echo "oss_fuzz_check: OK" || echo "oss_fuzz_check: FAILED" >&2
exit "$status"
