// The scenario language every driver shares: a list of actions by the guest
// program, the other end and the event loop, plus the outcomes chosen at the
// intrinsic calls where the spec leaves a choice. A scripted test writes one
// by hand; the fuzzer decodes one from bytes; RapidCheck generates one; the
// explorer enumerates them. Any of them replays and prints the same way.
#ifndef FUTURECHECK_SCENARIO_SCENARIO_H_
#define FUTURECHECK_SCENARIO_SCENARIO_H_

#include <cstdint>
#include <string>
#include <vector>

#include "model/value.h"

namespace fc::scenario {

enum class Op : uint8_t {
  // The guest program, on future `future` (numbered in creation order).
  kNewFuture,      // future.new<T>; keep the writer, pass the reader to the other side
  kReceiveFuture,  // the other side makes a future<T> and passes the guest its reader
  kWrite,          // writer.Write(a fresh value): a write operation, not started yet
  kPollWrite,
  kCancelWrite,
  kDropWrite,      // destroy the write operation (cancels it if in flight)
  kDropWriter,     // destroy the writer (one that never wrote writes the default)
  kRead,           // reader.Read(): a read operation, not started yet
  kPollRead,
  kCancelRead,
  kDropRead,
  kDropReader,
  // The other side, on its end of `future`.
  kPeerRead,
  kPeerWrite,
  kPeerCancel,
  kPeerDrop,
  // The event loop: deliver the oldest pending event (waitable-set wait).
  kDeliverEvent,
};
inline constexpr int kNumOps = static_cast<int>(Op::kDeliverEvent) + 1;

const char* OpName(Op op);

struct Action {
  Op op = Op::kDeliverEvent;
  uint32_t future = 0;                         // ignored by kDeliverEvent and the two "new"s
  model::PayloadKind kind = model::PayloadKind::kU32;  // kNewFuture, kReceiveFuture

  friend bool operator==(const Action&, const Action&) = default;
};

struct Scenario {
  std::vector<Action> actions;
  // Return codes to pick, in order, at each intrinsic call where the spec
  // allows more than one; when they run out the other end stays put.
  std::vector<uint32_t> outcomes;
};

// "new f0 u32", "write f0", "deliver", ... one per line.
std::string FormatAction(const Action& action);
std::string FormatScenario(const Scenario& scenario);

}  // namespace fc::scenario

#endif  // FUTURECHECK_SCENARIO_SCENARIO_H_
