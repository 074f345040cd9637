// The host's side of moving a payload through guest memory: lifting a value
// out of a writer's buffer (copying its lists, taking its resources out of
// the guest's handle table) and lowering a value into a reader's buffer
// (allocating its lists in the guest heap, giving the guest resource handles).
// Every guest memory access is checked against the heap's ledger first.
#ifndef FUTURECHECK_MODEL_PAYLOAD_CODEC_H_
#define FUTURECHECK_MODEL_PAYLOAD_CODEC_H_

#include <cstdint>
#include <optional>
#include <string>

#include "model/guest_heap.h"
#include "model/value.h"
#include "runtime/abi.h"

namespace fc::model {

// What lifting and lowering need from the host besides guest memory (the
// spec's LiftLowerContext): the guest's handle table, and the trap.
class LiftLowerHost {
 public:
  virtual ~LiftLowerHost() = default;
  // Removes an own<resource> handle from the guest's table; its rep, or
  // nullopt (after recording a trap) when the handle is not a live resource.
  virtual std::optional<uint64_t> TakeFromGuest(rt::Handle handle) = 0;
  // Adds the resource `rep` to the guest's table and returns its handle.
  virtual rt::Handle GiveToGuest(uint64_t rep) = 0;
  // Records the spec's trap: `call` cannot go on, for `why`.
  virtual void Trap(const std::string& call, const std::string& why) = 0;
};

// Returns nullopt when guest memory could not be read (a violation is
// recorded by the heap) or the value cannot be lifted (a trap is recorded:
// a list not aligned for its elements, a handle that is not a resource).
std::optional<Value> LiftFromGuest(PayloadKind kind, const void* ptr, GuestHeap& heap,
                                   LiftLowerHost& host);
void LowerIntoGuest(PayloadKind kind, const Value& value, void* ptr, GuestHeap& heap,
                    LiftLowerHost& host);

}  // namespace fc::model

#endif  // FUTURECHECK_MODEL_PAYLOAD_CODEC_H_
