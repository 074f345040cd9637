#include "model/spec_rules.h"

#include <cstdlib>
#include <iterator>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "model/enum_names.h"

namespace fc::model {
namespace {

constexpr const char* kNames[] = {"2026-08", "2026-09"};
static_assert(std::size(kNames) == std::size(kSpecRevisions));

}  // namespace

const char* SpecRevisionName(SpecRevision revision) { return NameIn(kNames, revision); }

std::string SpecRevisionNames() { return absl::StrJoin(kNames, ", "); }

absl::StatusOr<SpecRevision> SpecRevisionNamed(absl::string_view name) {
  for (SpecRevision revision : kSpecRevisions) {
    if (name == SpecRevisionName(revision)) return revision;
  }
  return absl::InvalidArgumentError(absl::StrCat("unknown spec revision \"", name,
                                                 "\"; the revisions are ", SpecRevisionNames()));
}

absl::StatusOr<SpecRevision> SpecRevisionFromEnvironment(SpecRevision unset) {
  const char* value = std::getenv(kSpecEnvironmentVariable);
  if (value == nullptr || *value == '\0') return unset;
  absl::StatusOr<SpecRevision> revision = SpecRevisionNamed(value);
  if (!revision.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(kSpecEnvironmentVariable, ": ", revision.status().message()));
  }
  return revision;
}

SpecRules RulesFor(SpecRevision revision) {
  SpecRules rules;
  if (revision == SpecRevision::k2026_08) return rules;
  // CM#719, with this model's choice for futures (spec_rules.h says why).
  rules.cancel_returns_queued_completion = false;
  rules.future_completion_is_final = true;
  rules.dropped_replaces_queued_completion = true;
  // CM#720.
  rules.idle_end_in_set_hears_drop = true;
  // CM#721 needs no switch: both revisions block a zero-length write that
  // finds no copy pending (model/channel.cc StreamRendezvous is never
  // reached), which is what CM#721 restores (spec_cases_revisions_test
  // pins it, Cm721.ZeroLengthWriteAfterCancelledWriteBlocks).
  return rules;
}

}  // namespace fc::model
