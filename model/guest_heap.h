// The guest's heap, instrumented: every allocation the runtime (or the host,
// lowering lists into the guest) makes gets an id; every free is checked.
// Freed blocks are quarantined until the heap dies, so a runtime that frees a
// buffer the host still reads is reported, not turned into a crash. A block
// is aligned exactly as asked and no more (its address is a multiple of the
// alignment, never of twice it), so a runtime asking too little is caught.
#ifndef FUTURECHECK_MODEL_GUEST_HEAP_H_
#define FUTURECHECK_MODEL_GUEST_HEAP_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/btree_map.h"
#include "model/violation.h"

namespace fc::model {

class GuestHeap {
 public:
  explicit GuestHeap(ViolationLog& log) : log_(&log) {}
  ~GuestHeap();
  GuestHeap(const GuestHeap&) = delete;
  GuestHeap& operator=(const GuestHeap&) = delete;

  void* Alloc(size_t size, size_t align);
  void Free(void* ptr, size_t size, size_t align);

  // Marks [ptr, ptr+size) as held by the host for an in-flight copy;
  // freeing it before Release is a violation.
  void Pin(const void* ptr, std::string holder);
  void Unpin(const void* ptr);

  // True when the host may access `size` bytes at `ptr`: a range inside one
  // live allocation (a stream element may start mid-buffer). Records a
  // violation naming `what` otherwise.
  bool CheckHostAccess(const void* ptr, size_t size, const std::string& what);

  // Allocation id of the block starting at `ptr` (0 if none): printable in
  // traces where raw pointers would differ run to run.
  uint64_t IdOf(const void* ptr) const;

  size_t live_count() const { return live_; }
  uint64_t total_allocations() const { return next_id_ - 1; }
  // "#3 (16 B), #7 (4 B)": the live allocations, for ledger reports.
  std::string DescribeLive() const;

 private:
  struct Block {
    uint64_t id;
    size_t size;
    size_t align;
    bool freed = false;
    std::string pinned_by;  // non-empty while the host holds it
  };

  ViolationLog* log_;
  absl::btree_map<uintptr_t, Block> blocks_;  // ordered: ranges are looked up by address
  struct Storage {
    void* raw;     // what operator new returned
    size_t align;  // the alignment it was allocated at
    size_t lead;   // the block starts this many bytes in (its alignment)
  };
  std::vector<Storage> storage_;  // freed at destruction (quarantine)
  uint64_t next_id_ = 1;
  size_t live_ = 0;
};

}  // namespace fc::model

#endif  // FUTURECHECK_MODEL_GUEST_HEAP_H_
