#!/usr/bin/env bash
# The reproducer on bad input and bad usage: a clear message and exit 2 (or
# the documented 0/1 for inputs that decode), never a crash (exit > 2 or a
# signal).
set -u
repro="$1"
tmp="${TEST_TMPDIR:-$(mktemp -d)}"
failures=0

# expect NAME WANT_CODE WANT_STDERR_SUBSTRING -- ARGS...
expect() {
  local name="$1" want="$2" pattern="$3"
  shift 4
  "$repro" "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" -ne "$want" ]; then
    echo "FAIL $name: exit $got, want $want"; cat "$tmp/err"; failures=$((failures + 1)); return
  fi
  if [ -n "$pattern" ] && ! grep -q -- "$pattern" "$tmp/err"; then
    echo "FAIL $name: stderr lacks '$pattern':"; cat "$tmp/err"; failures=$((failures + 1)); return
  fi
  echo "ok   $name (exit $got)"
}

: >"$tmp/empty"
# Byte 0 is the futures format, kFormatVersion (fuzz/byte_choices.h).
printf '\x0a' >"$tmp/version_only"
printf '\x0a\x00\x03\x02\x01' >"$tmp/short"
printf '\x0a\x00\x03\x02\x01\x05\x00\x07\x03\x01\x04\x02' | head -c 7 >"$tmp/truncated"
printf '\x01\x00\x03\x02\x01' >"$tmp/retired"
printf '\x7f\x00\x03\x02' >"$tmp/wrong_version"
head -c 4096 /dev/urandom >"$tmp/random"
head -c $((1024 * 1024 + 1)) /dev/zero >"$tmp/huge"
printf 'new u32\nwrite f0\nfrobnicate f0\n' >"$tmp/bad.txt"
printf 'new u32\nwrite f0\npoll-wr' >"$tmp/truncated.txt"
printf 'new u32\nwrite f0\npoll-write f0\n' >"$tmp/good.txt"

expect no-args        2 "no input FILE" --
expect nonsense-flag  2 "unknown flag" -- --frobnicate "$tmp/short"
expect flag-no-value  2 "unknown flag" -- --out= "$tmp/short"
expect out-no-min     2 "--out needs" -- --out="$tmp/x" "$tmp/short"
expect missing-file   2 "cannot open" -- "$tmp/does-not-exist"
expect empty-file     2 "empty file" -- "$tmp/empty"
expect huge-file      2 "larger than" -- "$tmp/huge"
expect wrong-version  2 "version byte" -- "$tmp/wrong_version"
expect retired        2 "retired format" -- "$tmp/retired"
expect version-only   0 "" -- "$tmp/version_only"
expect short          0 "" -- "$tmp/short"
expect truncated      0 "" -- "$tmp/truncated"
expect bad-text       2 "line 3" -- --from-scenario="$tmp/bad.txt"
expect truncated-text 2 "line 3" -- --from-scenario="$tmp/truncated.txt"
expect missing-text   2 "cannot open" -- --from-scenario="$tmp/nope.txt"
expect text-and-file  2 "takes no FILE" -- --from-scenario="$tmp/good.txt" "$tmp/short"
expect good-text      0 "" -- --from-scenario="$tmp/good.txt" --out="$tmp/good.bin"
expect good-bin       0 "" -- --to-scenario "$tmp/good.bin"
grep -q "poll-write f0" "$tmp/out" || { echo "FAIL good-bin: text form lost"; failures=$((failures + 1)); }
expect bad-spec       2 "unknown spec revision" -- --spec=2025-01 "$tmp/short"
expect empty-spec     2 "unknown spec revision" -- --spec= "$tmp/short"
expect spec-2026-09   0 "" -- --spec=2026-09 "$tmp/short"
FUTURECHECK_SPEC=nonsense expect bad-spec-env 2 "FUTURECHECK_SPEC" -- "$tmp/short"
expect mixed          2 "cannot open" -- "$tmp/short" "$tmp/does-not-exist"

# Random bytes decode (every byte string does): no crash, a verdict or a
# version warning.
"$repro" "$tmp/random" >"$tmp/out" 2>"$tmp/err"
code=$?
if [ "$code" -gt 2 ]; then
  echo "FAIL random: exit $code"; cat "$tmp/err"; failures=$((failures + 1))
else
  echo "ok   random (exit $code)"
fi
# Random bytes with the futures version byte must pass on the correct runtime.
for i in 1 2 3 4 5; do
  { printf '\x0a'; head -c 300 /dev/urandom; } >"$tmp/random1"
  expect "random-v1-$i" 0 "" -- "$tmp/random1"
done

[ "$failures" -eq 0 ] || { echo "$failures failure(s)"; exit 1; }
echo "all bad-input cases behave"
