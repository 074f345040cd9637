#!/bin/bash -eu
# OSS-Fuzz / ClusterFuzzLite build of futurecheck's fuzz targets.
#
# Compiles the project sources directly with $CXX (no Bazel inside the
# image) and links every target with $LIB_FUZZING_ENGINE into $OUT, with its
# seed corpus (<target>_seed_corpus.zip), dictionary and .options file.
#
# Abseil: OSS-Fuzz compiles with its own clang and libc++, so a distro's
# libabsl (a libstdc++ build) cannot be linked. The Dockerfile clones
# abseil-cpp at a pinned tag into $SRC/abseil-cpp; it is built here with the
# same compiler and flags. tools/oss_fuzz_check.sh, which emulates this
# environment on a Debian machine without network, sets
# FUTURECHECK_ABSL_INCLUDE / FUTURECHECK_ABSL_LIBDIR to Debian's libabsl
# instead (the only difference from the real build).

set -euo pipefail  # also when run as `bash build.sh`

PROJECT="${FUTURECHECK_SRC:-$SRC/futurecheck}"
ABSL_SRC="${ABSL_SRC:-$SRC/abseil-cpp}"
TARGETS=(future_scenario_fuzzer stream_scenario_fuzzer task_scenario_fuzzer return_code_fuzzer)

cd "$PROJECT"
build="$WORK/futurecheck-build"
mkdir -p "$build/obj" "$OUT"

# --- Abseil -----------------------------------------------------------------
if [ -n "${FUTURECHECK_ABSL_LIBDIR:-}" ]; then
  absl_include="${FUTURECHECK_ABSL_INCLUDE:-/usr/include}"
  absl_libdir="$FUTURECHECK_ABSL_LIBDIR"
  echo "build.sh: using a prebuilt Abseil from $absl_libdir (local emulation)"
else
  if [ ! -d "$ABSL_SRC/absl" ]; then
    echo "build.sh: no Abseil source at $ABSL_SRC (see fuzz/oss-fuzz/Dockerfile)" >&2
    exit 1
  fi
  absl_prefix="$WORK/absl-install"
  cmake -S "$ABSL_SRC" -B "$WORK/absl-build" \
    -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER="$CC" -DCMAKE_CXX_COMPILER="$CXX" \
    -DCMAKE_C_FLAGS="$CFLAGS" -DCMAKE_CXX_FLAGS="$CXXFLAGS" \
    -DCMAKE_CXX_STANDARD=20 -DABSL_PROPAGATE_CXX_STD=ON \
    -DABSL_BUILD_TESTING=OFF -DBUILD_TESTING=OFF \
    -DCMAKE_INSTALL_PREFIX="$absl_prefix" -DCMAKE_INSTALL_LIBDIR=lib
  cmake --build "$WORK/absl-build" -j"$(nproc)"
  cmake --install "$WORK/absl-build"
  absl_include="$absl_prefix/include"
  absl_libdir="$absl_prefix/lib"
fi
absl_libs=("$absl_libdir"/libabsl_*.a)
if [ ! -e "${absl_libs[0]}" ]; then
  echo "build.sh: no libabsl_*.a in $absl_libdir" >&2
  exit 1
fi

# --- futurecheck ------------------------------------------------------------
# Everything but tests, mains and the fuzz entry points goes into one archive:
# the harness, and futurecheck's runtime behind its adapter (adapters/cpp).
# The directories are searched with their subfolders (model/host/), so a new
# source file, or a new folder of them, cannot be left out.
sources=()
while IFS= read -r f; do
  case "$f" in *_test.cc|*_main.cc) ;; *) sources+=("$f") ;; esac
done < <(find runtime model sut adapters/cpp scenario -name '*.cc' | LC_ALL=C sort)
sources+=(fuzz/byte_choices.cc fuzz/failure_report.cc fuzz/fuzzer_spec.cc fuzz/minimize.cc
          fuzz/return_code_check.cc)

# Coverage feedback only where it guides the search: the sources that the
# fuzz-coverage line of .bazelrc names (the runtime, the spec model's state
# machines); the rest of the harness is built without it. One list for both
# builds, read from there.
guided=$(sed -n 's/^build:fuzz-coverage --per_file_copt=\(.*\)@-fsanitize=fuzzer-no-link$/\1/p' \
  .bazelrc | tr ',' '|')
if [ -z "$guided" ]; then
  echo "build.sh: no build:fuzz-coverage --per_file_copt line in .bazelrc" >&2
  exit 1
fi
unguided_flags=(-fno-sanitize=fuzzer-no-link -fsanitize-coverage=0)

cxx_project=(-std=c++20 -I. -Wall -Wextra)
# -isystem on /usr/include would break libstdc++'s #include_next.
if [ "$absl_include" != /usr/include ]; then cxx_project+=(-isystem "$absl_include"); fi
objects=()
# Compiled in parallel, one job per core; a failed compile leaves a mark.
compile() {
  local src="$1" obj="$2" flags=()
  [[ "$src" =~ $guided ]] || flags=("${unguided_flags[@]}")
  $CXX $CXXFLAGS "${flags[@]}" "${cxx_project[@]}" -c "$src" -o "$obj" ||
    echo "$src" >>"$build/failed"
}
rm -f "$build/failed"
guided_count=0
for src in "${sources[@]}"; do
  obj="$build/obj/${src//\//_}.o"
  [[ "$src" =~ $guided ]] && guided_count=$((guided_count + 1))
  compile "$src" "$obj" &
  objects+=("$obj")
  while [ "$(jobs -rp | wc -l)" -ge "$(nproc)" ]; do wait -n || true; done
done
wait
if [ -s "$build/failed" ]; then
  echo "build.sh: these failed to compile: $(tr '\n' ' ' <"$build/failed")" >&2
  exit 1
fi
echo "build.sh: coverage feedback on $guided_count of ${#sources[@]} sources"
if [ "$guided_count" -eq 0 ]; then
  echo "build.sh: the fuzz-coverage pattern matched no source" >&2
  exit 1
fi
rm -f "$build/libfuturecheck.a"
ar rcs "$build/libfuturecheck.a" "${objects[@]}"

for target in "${TARGETS[@]}"; do
  $CXX $CXXFLAGS "${cxx_project[@]}" "fuzz/$target.cc" -o "$OUT/$target" \
    $LIB_FUZZING_ENGINE "$build/libfuturecheck.a" \
    -Wl,--start-group "${absl_libs[@]}" -Wl,--end-group -lpthread
  rm -f "$OUT/${target}_seed_corpus.zip"
  (cd "fuzz/corpus/$target" && zip -q -r "$OUT/${target}_seed_corpus.zip" .)
  cp "fuzz/$target.dict" "$OUT/$target.dict"
  cp "fuzz/$target.options" "$OUT/$target.options"
done

# The scenario targets once more, built for spec revision 2026-09 (README
# "Spec revisions"): a fuzzing service runs a binary without our flags, so the
# revision is compiled in (fuzz/fuzzer_spec.h); same seeds, dictionary, options.
revised=()
for target in "${TARGETS[@]}"; do
  [ "$target" = return_code_fuzzer ] && continue
  name="${target}_2026_09"
  $CXX $CXXFLAGS "${cxx_project[@]}" -DFUTURECHECK_FUZZER_SPEC='"2026-09"' "fuzz/$target.cc" \
    -o "$OUT/$name" $LIB_FUZZING_ENGINE "$build/libfuturecheck.a" \
    -Wl,--start-group "${absl_libs[@]}" -Wl,--end-group -lpthread
  cp "$OUT/${target}_seed_corpus.zip" "$OUT/${name}_seed_corpus.zip"
  cp "fuzz/$target.dict" "$OUT/$name.dict"
  cp "fuzz/$target.options" "$OUT/$name.options"
  revised+=("$name")
done
echo "build.sh: built ${TARGETS[*]} ${revised[*]} into $OUT"
