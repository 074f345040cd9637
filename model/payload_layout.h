// How the test payload types lie in guest memory (the canonical ABI's flat
// layout, with native 64-bit pointers). Shared by the guest-side lowering
// (payloads.h) and the host-side lifting (payload_codec.h), which must agree.
#ifndef FUTURECHECK_MODEL_PAYLOAD_LAYOUT_H_
#define FUTURECHECK_MODEL_PAYLOAD_LAYOUT_H_

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "model/value.h"

namespace fc::model::layout {

// list<T> / string: pointer and length.
struct List {
  uint64_t ptr;
  uint64_t len;
};
// record { name: string, tags: list<string>, res: own<resource> }
struct Record {
  List name;
  List tags;
  uint32_t res;
  uint32_t padding;
};

inline size_t SizeOf(PayloadKind kind) {
  switch (kind) {
    case PayloadKind::kU32:
    case PayloadKind::kResource:
      return 4;
    case PayloadKind::kString:
      return sizeof(List);
    case PayloadKind::kRecord:
      return sizeof(Record);
  }
  return 0;
}

inline size_t AlignOf(PayloadKind kind) {
  return (kind == PayloadKind::kU32 || kind == PayloadKind::kResource) ? 4 : 8;
}

// The spec's `ptr == align_to(ptr, alignment)`.
inline bool IsAligned(const void* ptr, size_t align) {
  return reinterpret_cast<uintptr_t>(ptr) % align == 0;
}

// Unaligned-safe loads and stores: guest memory is bytes.
template <class T>
T Load(const void* ptr) {
  T value;
  std::memcpy(&value, ptr, sizeof(T));
  return value;
}
template <class T>
void Store(void* ptr, const T& value) {
  std::memcpy(ptr, &value, sizeof(T));
}

inline void* AsPtr(uint64_t address) { return reinterpret_cast<void*>(address); }
inline uint64_t AsAddress(const void* ptr) { return reinterpret_cast<uint64_t>(ptr); }

}  // namespace fc::model::layout

#endif  // FUTURECHECK_MODEL_PAYLOAD_LAYOUT_H_
