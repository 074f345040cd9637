#!/usr/bin/env bash
# Installs the Debian packages futurecheck builds with, and buildifier (from
# npm), if any is missing. Idempotent: prints nothing when everything is
# there.
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
  clang-format-19      # tools/format.sh
  llvm-19              # llvm-profdata-19, llvm-cov-19 (tools/coverage.sh, the OSS-Fuzz coverage build)
  afl++                # the AFL engine project.yaml lists (tools/oss_fuzz_check.sh)
  python3-yaml         # tools/check_cflite_workflows.py
)
buildifier_version=8.2.1  # tools/format.sh formats the Bazel files with it

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
need_buildifier=0
command -v buildifier >/dev/null || need_buildifier=1
if [ ${#missing[@]} -eq 0 ] && [ "$need_buildifier" -eq 0 ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
if [ ${#missing[@]} -ne 0 ]; then
  echo "futurecheck: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [ "$need_buildifier" -eq 1 ]; then
  if ! command -v npm >/dev/null; then
    $sudo apt-get install -y -qq --no-install-recommends npm >/dev/null
  fi
  echo "futurecheck: installing buildifier $buildifier_version (npm @bazel/buildifier)" >&2
  $sudo npm install -g --silent "@bazel/buildifier@$buildifier_version" >/dev/null
fi
echo "futurecheck: dependencies installed" >&2
