#!/usr/bin/env bash
# Re-creates zoo patches against the current runtime/ after a change that
# (patches of runtime/ only: a patch that also edits the adapter's copy is
# re-created by hand)
# moved their context (lines shifted; nothing a hunk touches changed): each
# patch is applied strictly (no fuzz, offsets allowed) to a copy of runtime/
# and written again as a clean diff, its free-text header kept. A patch that
# does not apply is left alone and named: re-create it by hand (README.md).
#
#   zoo/refresh_patches.sh [BUG...]     (default: every patch)
set -euo pipefail
cd "$(dirname "$0")/.."
bugs=("$@")
if [ ${#bugs[@]} -eq 0 ]; then
  for p in zoo/patches/*.patch; do bugs+=("$(basename "$p" .patch)"); done
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
status=0
for bug in "${bugs[@]}"; do
  patch_file="zoo/patches/$bug.patch"
  if [ ! -f "$patch_file" ]; then
    echo "refresh: no patch $patch_file" >&2; status=1; continue
  fi
  rm -rf "$work/a" "$work/b"
  mkdir -p "$work/a" "$work/b"
  cp -r runtime "$work/a/"
  cp -r runtime "$work/b/"
  if ! patch -d "$work/b" -p1 --forward --batch --fuzz=0 --silent --no-backup-if-mismatch \
       --reject-file=- <"$patch_file" >/dev/null; then
    echo "refresh: $bug no longer applies; re-create it by hand" >&2; status=1; continue
  fi
  header="$(sed '/^--- /,$d' "$patch_file" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}')"
  {
    printf '%s\n\n' "$header"
    (cd "$work" && diff -u -r -N a/runtime b/runtime || [ $? -eq 1 ]) |
      sed -E -e '/^diff /d' -e 's/^(---|\+\+\+) ([^\t]*)\t.*/\1 \2/'
  } >"$patch_file.new"
  if cmp -s "$patch_file" "$patch_file.new"; then
    rm "$patch_file.new"
  else
    mv "$patch_file.new" "$patch_file"
    echo "refresh: $bug rewritten" >&2
  fi
done
exit $status
