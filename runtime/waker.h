// A waker: who to tell when an operation that returned "pending" can make
// progress. Like core::task::Waker over a RawWakerVTable: copying clones it,
// destroying drops it, so a waker that points into reference-counted task
// storage (runtime/executor.h) keeps that storage alive while it exists.
//
// A vtable whose clone and drop are null makes a plain, uncounted waker.
#ifndef FUTURECHECK_RUNTIME_WAKER_H_
#define FUTURECHECK_RUNTIME_WAKER_H_

#include <utility>

namespace fc::rt {

struct WakerVTable {
  void (*clone)(void* data);  // take one more reference (may be null)
  void (*wake)(void* data);   // schedule the owner; the reference stays
  void (*drop)(void* data);   // give one reference back (may be null)
};

class Waker {
 public:
  Waker() = default;
  // Adopts one reference the caller already took on `data`.
  Waker(const WakerVTable* vtable, void* data) : vtable_(vtable), data_(data) {}

  Waker(const Waker& other) : vtable_(other.vtable_), data_(other.data_) { Clone(); }
  Waker(Waker&& other) noexcept
      : vtable_(std::exchange(other.vtable_, nullptr)),
        data_(std::exchange(other.data_, nullptr)) {}
  Waker& operator=(const Waker& other) {
    if (this != &other) {
      Waker copy(other);
      *this = std::move(copy);
    }
    return *this;
  }
  Waker& operator=(Waker&& other) noexcept {
    if (this != &other) {
      Drop();
      vtable_ = std::exchange(other.vtable_, nullptr);
      data_ = std::exchange(other.data_, nullptr);
    }
    return *this;
  }
  ~Waker() { Drop(); }

  // A waker that does nothing (for callers that poll without waiting).
  static Waker Noop() { return Waker(); }

  void Wake() const {
    if (vtable_ != nullptr) vtable_->wake(data_);
  }
  bool is_noop() const { return vtable_ == nullptr; }
  // Whether both wake the same owner (Rust's Waker::will_wake).
  bool WillWake(const Waker& other) const {
    return vtable_ == other.vtable_ && data_ == other.data_;
  }

 private:
  void Clone() const {
    if (vtable_ != nullptr && vtable_->clone != nullptr) vtable_->clone(data_);
  }
  void Drop() {
    if (vtable_ != nullptr && vtable_->drop != nullptr) vtable_->drop(data_);
    vtable_ = nullptr;
    data_ = nullptr;
  }

  const WakerVTable* vtable_ = nullptr;
  void* data_ = nullptr;
};

}  // namespace fc::rt

#endif  // FUTURECHECK_RUNTIME_WAKER_H_
