#!/usr/bin/env bash
# Runs the explorer against every seeded bug of the zoo (zoo/bugs.bzl) and
# prints: bug, invariant found (expected), shortest
# counterexample length in actions, states explored, seconds.
#
#   tools/explore_zoo.sh [--depth=N] [--template=NAME] [--time-limit=SECONDS] [bazel flags...]
# Each bug is searched with its own template from the table unless
# --template names one for all.
# Exit status 1 if any bug is not found. The shortest counterexample may
# break another invariant first than the one the catalogue expects (column
# "same"): that is still the bug, seen earlier.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install_deps.sh
# Findings (a bug that crashes the process too) go here, not into findings/.
export FUTURECHECK_FINDINGS_DIR="${FUTURECHECK_FINDINGS_DIR:-/tmp/futurecheck-zoo-findings}"
depth=8
template=all-kinds
template_given=no
limit=120
bazel_flags=()
for arg in "$@"; do
  case "$arg" in
    --depth=*) depth="${arg#--depth=}" ;;
    --template=*) template="${arg#--template=}"; template_given=yes ;;
    --time-limit=*) limit="${arg#--time-limit=}" ;;
    *) bazel_flags+=("$arg") ;;
  esac
done
source tools/zoo_table.sh
zoo_load_table "${bazel_flags[@]}"
targets=()
for bug in "${ZOO_BUGS[@]}"; do targets+=("//explore:futurecheck_explore_$bug"); done
bazel build "${bazel_flags[@]}" "${targets[@]}" >&2
bin_dir="$(bazel info "${bazel_flags[@]}" bazel-bin 2>/dev/null)"
printf '%-28s %-22s %-22s %4s %7s %9s %8s\n' bug expected found same length states seconds
status=0
for bug in "${ZOO_BUGS[@]}"; do
  expected="${ZOO_INVARIANT[$bug]}"
  bug_template="${ZOO_EXPLORE[$bug]}"
  if [[ "$template_given" == yes ]]; then bug_template="$template"; fi
  line="$("$bin_dir/explore/futurecheck_explore_$bug" --depth="$depth" --template="$bug_template" \
    --time-limit="$limit" --quiet --no-coverage --summary 2>/dev/null | grep '^SUMMARY' || true)"
  # SUMMARY pass|fail invariant length states transitions runs seconds
  read -r _ verdict found length states _ _ seconds <<<"${line:-SUMMARY error - - - - - -}"
  same=no
  [[ "$found" == "$expected" ]] && same=yes
  if [[ "$verdict" != fail ]]; then status=1; found="NOT FOUND"; length="-"; same="-"; fi
  printf '%-28s %-22s %-22s %4s %7s %9s %8s\n' "$bug" "$expected" "$found" "$same" "$length" "$states" "$seconds"
done
exit $status
