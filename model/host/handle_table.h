// The guest instance's handle table as the mock host keeps it: channel ends,
// resources and waitable sets under one numbering, as the spec keeps them in
// one `Table` per component instance (`ComponentInstance.handles`).
//
//   HandleTable table;
//   rt::Handle r = table.Add(HandleEntry::End(ChannelKind::kFuture, true, 0));
//   if (const HandleEntry* e = table.Find(r); e && e->IsEnd()) ...
//   table.Remove(r);                 // table.WasRemoved(r) is now true
//   table.Add(...) == r;             // the freed index is handed out again
//
// Indices are numbered as the spec's `Table` numbers them (definitions.py):
// index 0 is never used; `Add` takes the most recently freed index off the
// free list (last freed, first reused) before it grows the table; `Remove`
// puts the index on the free list. So a runtime that keeps using a handle
// it dropped can hit a new end: the table remembers what each index named
// in turn (`Tenants`), so a report can say so.
#ifndef FUTURECHECK_MODEL_HOST_HANDLE_TABLE_H_
#define FUTURECHECK_MODEL_HOST_HANDLE_TABLE_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

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
  // "the readable end of f0", "a waitable set", "own<resource> res#3".
  std::string Describe() const;
};

class HandleTable {
 public:
  // The spec's `Table.add`: the last freed index, or a new one at the end.
  rt::Handle Add(const HandleEntry& entry);
  // The live entry behind `handle`, or nullptr.
  const HandleEntry* Find(rt::Handle handle) const;
  // The spec's `Table.remove` of a live handle: frees its index for reuse.
  // Does nothing for a handle that is not live.
  void Remove(rt::Handle handle);
  // Whether `handle` was handed out and is not live now (dropped or moved
  // away, and not reused since).
  bool WasRemoved(rt::Handle handle) const;
  // What the index `handle` has named, oldest first (the last one is the
  // live entry, if it is live): more than one when it was reused.
  const std::vector<HandleEntry>& Tenants(rt::Handle handle) const;
  // "" when the index `handle` named one entry at most; otherwise, for a
  // report, " (handle 3 was reused: it named the readable end of f0, then
  // a waitable set)".
  std::string ReuseNote(rt::Handle handle) const;

  // Live handles.
  size_t size() const { return live_; }
  // Every live handle with its entry, in handle order.
  std::vector<std::pair<rt::Handle, HandleEntry>> Live() const;

 private:
  // Index 0 is never used, as the spec's table starts as [None].
  std::vector<std::optional<HandleEntry>> array_ = {std::nullopt};
  // Freed indices; the last one is reused first.
  std::vector<rt::Handle> free_;
  // For each index, every entry it named, in order.
  std::vector<std::vector<HandleEntry>> tenants_ = {{}};
  size_t live_ = 0;
};

}  // namespace fc::model

#endif  // FUTURECHECK_MODEL_HOST_HANDLE_TABLE_H_
