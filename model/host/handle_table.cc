#include "model/host/handle_table.h"

#include <cassert>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace fc::model {

std::string HandleEntry::Describe() const {
  switch (kind) {
    case Kind::kChannelEnd:
      return absl::StrFormat("the %s end of %c%u", readable ? "readable" : "writable",
                             ChannelLetter(channel_kind), channel);
    case Kind::kResource:
      return absl::StrFormat("own<resource> res#%u", rep);
    case Kind::kWaitableSet:
      break;
  }
  return "a waitable set";
}

rt::Handle HandleTable::Add(const HandleEntry& entry) {
  rt::Handle handle;
  if (!free_.empty()) {
    handle = free_.back();
    free_.pop_back();
    assert(!array_[handle].has_value());
    array_[handle] = entry;
  } else {
    // The spec traps past 2^28-1 entries; no scenario comes near.
    handle = static_cast<rt::Handle>(array_.size());
    array_.push_back(entry);
    tenants_.emplace_back();
  }
  tenants_[handle].push_back(entry);
  ++live_;
  return handle;
}

const HandleEntry* HandleTable::Find(rt::Handle handle) const {
  if (handle >= array_.size() || !array_[handle].has_value()) return nullptr;
  return &*array_[handle];
}

void HandleTable::Remove(rt::Handle handle) {
  if (Find(handle) == nullptr) return;
  array_[handle].reset();
  free_.push_back(handle);
  --live_;
}

bool HandleTable::WasRemoved(rt::Handle handle) const {
  return handle != rt::kNoHandle && handle < array_.size() && !array_[handle].has_value();
}

const std::vector<HandleEntry>& HandleTable::Tenants(rt::Handle handle) const {
  static const std::vector<HandleEntry> kNone;
  return handle < tenants_.size() ? tenants_[handle] : kNone;
}

std::string HandleTable::ReuseNote(rt::Handle handle) const {
  const std::vector<HandleEntry>& tenants = Tenants(handle);
  if (tenants.size() < 2) return "";
  std::string out = absl::StrFormat(" (handle %u was reused: it named ", handle);
  for (size_t i = 0; i < tenants.size(); ++i) {
    absl::StrAppend(&out, i == 0 ? "" : ", then ", tenants[i].Describe());
  }
  return out + ")";
}

std::vector<std::pair<rt::Handle, HandleEntry>> HandleTable::Live() const {
  std::vector<std::pair<rt::Handle, HandleEntry>> out;
  out.reserve(live_);
  for (size_t i = 1; i < array_.size(); ++i) {
    if (array_[i].has_value()) out.emplace_back(static_cast<rt::Handle>(i), *array_[i]);
  }
  return out;
}

}  // namespace fc::model
