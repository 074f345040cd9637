#include "model/guest_heap.h"

#include <sanitizer/asan_interface.h>  // no-op macros without ASan

#include <algorithm>
#include <cstdlib>
#include <new>
#include <utility>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace fc::model {

GuestHeap::~GuestHeap() {
  for (const Storage& s : storage_) {
    ASAN_UNPOISON_MEMORY_REGION(s.raw, s.lead);
    ::operator delete(s.raw, std::align_val_t{s.align});
  }
}

void* GuestHeap::Alloc(size_t size, size_t align) {
  if (align == 0 || (align & (align - 1)) != 0 || align > 16) {
    log_->Add(Invariant::kMemorySafety, absl::StrFormat("allocation with bad alignment %u", align));
    align = 16;
  }
  // Exactly the alignment asked, no more: the block starts `align` bytes
  // into storage aligned at twice that (at least 16), so its address is a
  // multiple of `align` and never of 2 * `align`. A runtime that asks less
  // than its payload needs gets a misaligned buffer every time, not by luck.
  // Never hand out the same address twice: zero-sized requests get a byte.
  const size_t storage_align = std::max<size_t>(2 * align, 16);
  void* raw = ::operator new(align + std::max<size_t>(size, 1), std::align_val_t{storage_align});
  storage_.push_back(Storage{raw, storage_align, align});
  ASAN_POISON_MEMORY_REGION(raw, align);  // an underflow stays an ASan error
  void* p = static_cast<char*>(raw) + align;
  blocks_.emplace(reinterpret_cast<uintptr_t>(p), Block{next_id_++, size, align, false, {}});
  ++live_;
  return p;
}

void GuestHeap::Free(void* ptr, size_t size, size_t align) {
  auto it = blocks_.find(reinterpret_cast<uintptr_t>(ptr));
  if (it == blocks_.end()) {
    log_->Add(Invariant::kMemorySafety, "free of a pointer the guest heap never returned");
    return;
  }
  Block& block = it->second;
  if (block.freed) {
    log_->Add(Invariant::kMemorySafety, absl::StrFormat("double free of allocation #%u", block.id));
    return;
  }
  if (!block.pinned_by.empty()) {
    log_->Add(Invariant::kMemorySafety,
              absl::StrFormat("allocation #%u freed while the host may still use it (%s)", block.id,
                              block.pinned_by));
  }
  if (block.size != size || block.align != align) {
    log_->Add(Invariant::kMemorySafety,
              absl::StrFormat("allocation #%u (%u B, align %u) freed as %u B, align %u", block.id,
                              block.size, block.align, size, align));
  }
  block.freed = true;
  --live_;
}

void GuestHeap::Pin(const void* ptr, std::string holder) {
  auto it = blocks_.find(reinterpret_cast<uintptr_t>(ptr));
  if (it != blocks_.end()) it->second.pinned_by = std::move(holder);
}

void GuestHeap::Unpin(const void* ptr) {
  auto it = blocks_.find(reinterpret_cast<uintptr_t>(ptr));
  if (it != blocks_.end()) it->second.pinned_by.clear();
}

bool GuestHeap::CheckHostAccess(const void* ptr, size_t size, const std::string& what) {
  const auto address = reinterpret_cast<uintptr_t>(ptr);
  auto it = blocks_.upper_bound(address);  // the first block after `ptr`
  if (it == blocks_.begin() ||
      (--it, address >= it->first + std::max<size_t>(it->second.size, 1))) {
    log_->Add(Invariant::kMemorySafety, absl::StrFormat("%s: not a guest heap allocation", what));
    return false;
  }
  const size_t offset = address - it->first;
  if (it->second.freed) {
    log_->Add(Invariant::kMemorySafety,
              absl::StrFormat("%s: allocation #%u was already freed", what, it->second.id));
    return false;
  }
  if (it->second.size < offset + size) {
    log_->Add(Invariant::kMemorySafety,
              absl::StrFormat("%s: %u B needed at offset %u, allocation #%u has %u B", what, size,
                              offset, it->second.id, it->second.size));
    return false;
  }
  return true;
}

uint64_t GuestHeap::IdOf(const void* ptr) const {
  auto it = blocks_.find(reinterpret_cast<uintptr_t>(ptr));
  return it == blocks_.end() ? 0 : it->second.id;
}

std::string GuestHeap::DescribeLive() const {
  std::vector<std::pair<uint64_t, size_t>> live;
  for (const auto& [addr, block] : blocks_) {
    if (!block.freed) live.emplace_back(block.id, block.size);
  }
  std::sort(live.begin(), live.end());
  return absl::StrJoin(live, ", ", [](std::string* out, const std::pair<uint64_t, size_t>& b) {
    absl::StrAppendFormat(out, "#%u (%u B)", b.first, b.second);
  });
}

}  // namespace fc::model
