#!/usr/bin/env bash
# Builds one zoo variant's sources: copies the runtime's sources and the C++
# adapter's into OUT, applies the bug's patch to the runtime copy, and points
# the copies' includes at each other, so a zoo build can never pick up the
# clean runtime's headers instead (whatever the sandbox).
#
#   zoo/apply_patch.sh BUG PATCH OUT FILE...
set -euo pipefail
bug="$1"
patch_file="$2"
out="$3"
shift 3
mkdir -p "$out/runtime" "$out/adapters/cpp"
runtime_files=()
for f in "$@"; do
  case "$f" in
    *.patch) ;;
    runtime/* | */runtime/*)
      cp "$f" "$out/runtime/"
      runtime_files+=("$(basename "$f")")
      ;;
    adapters/cpp/* | */adapters/cpp/*) cp "$f" "$out/adapters/cpp/" ;;
    *) echo "zoo/apply_patch.sh: unexpected input $f" >&2; exit 2 ;;
  esac
done
chmod -R u+w "$out"
if [ ! -s "$patch_file" ] || ! grep -q '^@@ ' "$patch_file"; then
  echo "zoo: the patch for $bug ($patch_file) is empty: it would build the correct runtime." >&2
  exit 1
fi
# Strict: no fuzz; a patch that no longer applies fails this bug's build.
if ! patch -d "$out" -p1 --forward --batch --fuzz=0 --silent --no-backup-if-mismatch \
     --reject-file=- < "$patch_file" >&2; then
  echo "zoo: the patch for $bug ($patch_file) no longer applies to runtime/." >&2
  echo "zoo: re-create it against the current runtime (see zoo/README.md)." >&2
  exit 1
fi
rewrite=(-e "s|#include \"adapters/cpp/|#include \"zoo/$bug/adapters/cpp/|")
for f in "${runtime_files[@]}"; do
  rewrite+=(-e "s|#include \"runtime/$f\"|#include \"zoo/$bug/runtime/$f\"|")
done
sed -i "${rewrite[@]}" "$out"/runtime/* "$out"/adapters/cpp/*
# Every include of a copied file must now name the copy; one left pointing at
# runtime/ would compile against the clean runtime wherever it is visible.
for f in "${runtime_files[@]}"; do
  if grep -n "^ *# *include *[\"<]runtime/$f[\">]" "$out"/runtime/* "$out"/adapters/cpp/* >&2; then
    echo "zoo: $bug: an include of runtime/$f above was not pointed at the patched copy." >&2
    exit 1
  fi
done
