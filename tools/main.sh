#!/usr/bin/env bash
# The main job: runs every scripted scenario against the runtime and the mock
# host and prints a summary. Extra arguments go to the futurecheck binary
# (--list, --verbose, --scenario=NAME).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install_deps.sh
exec bazel run --ui_event_filters=-info,-stdout --noshow_progress //scenario:futurecheck -- "$@"
