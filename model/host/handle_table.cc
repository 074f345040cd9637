#include "model/host/handle_table.h"

#include <algorithm>

namespace fc::model {

rt::Handle HandleTable::Add(const HandleEntry& entry) {
  const rt::Handle handle = next_++;
  entries_.emplace(handle, entry);
  return handle;
}

const HandleEntry* HandleTable::Find(rt::Handle handle) const {
  auto it = entries_.find(handle);
  return it == entries_.end() ? nullptr : &it->second;
}

void HandleTable::Remove(rt::Handle handle) {
  if (entries_.erase(handle) != 0) removed_.insert(handle);
}

std::vector<std::pair<rt::Handle, HandleEntry>> HandleTable::Live() const {
  std::vector<std::pair<rt::Handle, HandleEntry>> out(entries_.begin(), entries_.end());
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return out;
}

}  // namespace fc::model
