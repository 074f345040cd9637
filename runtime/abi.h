// The seam between the runtime and the host: the only things the runtime may
// call. In a real component these are the guest's own allocator and the
// `future.*` canonical built-ins imported per future type; under futurecheck
// they are answered by the mock intrinsic layer (model/mock_host.h).
#ifndef FUTURECHECK_RUNTIME_ABI_H_
#define FUTURECHECK_RUNTIME_ABI_H_

#include <cstddef>
#include <cstdint>

#include "runtime/return_code.h"

namespace fc::rt {

// A handle in the component instance's handle table (an i32 in wasm).
using Handle = uint32_t;
inline constexpr Handle kNoHandle = 0;  // index 0 is never a valid handle

// Which `future<T>` type an intrinsic is for. In wasm every future type gets
// its own imports; here the type travels as an argument so one host object
// can answer for all of them (and trap on a type mismatch, as the spec does).
struct FutureTypeId {
  uint32_t index = 0;
  friend bool operator==(FutureTypeId a, FutureTypeId b) { return a.index == b.index; }
};

// Which `stream<T>` type an intrinsic is for (numbered like futures: by T).
struct StreamTypeId {
  uint32_t index = 0;
  friend bool operator==(StreamTypeId a, StreamTypeId b) { return a.index == b.index; }
};

// An event as `waitable-set.wait` / `waitable-set.poll` return it: the code,
// the waitable it is for (for TASK_CANCELLED: the export task) and the
// payload (a copy's return code).
struct Event {
  EventCode code = EventCode::kNone;
  uint32_t index = 0;
  uint32_t payload = 0;
};

// The spec's limit on one stream copy's length (and on list byte lengths).
inline constexpr uint32_t kMaxCopyLength = (1u << 28) - 1;

class HostAbi {
 public:
  virtual ~HostAbi() = default;

  // Guest linear-memory heap (malloc/free or cabi_realloc in a real guest).
  virtual void* Alloc(size_t size, size_t align) = 0;
  virtual void Free(void* ptr, size_t size, size_t align) = 0;

  // `future.new`: readable end in the low 32 bits, writable in the high 32.
  virtual uint64_t FutureNew(FutureTypeId type) = 0;
  // `future.read` / `future.write` (async): BLOCKED or a result code.
  virtual uint32_t FutureRead(FutureTypeId type, Handle readable, void* ptr) = 0;
  virtual uint32_t FutureWrite(FutureTypeId type, Handle writable, const void* ptr) = 0;
  // `future.cancel-read` / `future.cancel-write` (synchronous variants).
  virtual uint32_t FutureCancelRead(FutureTypeId type, Handle readable) = 0;
  virtual uint32_t FutureCancelWrite(FutureTypeId type, Handle writable) = 0;
  virtual void FutureDropReadable(FutureTypeId type, Handle readable) = 0;
  virtual void FutureDropWritable(FutureTypeId type, Handle writable) = 0;

  // `stream.new`: readable end in the low 32 bits, writable in the high 32.
  virtual uint64_t StreamNew(StreamTypeId type) = 0;
  // `stream.read` / `stream.write` (async) of up to `length` elements at
  // `ptr`: BLOCKED or a result code with the count copied.
  virtual uint32_t StreamRead(StreamTypeId type, Handle readable, void* ptr, uint32_t length) = 0;
  virtual uint32_t StreamWrite(StreamTypeId type, Handle writable, const void* ptr,
                               uint32_t length) = 0;
  virtual uint32_t StreamCancelRead(StreamTypeId type, Handle readable) = 0;
  virtual uint32_t StreamCancelWrite(StreamTypeId type, Handle writable) = 0;
  virtual void StreamDropReadable(StreamTypeId type, Handle readable) = 0;
  virtual void StreamDropWritable(StreamTypeId type, Handle writable) = 0;

  // `waitable-set.new` / `waitable-set.drop` (traps while the set has members).
  virtual Handle WaitableSetNew() = 0;
  virtual void WaitableSetDrop(Handle set) = 0;
  // `waitable.join`: moves `waitable` into `set`; kNoHandle takes it out.
  virtual void WaitableJoin(Handle waitable, Handle set) = 0;
  // `waitable-set.wait`: the next event of the set's members, or the
  // cancellation of an export task. `waitable-set.poll`: the same, or NONE.
  virtual Event WaitableSetWait(Handle set) = 0;
  virtual Event WaitableSetPoll(Handle set) = 0;
  // `task.return` / `task.cancel` of export task `task`. In wasm each export
  // call has its own callback context and these take no task argument; one
  // harness event loop serves every task, so it names the task.
  virtual void TaskReturn(uint32_t task) = 0;
  virtual void TaskCancel(uint32_t task) = 0;

  // An own<resource> of a resource type the other side defines, as a guest's
  // bindings reach it: the imported constructor hands the guest a fresh
  // handle, and `resource.drop` gives one back. Only the bindings of payload
  // types that carry resources call these; the runtime's own code does not.
  virtual Handle ResourceNew() = 0;
  virtual void ResourceDrop(Handle handle) = 0;
};

// How values of one payload type travel through linear memory: the
// per-type operations table of the bindings generator.
template <class T>
class PayloadAbi {
 public:
  virtual ~PayloadAbi() = default;

  virtual FutureTypeId type() const = 0;
  virtual size_t size() const = 0;
  virtual size_t align() const = 0;
  // Moves `value` into the buffer at `ptr` (consuming it): lists are copied
  // into fresh guest allocations the buffer now owns, resources move in.
  virtual void Lower(T value, void* ptr) = 0;
  // Rebuilds a value from the buffer, taking over (and freeing) its lists.
  virtual T Lift(void* ptr) = 0;
  // Frees the lists owned by the buffer after the peer has copied them out.
  virtual void DeallocLists(void* ptr) = 0;
};

}  // namespace fc::rt

#endif  // FUTURECHECK_RUNTIME_ABI_H_
