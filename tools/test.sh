#!/usr/bin/env bash
# All tests: `bazel test //...`, then again under ASan + UBSan + LSan.
# Arguments replace the configs to run, e.g. `tools/test.sh default` or
# `tools/test.sh asan`.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install_deps.sh

configs=("$@")
if [ ${#configs[@]} -eq 0 ]; then configs=(default asan); fi

for config in "${configs[@]}"; do
  case "$config" in
    default) flags=() ;;
    asan) flags=(--config=asan) ;;
    *) echo "tools/test.sh: unknown config '$config' (default, asan)" >&2; exit 2 ;;
  esac
  echo "==> bazel test ${flags[*]:-} //..." >&2
  bazel test "${flags[@]}" //...
done
