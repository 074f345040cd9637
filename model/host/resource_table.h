// Who owns each resource the test payloads carry: the guest (through a
// handle in its table), the other side, or nobody any more. The ledger the
// resource-ownership invariant reads.
//
//   ResourceTable resources;
//   uint64_t rep = resources.New(ResourceOwner::kGuest);
//   resources.set_owner(rep, ResourceOwner::kPeer);   // lifted out of the guest
#ifndef FUTURECHECK_MODEL_HOST_RESOURCE_TABLE_H_
#define FUTURECHECK_MODEL_HOST_RESOURCE_TABLE_H_

#include <cstddef>
#include <cstdint>

#include "absl/container/flat_hash_map.h"

namespace fc::model {

enum class ResourceOwner { kGuest, kPeer, kDropped };

class ResourceTable {
 public:
  // A fresh resource (representations 1, 2, ...) owned by `owner`.
  uint64_t New(ResourceOwner owner);
  void set_owner(uint64_t rep, ResourceOwner owner) { owners_[rep] = owner; }
  // kDropped for a representation never handed out.
  ResourceOwner owner(uint64_t rep) const;
  size_t OwnedBy(ResourceOwner owner) const;
  // Everything `from` owns now belongs to `to` (the other side, at the end of
  // a scenario, drops whatever it received).
  void TransferAll(ResourceOwner from, ResourceOwner to);

 private:
  absl::flat_hash_map<uint64_t, ResourceOwner> owners_;
  uint64_t next_rep_ = 1;
};

}  // namespace fc::model

#endif  // FUTURECHECK_MODEL_HOST_RESOURCE_TABLE_H_
