// The spec revisions the model follows, and the rules of the channel model
// that differ between them, as switches of the one shared implementation
// (model/channel.cc). A switch changes futures and streams alike unless its
// comment says otherwise.
//
//   Channel channel(ChannelKind::kStream, 0, PayloadKind::kU32, limit,
//                   RulesFor(SpecRevision::k2026_09));
//
// What each revision is, and what is known of it only from a pull request's
// description (no later definitions.py was reachable), is in the README's
// "Spec revisions" table and in the comments of each switch below.
#ifndef FUTURECHECK_MODEL_SPEC_RULES_H_
#define FUTURECHECK_MODEL_SPEC_RULES_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace fc::model {

enum class SpecRevision {
  // canonical-abi/definitions.py at 6d28164 (2026-08-21) with the CM#708 fix
  // (a readable future end dropped under a pending write: the writer gets
  // DROPPED). The default: every pinned result was taken under it.
  k2026_08,
  // 2026-08 + CM#719 (cancel returns CANCELLED over a queued completion;
  // DROPPED delivered promptly) + CM#720 (an idle end in a waitable set
  // hears of the other end's drop) + CM#721 (a zero-length write after a
  // cancelled write blocks), all merged in September 2026.
  k2026_09,
};
inline constexpr SpecRevision kSpecRevisions[] = {SpecRevision::k2026_08, SpecRevision::k2026_09};

// "2026-08", "2026-09": how flags, traces and reports name a revision.
const char* SpecRevisionName(SpecRevision revision);
// "2026-08, 2026-09": for a flag's error message.
std::string SpecRevisionNames();
// What a `--spec=` flag or the FUTURECHECK_SPEC variable names: the
// revision, or an error saying which names there are.
absl::StatusOr<SpecRevision> SpecRevisionNamed(absl::string_view name);
// The revision FUTURECHECK_SPEC names, `unset` when it is unset or empty:
// how the test binaries and the fuzz targets, which take no flags of their
// own, are told.
absl::StatusOr<SpecRevision> SpecRevisionFromEnvironment(
    SpecRevision unset = SpecRevision::k2026_08);
inline constexpr char kSpecEnvironmentVariable[] = "FUTURECHECK_SPEC";

struct SpecRules {
  // `cancel_copy` on an end whose copy already completed (its COMPLETED
  // event not yet delivered): true returns that COMPLETED, as 6d28164 does;
  // false returns CANCELLED with the count moved so far, as CM#719 does.
  // Shared by both kinds; for a future, `future_completion_is_final` decides
  // first.
  bool cancel_returns_queued_completion = true;
  // A future whose value already moved keeps its COMPLETED through a cancel
  // and through the other end's drop, whatever the two switches around it
  // say. CM#719's description speaks of streams only; this model chooses to
  // keep a future's completion because, unlike a stream's partial count, it
  // cannot be reported as cancelled without lying: the reader's buffer holds
  // the value (CANCELLED would make the runtime drop a value it owns, or
  // lose it), and the writer's value has left (CANCELLED would let it write
  // a second value). Flip it to follow the stream rule for futures too.
  bool future_completion_is_final = false;
  // When an end drops, the other end's COMPLETED event that is not yet
  // delivered becomes DROPPED, with the count it had (CM#719: "DROPPED is
  // delivered promptly once the other side dropped"). 6d28164 does this
  // only while that end's copy is still the pending one.
  bool dropped_replaces_queued_completion = false;
  // An idle end that sits in a waitable set gets a DROPPED event when the
  // other end drops; once delivered the end is DONE, only drop is legal
  // (CM#720). Without it such an end learns of the drop at its next copy.
  bool idle_end_in_set_hears_drop = false;
};

// The rules of `revision`.
SpecRules RulesFor(SpecRevision revision);

}  // namespace fc::model

#endif  // FUTURECHECK_MODEL_SPEC_RULES_H_
