// The guest instance's handle table as the mock host keeps it: channel ends,
// resources and waitable sets under one numbering, and which handles were
// dropped or moved away (so a stale use says so, not "does not exist").
//
//   HandleTable table;
//   rt::Handle r = table.Add(HandleEntry::End(ChannelKind::kFuture, true, 0));
//   if (const HandleEntry* e = table.Find(r); e && e->IsEnd()) ...
//   table.Remove(r);                 // table.WasRemoved(r) is now true
//
// Indices are never reused (index 0 is never valid): the spec's table
// reuses freed indices, which a later change of the model follows.
#ifndef FUTURECHECK_MODEL_HOST_HANDLE_TABLE_H_
#define FUTURECHECK_MODEL_HOST_HANDLE_TABLE_H_

#include <cstdint>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "model/copy_end.h"
#include "runtime/abi.h"

namespace fc::model {

struct HandleEntry {
  enum class Kind { kChannelEnd, kResource, kWaitableSet };
  Kind kind = Kind::kWaitableSet;
  ChannelKind channel_kind = ChannelKind::kFuture;  // a channel end's
  bool readable = false;                            // a channel end's
  uint32_t channel = 0;                             // a channel end's
  uint64_t rep = 0;                                 // a resource's

  static HandleEntry End(ChannelKind kind, bool readable, uint32_t channel) {
    return HandleEntry{Kind::kChannelEnd, kind, readable, channel, 0};
  }
  static HandleEntry Resource(uint64_t rep) {
    return HandleEntry{Kind::kResource, ChannelKind::kFuture, false, 0, rep};
  }
  static HandleEntry WaitableSet() { return HandleEntry{}; }

  bool IsEnd() const { return kind == Kind::kChannelEnd; }
  bool IsEnd(ChannelKind k, bool r) const { return IsEnd() && channel_kind == k && readable == r; }
};

class HandleTable {
 public:
  rt::Handle Add(const HandleEntry& entry);
  // The live entry behind `handle`, or nullptr.
  const HandleEntry* Find(rt::Handle handle) const;
  // Forgets a live handle, remembering that it was dropped or moved away.
  void Remove(rt::Handle handle);
  // Whether `handle` was live once and has been removed.
  bool WasRemoved(rt::Handle handle) const { return removed_.contains(handle); }

  size_t size() const { return entries_.size(); }
  // Every live handle with its entry, in handle order.
  std::vector<std::pair<rt::Handle, HandleEntry>> Live() const;

 private:
  absl::flat_hash_map<rt::Handle, HandleEntry> entries_;
  absl::flat_hash_set<rt::Handle> removed_;
  rt::Handle next_ = 1;
};

}  // namespace fc::model

#endif  // FUTURECHECK_MODEL_HOST_HANDLE_TABLE_H_
