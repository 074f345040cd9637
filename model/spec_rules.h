// The rules of the channel model that differ between spec revisions, as
// switches of the one shared implementation (model/channel.cc). A switch
// changes futures and streams alike unless its comment says otherwise.
//
//   SpecRules rules;                       // canonical-abi 6d28164 + CM#708
//   rules.cancel_returns_queued_completion = false;
//   Channel channel(ChannelKind::kStream, 0, PayloadKind::kU32, limit, rules);
#ifndef FUTURECHECK_MODEL_SPEC_RULES_H_
#define FUTURECHECK_MODEL_SPEC_RULES_H_

namespace fc::model {

struct SpecRules {
  // `cancel_copy` on an end whose copy already completed (its COMPLETED
  // event not yet delivered): true returns that COMPLETED, as 6d28164 does;
  // false returns CANCELLED with the count moved so far, as CM#719 does
  // for streams. For a future whose value already moved, no revision has
  // chosen yet (CM#719 speaks of streams); flipped, such a future's writer
  // comes back IDLE although its value was delivered. The revision option
  // of the model decides that case; this switch alone does not.
  bool cancel_returns_queued_completion = true;
};

}  // namespace fc::model

#endif  // FUTURECHECK_MODEL_SPEC_RULES_H_
