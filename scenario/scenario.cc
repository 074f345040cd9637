#include "scenario/scenario.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "runtime/return_code.h"

namespace fc::scenario {

const char* OpName(Op op) {
  switch (op) {
    case Op::kNewFuture:
      return "new";
    case Op::kReceiveFuture:
      return "receive";
    case Op::kWrite:
      return "write";
    case Op::kPollWrite:
      return "poll-write";
    case Op::kCancelWrite:
      return "cancel-write";
    case Op::kDropWrite:
      return "drop-write-op";
    case Op::kDropWriter:
      return "drop-writer";
    case Op::kRead:
      return "read";
    case Op::kPollRead:
      return "poll-read";
    case Op::kCancelRead:
      return "cancel-read";
    case Op::kDropRead:
      return "drop-read-op";
    case Op::kDropReader:
      return "drop-reader";
    case Op::kPeerRead:
      return "peer-read";
    case Op::kPeerWrite:
      return "peer-write";
    case Op::kPeerCancel:
      return "peer-cancel";
    case Op::kPeerDrop:
      return "peer-drop";
    case Op::kDeliverEvent:
      return "deliver";
  }
  return "?";
}

std::string FormatAction(const Action& action) {
  switch (action.op) {
    case Op::kNewFuture:
    case Op::kReceiveFuture:
      return absl::StrFormat("%s %s", OpName(action.op), model::PayloadKindName(action.kind));
    case Op::kDeliverEvent:
      return OpName(action.op);
    default:
      return absl::StrFormat("%s f%u", OpName(action.op), action.future);
  }
}

std::string FormatScenario(const Scenario& scenario) {
  std::string out;
  for (const Action& action : scenario.actions) absl::StrAppend(&out, FormatAction(action), "\n");
  if (!scenario.outcomes.empty()) {
    absl::StrAppend(&out, "outcomes: ",
                    absl::StrJoin(scenario.outcomes, " ",
                                  [](std::string* s, uint32_t code) {
                                    s->append(rt::FormatReturnCode(code));
                                  }),
                    "\n");
  }
  return out;
}

}  // namespace fc::scenario
