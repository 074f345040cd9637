#include "model/host/resource_table.h"

namespace fc::model {

uint64_t ResourceTable::New(ResourceOwner owner) {
  const uint64_t rep = next_rep_++;
  owners_[rep] = owner;
  return rep;
}

ResourceOwner ResourceTable::owner(uint64_t rep) const {
  auto it = owners_.find(rep);
  return it == owners_.end() ? ResourceOwner::kDropped : it->second;
}

size_t ResourceTable::OwnedBy(ResourceOwner owner) const {
  size_t n = 0;
  for (const auto& [rep, o] : owners_) n += o == owner ? 1 : 0;
  return n;
}

void ResourceTable::TransferAll(ResourceOwner from, ResourceOwner to) {
  for (auto& [rep, o] : owners_) {
    if (o == from) o = to;
  }
}

}  // namespace fc::model
