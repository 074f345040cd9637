#!/usr/bin/env bash
# Installs the Debian packages futurecheck builds with, if any is missing.
# Idempotent: prints nothing to do when everything is there.
set -euo pipefail

packages=(
  bazel-bootstrap      # Bazel 4.2.3 (WORKSPACE mode, works offline)
  bazel-platforms      # @platforms, overridden in .bazelrc
  bazel-rules-java     # @rules_java, which Bazel's own tools load
  clang-19             # the compiler (.bazelrc sets CC=clang-19)
  libclang-rt-19-dev   # sanitizer and libFuzzer runtimes
  libabsl-dev          # Abseil
  librapidcheck-dev    # RapidCheck
  libgtest-dev         # GoogleTest
  libgmock-dev         # GoogleMock
  zip                  # seed-corpus archives (fuzz/oss-fuzz/build.sh)
  bc                   # timings in tools/fuzz_zoo.sh
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "futurecheck: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "futurecheck: dependencies installed" >&2
