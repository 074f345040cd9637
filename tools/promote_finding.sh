#!/usr/bin/env bash
# Turns a finding (a folder of the findings folder, scenario/findings.h)
# into a regression scenario that `bazel test` replays on every runtime and
# under every spec revision (//props:regression_test, and the C runtime's):
# props/regressions/NAME.txt, the finding's scenario under a comment that
# says where it came from. Edit the comment to say what the bug was.
#
#   tools/promote_finding.sh FINDING_DIR NAME
#     FINDING_DIR  e.g. findings/no-host-trap-0123456789abcdef
#     NAME         the regression's name: lower case, digits and dashes
#
# A regression must pass on the correct runtime: promote a finding once the
# bug it shows is fixed (bazel test //props:regression_test says whether).
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
}
[ $# -eq 2 ] || usage
finding="${1%/}"
name="$2"
[[ "$name" =~ ^[a-z0-9]+(-[a-z0-9]+)*$ ]] || {
  echo "tools/promote_finding.sh: '$name' is not a regression name (lower case, digits, dashes)" >&2
  exit 2
}
for f in scenario.txt found-by.txt; do
  [ -f "$finding/$f" ] || {
    echo "tools/promote_finding.sh: $finding has no $f: not a finding folder" >&2
    exit 1
  }
done
target="props/regressions/$name.txt"
[ ! -e "$target" ] || {
  echo "tools/promote_finding.sh: $target exists already; pick another name" >&2
  exit 1
}
{
  echo "# Promoted from the finding $(basename "$finding"):"
  grep -E '^(driver|spec revision|runtime|invariant):' "$finding/found-by.txt" | sed 's/^/#   /'
  echo "# TODO: say what the bug was and how the runtime was fixed. Passes under every revision."
  cat "$finding/scenario.txt"
} >"$target"
echo "tools/promote_finding.sh: wrote $target"
echo "  check it: bazel test //props:regression_test //adapters/c:c_regression_test"
