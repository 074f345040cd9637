#!/bin/sh
echo "coverage through Bazel is not available offline; use clang -fprofile-instr-generate and llvm-cov" >&2
exit 1
