#!/usr/bin/env bash
# The explorer CLI on bad usage and bad result files: a clear message and
# exit 2 (usage, a malformed file) or 3 (a file it cannot read), never a
# crash; --help and a tiny run succeed; the same flags, the same stdout.
set -u
explore="$1"
tmp="${TEST_TMPDIR:-$(mktemp -d)}"
failures=0

# expect NAME WANT_CODE WANT_OUTPUT_SUBSTRING -- ARGS...  (stdout and stderr)
expect() {
  local name="$1" want="$2" pattern="$3"
  shift 4
  "$explore" "$@" >"$tmp/out" 2>&1
  local got=$?
  if [ "$got" -ne "$want" ]; then
    echo "FAIL $name: exit $got, want $want"; cat "$tmp/out"; failures=$((failures + 1)); return
  fi
  if [ -n "$pattern" ] && ! grep -q -- "$pattern" "$tmp/out"; then
    echo "FAIL $name: output lacks '$pattern':"; cat "$tmp/out"; failures=$((failures + 1)); return
  fi
  echo "ok   $name (exit $got)"
}

printf 'not a result file\n' >"$tmp/garbage.result"

expect help            0 "stream-tasks" -- --help
expect nonsense-flag   2 "unknown flag --frobnicate" -- --frobnicate
expect stray-argument  2 "unexpected argument" -- depth
expect depth-words     2 "whole number" -- --depth=six
expect depth-negative  2 "whole number" -- --depth=-1
expect depth-no-value  2 "needs a value" -- --depth
expect unknown-templ   2 "unknown template 'nope'" -- --template=nope
expect help-value      2 "takes no value" -- --help=yes
expect time-limit-zero 2 "positive number" -- --time-limit=0
expect svg-no-dot      2 "give --dot" -- --svg
expect merge-nothing   2 "needs result files" -- --merge
expect merge-missing   3 "" -- --merge="$tmp/none.result"
expect merge-garbage   2 "garbage.result" -- --merge="$tmp/garbage.result"
expect tiny-run        0 "no violation" -- --depth=2 --template=stream-tasks --quiet --no-coverage
expect depth-all       0 "complete: all" -- --depth=all --template=one-writer --quiet --no-coverage
expect depth-cut       0 "deeper states remain" -- --depth=3 --template=one-writer --quiet --no-coverage
expect depth-too-deep  2 "or all" -- --depth=201

# Determinism: the same flags, byte for byte the same stdout.
"$explore" --depth=3 --template=stream-tasks --quiet >"$tmp/a" 2>/dev/null
"$explore" --depth=3 --template=stream-tasks --quiet >"$tmp/b" 2>/dev/null
if cmp -s "$tmp/a" "$tmp/b"; then
  echo "ok   deterministic stdout"
else
  echo "FAIL deterministic stdout:"; diff "$tmp/a" "$tmp/b" | head; failures=$((failures + 1))
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all checks passed"
