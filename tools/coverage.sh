#!/usr/bin/env bash
# Source coverage of the runtimes under test, as a picture and as figures:
# builds with clang's source-based coverage (--config=srccov: the runtimes
# and the adapters that instantiate them, nothing else), runs the catalogue,
# the property suites (both revisions), the regression scenarios and every
# fuzz corpus on the C++ runtime (runtime/) and on the C runtime
# (c_runtime/), merges the profiles and
#   - writes an HTML report to out/coverage/html/index.html,
#   - prints per-file line and branch coverage of runtime/ and c_runtime/,
#     and one `COVERAGE <runtime> lines|branches <percent>` line per total.
#
#   tools/coverage.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 0 ] || { echo "usage: tools/coverage.sh (no arguments)" >&2; exit 2; }
tools/install_deps.sh

out="$PWD/out/coverage"
rm -rf "$out"
mkdir -p "$out/raw"
quiet=(--ui_event_filters=-info,-stdout --noshow_progress)
cpp_tests=(//props:scenario_test //props:property_test //props:property_test_2026_09
           //props:regression_test //props:lost_wakeup_test //fuzz:corpus_test
           //adapters/cpp:lying_host_test)
c_tests=(//adapters/c:c_catalogue_test //adapters/c:c_property_test
         //adapters/c:c_property_test_2026_09 //adapters/c:c_regression_test
         //adapters/c:c_corpus_test)

echo "==> building and running the tests with source coverage" >&2
# Every run writes its own profile (%p: pid, %m: binary), outside the sandbox.
bazel test "${quiet[@]}" --config=srccov --nocache_test_results \
  --test_env=LLVM_PROFILE_FILE="$out/raw/%m-%p.profraw" \
  "${cpp_tests[@]}" "${c_tests[@]}" >&2
bin="$(bazel info --config=srccov bazel-bin 2>/dev/null)"

profiles=("$out"/raw/*.profraw)
[ -e "${profiles[0]}" ] || { echo "tools/coverage.sh: no profile was written" >&2; exit 1; }
llvm-profdata-19 merge -sparse "${profiles[@]}" -o "$out/merged.profdata"

# llvm-cov takes the first binary as is, the others after -object.
objects=()
for t in "${cpp_tests[@]}" "${c_tests[@]}"; do
  [ ${#objects[@]} -eq 0 ] || objects+=(-object)
  objects+=("$bin/$(echo "${t#//}" | tr ':' '/')")
done
# The runtimes' own sources: the C++ runtime's headers and files, the C
# runtime's. (Adapters and the harness are not what is measured.)
mapfile -t runtime_sources < <(git ls-files 'runtime/*.h' 'runtime/*.cc' 'c_runtime/*.c' \
  'c_runtime/*.h' | grep -v '_test\.')
# Bazel compiles in /proc/self/cwd (its execroot); the sources are here.
paths=(-path-equivalence=/proc/self/cwd,"$PWD")
llvm-cov-19 show -format=html -output-dir="$out/html" -show-branches=count "${paths[@]}" \
  -instr-profile="$out/merged.profdata" "${objects[@]}" "${runtime_sources[@]/#/$PWD/}" >/dev/null
llvm-cov-19 report -show-branch-summary -instr-profile="$out/merged.profdata" "${objects[@]}" \
  "${runtime_sources[@]}" >"$out/report.txt"

# Per file: lines and branches covered; then the totals per runtime.
echo "file                                   lines            branches"
awk -v totals="$out/totals.txt" 'NR > 2 && $1 ~ /^(runtime|c_runtime)\// {
       printf "%-38s %5d/%-5d %5.1f%%  %4d/%-4d %5.1f%%\n", $1,
              $8 - $9, $8, ($8 ? 100 * ($8 - $9) / $8 : 100),
              $11 - $12, $11, ($11 ? 100 * ($11 - $12) / $11 : 100)
       split($1, parts, "/"); r = parts[1]
       lines[r] += $8; lmiss[r] += $9; br[r] += $11; bmiss[r] += $12 }
     END { for (r in lines) {
             printf "COVERAGE %s lines %.1f\n", r, 100 * (lines[r] - lmiss[r]) / lines[r] > totals
             printf "COVERAGE %s branches %.1f\n", r, (br[r] ? 100 * (br[r] - bmiss[r]) / br[r] : 100) > totals } }' \
  "$out/report.txt"
sort "$out/totals.txt"
echo "HTML report: out/coverage/html/index.html (llvm-cov's own table: out/coverage/report.txt)"
