#include "model/host/waitable_sets.h"

#include <algorithm>

namespace fc::model {

void WaitableSets::Join(rt::Handle waitable, rt::Handle set) {
  if (set == rt::kNoHandle) {
    Leave(waitable);
  } else {
    set_of_[waitable] = set;
  }
}

rt::Handle WaitableSets::SetOf(rt::Handle waitable) const {
  auto it = set_of_.find(waitable);
  return it == set_of_.end() ? rt::kNoHandle : it->second;
}

std::vector<rt::Handle> WaitableSets::MembersOf(rt::Handle set) const {
  std::vector<rt::Handle> members;
  for (const auto& [waitable, in] : set_of_) {
    if (in == set) members.push_back(waitable);
  }
  std::sort(members.begin(), members.end());
  return members;
}

std::vector<std::pair<rt::Handle, rt::Handle>> WaitableSets::Memberships() const {
  std::vector<std::pair<rt::Handle, rt::Handle>> out(set_of_.begin(), set_of_.end());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace fc::model
