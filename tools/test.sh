#!/usr/bin/env bash
# All tests: the formatting check (tools/format.sh --check), `bazel test
# //...`, then again under ASan + UBSan + LSan.
# Then the tests that search on several threads (tagged "threads") under
# ThreadSanitizer.
# The ASan pass leaves out the bug zoo (targets tagged "zoo": 33 patched
# runtimes, zoo/), which only proves the harness catches bugs and would add
# to the sanitizer build time, and the complete searches (tagged
# "complete-search": tens of thousands of states, several times slower under
# ASan, and the same code the other explorer tests run under it); the
# default pass runs both.
# Arguments replace the configs to run, e.g. `tools/test.sh default` or
# `tools/test.sh asan` or `tools/test.sh tsan` (`format`: the formatting
# check alone).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install_deps.sh

configs=("$@")
if [ ${#configs[@]} -eq 0 ]; then configs=(format default asan tsan); fi

for config in "${configs[@]}"; do
  case "$config" in
    format)
      echo "==> tools/format.sh --check" >&2
      tools/format.sh --check
      continue
      ;;
    default) flags=() ;;
    asan) flags=(--config=asan --build_tag_filters=-zoo,-complete-search
                 --test_tag_filters=-zoo,-complete-search) ;;
    tsan) flags=(--config=tsan --build_tag_filters=threads --test_tag_filters=threads) ;;
    *) echo "tools/test.sh: unknown config '$config' (format, default, asan, tsan)" >&2; exit 2 ;;
  esac
  echo "==> bazel test ${flags[*]:-} //..." >&2
  bazel test "${flags[@]}" //...
done
