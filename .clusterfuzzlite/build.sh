#!/bin/bash -eu
# ClusterFuzzLite uses the same build as OSS-Fuzz.
exec "$SRC/futurecheck/fuzz/oss-fuzz/build.sh"
