#!/usr/bin/env bash
# The complete-search tests honour Bazel's test sharding protocol, and their
# shards merge exactly: the one-stream complete search run as two shards
# (TEST_TOTAL_SHARDS=2, TEST_SHARD_INDEX=0 and 1, as `bazel test` would run
# them on two machines) must touch TEST_SHARD_STATUS_FILE, pass, write a
# result file each, and merge (futurecheck_explore --merge) into the same
# distinct states and verdict as one unsharded `--depth=all` run. Bad
# sharding variables are a clear error (exit 2), never a crash.
set -u
search="$1"
explore="$2"
tmp="${TEST_TMPDIR:-$(mktemp -d)}"
failures=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }

for i in 0 1; do
  mkdir -p "$tmp/out$i"
  rm -f "$tmp/status$i"
  if ! env TEST_TOTAL_SHARDS=2 TEST_SHARD_INDEX=$i TEST_SHARD_STATUS_FILE="$tmp/status$i" \
      TEST_UNDECLARED_OUTPUTS_DIR="$tmp/out$i" "$search" --template=one-stream --spec=2026-09 \
      >"$tmp/shard$i.log" 2>&1; then
    fail "shard $i of 2 did not pass:"; cat "$tmp/shard$i.log"
  fi
  [ -e "$tmp/status$i" ] || fail "shard $i did not touch TEST_SHARD_STATUS_FILE"
  grep -q "shard $i of 2: closed, no violation" "$tmp/shard$i.log" ||
    fail "shard $i does not say it closed"
  [ -s "$tmp/out$i/explore-one-stream-2026-09-shard-$i-of-2.txt" ] ||
    fail "shard $i wrote no result file"
done

"$explore" --merge="$tmp/out0/explore-one-stream-2026-09-shard-0-of-2.txt,$tmp/out1/explore-one-stream-2026-09-shard-1-of-2.txt" \
  --no-coverage >"$tmp/merged.txt" 2>&1 || { fail "merge:"; cat "$tmp/merged.txt"; }
"$explore" --template=one-stream --spec=2026-09 --depth=all --quiet --no-coverage \
  >"$tmp/whole.txt" 2>/dev/null || { fail "unsharded run:"; cat "$tmp/whole.txt"; }
merged_line=$(grep "^template " "$tmp/merged.txt")
whole_line=$(grep "^template " "$tmp/whole.txt")
merged_states=$(grep -o "^distinct states [0-9]*" "$tmp/merged.txt")
whole_states=$(grep -o "^distinct states [0-9]*" "$tmp/whole.txt")
echo "unsharded: $whole_line; $whole_states"
echo "2 shards:  $merged_line; $merged_states"
[ "$merged_line" = "$whole_line" ] || fail "merged verdict differs from the unsharded run"
[ -n "$whole_states" ] && [ "$merged_states" = "$whole_states" ] ||
  fail "merged states differ from the unsharded run"
grep -q "no violation" "$tmp/merged.txt" || fail "merged result has a violation"

# One shard alone is not the whole search.
"$explore" --merge="$tmp/out0/explore-one-stream-2026-09-shard-0-of-2.txt" --no-coverage \
  >"$tmp/half.txt" 2>&1
grep -q "^template .*complete: all" "$tmp/half.txt" && fail "one shard of two merged as complete"

# Bad sharding variables: exit 2 and a message.
for bad in "TEST_TOTAL_SHARDS=2 TEST_SHARD_INDEX=2" "TEST_TOTAL_SHARDS=0 TEST_SHARD_INDEX=0" \
    "TEST_TOTAL_SHARDS=x TEST_SHARD_INDEX=0" "TEST_TOTAL_SHARDS=2"; do
  env -u TEST_SHARD_INDEX $bad "$search" --template=one-stream >"$tmp/bad.txt" 2>&1
  code=$?
  if [ $code -ne 2 ] || ! grep -q "bad sharding variables" "$tmp/bad.txt"; then
    fail "$bad: exit $code"; cat "$tmp/bad.txt"
  fi
done
env -u TEST_TOTAL_SHARDS -u TEST_SHARD_INDEX "$search" >"$tmp/bad.txt" 2>&1
[ $? -eq 2 ] && grep -q "template is required" "$tmp/bad.txt" || fail "no --template: not exit 2"

if [ "$failures" -ne 0 ]; then
  echo "$failures failure(s)"
  exit 1
fi
echo "all passed"
