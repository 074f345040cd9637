# Sourced by the zoo scripts: loads the bug zoo's one table (zoo/bugs.bzl),
# through the TSV //zoo:bug_table renders from it. Nothing is inferred from
# a bug's name.
#
#   source tools/zoo_table.sh
#   zoo_load_table [bazel flags...]
#   for bug in "${ZOO_BUGS[@]}"; do echo "$bug ${ZOO_INVARIANT[$bug]}"; done
#
# Per bug: ZOO_FAMILY, ZOO_INVARIANT, ZOO_EXPLORE (explorer template),
# ZOO_FUZZ (libFuzzer target), ZOO_REPRO_FLAG, ZOO_SUMMARY.
zoo_load_table() {
  bazel build --ui_event_filters=-info,-stdout --noshow_progress "$@" //zoo:bug_table >&2
  local table bin
  if ! bin="$(bazel info "$@" bazel-bin 2>/dev/null)"; then
    echo "zoo: 'bazel info bazel-bin' failed; run it by hand to see why" >&2
    return 1
  fi
  table="$bin/zoo/bug_table.tsv"
  ZOO_BUGS=()
  declare -gA ZOO_FAMILY ZOO_INVARIANT ZOO_EXPLORE ZOO_FUZZ ZOO_REPRO_FLAG ZOO_SUMMARY
  local bug family invariant hunt max_channels streams tasks explore fuzz repro_flag summary
  while IFS=$'\t' read -r bug family invariant hunt max_channels streams tasks explore fuzz \
      repro_flag summary; do
    [ "$bug" = bug ] && continue  # the header
    # Tabs are whitespace to read: an empty field would shift the rest.
    if [ -z "$summary" ]; then
      echo "zoo: $table: row '$bug' has an empty field" >&2
      return 1
    fi
    ZOO_BUGS+=("$bug")
    ZOO_FAMILY[$bug]="$family"
    ZOO_INVARIANT[$bug]="$invariant"
    ZOO_EXPLORE[$bug]="$explore"
    ZOO_FUZZ[$bug]="$fuzz"
    ZOO_REPRO_FLAG[$bug]="$repro_flag"
    ZOO_SUMMARY[$bug]="$summary"
  done <"$table"
  if [ ${#ZOO_BUGS[@]} -eq 0 ]; then
    echo "zoo: the bug table $table is empty" >&2
    return 1
  fi
}
