#!/usr/bin/env bash
# The tree's formatting: clang-format (.clang-format: Google style, 100
# columns) on every C and C++ file, buildifier on every Bazel file.
#
#   tools/format.sh           formats the tree in place
#   tools/format.sh --check   changes nothing; lists each file that is not
#                             formatted and exits 1 if there is one (run by
#                             tools/test.sh, so CI checks it)
# Tracked and new (not ignored) files; third_party/ is left alone.
set -euo pipefail
cd "$(dirname "$0")/.."

check=0
case "${1:-}" in
  "") ;;
  --check) check=1 ;;
  *) echo "usage: tools/format.sh [--check]" >&2; exit 2 ;;
esac
[ $# -le 1 ] || { echo "usage: tools/format.sh [--check]" >&2; exit 2; }

tools/install_deps.sh
clang_format=clang-format-19
for tool in "$clang_format" buildifier; do
  command -v "$tool" >/dev/null || { echo "tools/format.sh: $tool is missing (tools/install_deps.sh installs it)" >&2; exit 1; }
done

mapfile -t sources < <(git ls-files --cached --others --exclude-standard '*.cc' '*.h' '*.c' | grep -v '^third_party/')
mapfile -t bazel_files < <(git ls-files --cached --others --exclude-standard 'BUILD' 'BUILD.bazel' '*/BUILD' '*/BUILD.bazel' '*.bzl' \
  'WORKSPACE' | grep -v '^third_party/')

if [ "$check" -eq 0 ]; then
  "$clang_format" -i "${sources[@]}"
  buildifier "${bazel_files[@]}"
  echo "tools/format.sh: formatted ${#sources[@]} C/C++ files and ${#bazel_files[@]} Bazel files"
  exit 0
fi

bad=()
for f in "${sources[@]}"; do
  if ! "$clang_format" --dry-run --Werror "$f" >/dev/null 2>&1; then bad+=("$f"); fi
done
while IFS= read -r f; do
  [ -n "$f" ] && bad+=("$f")
done < <(buildifier -mode=check "${bazel_files[@]}" 2>&1 | sed -n 's/ # reformat$//p')
if [ ${#bad[@]} -ne 0 ]; then
  echo "tools/format.sh: ${#bad[@]} file(s) not formatted (run tools/format.sh):" >&2
  printf '  %s\n' "${bad[@]}" >&2
  exit 1
fi
echo "tools/format.sh: ${#sources[@]} C/C++ files and ${#bazel_files[@]} Bazel files formatted"
