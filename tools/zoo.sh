#!/usr/bin/env bash
# The bug zoo table of the property suite: for each seeded runtime bug, the
# invariant that caught it, how many generated cases it took to the first
# failure, and the length of the shrunk counterexample (default settings of
# `bazel test`: 300 cases from a fixed seed; RC_PARAMS changes them).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install_deps.sh
# Findings (a bug that crashes the process too) go here, not into findings/.
export FUTURECHECK_FINDINGS_DIR="${FUTURECHECK_FINDINGS_DIR:-/tmp/futurecheck-zoo-findings}"
source tools/zoo_table.sh
zoo_load_table
targets=()
for bug in "${ZOO_BUGS[@]}"; do targets+=("//props:zoo_property_${bug}_test"); done
bazel build --ui_event_filters=-info,-stdout --noshow_progress "${targets[@]}" >&2
bin=$(bazel info bazel-bin 2>/dev/null)
printf '%-28s %-22s %6s %8s %8s\n' bug invariant cases shrunk seconds
caught=0
total=0
for bug in "${ZOO_BUGS[@]}"; do
  total=$((total + 1))
  if "$bin/props/zoo_property_${bug}_test" --row 2>/dev/null; then caught=$((caught + 1)); fi
done
echo "property suite: $caught of $total seeded bugs caught"
[ "$caught" -eq "$total" ]
