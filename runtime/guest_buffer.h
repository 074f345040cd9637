// A heap buffer in guest memory sized for one payload value, freed when the
// owner is destroyed. Operations keep it alive for as long as the host may
// read or write it.
#ifndef FUTURECHECK_RUNTIME_GUEST_BUFFER_H_
#define FUTURECHECK_RUNTIME_GUEST_BUFFER_H_

#include <cstddef>
#include <utility>

#include "runtime/abi.h"

namespace fc::rt {

class GuestBuffer {
 public:
  GuestBuffer(HostAbi& abi, size_t size, size_t align)
      : abi_(&abi), size_(size), align_(align), ptr_(abi.Alloc(size, align)) {}
  GuestBuffer(GuestBuffer&& other) noexcept
      : abi_(other.abi_),
        size_(other.size_),
        align_(other.align_),
        ptr_(std::exchange(other.ptr_, nullptr)) {}
  GuestBuffer& operator=(GuestBuffer&& other) noexcept {
    if (this != &other) {
      Release();
      abi_ = other.abi_;
      size_ = other.size_;
      align_ = other.align_;
      ptr_ = std::exchange(other.ptr_, nullptr);
    }
    return *this;
  }
  ~GuestBuffer() { Release(); }

  void* get() const { return ptr_; }
  // Frees the buffer now (no-op when already freed).
  void Release() {
    if (ptr_ != nullptr) abi_->Free(std::exchange(ptr_, nullptr), size_, align_);
  }

 private:
  HostAbi* abi_;
  size_t size_;
  size_t align_;
  void* ptr_;
};

}  // namespace fc::rt

#endif  // FUTURECHECK_RUNTIME_GUEST_BUFFER_H_
