// A minimal waker: who to tell when an operation that returned "pending" can
// make progress. Copyable and cheap, like core::task::Waker over a raw vtable.
#ifndef FUTURECHECK_RUNTIME_WAKER_H_
#define FUTURECHECK_RUNTIME_WAKER_H_

namespace fc::rt {

class Waker {
 public:
  using WakeFn = void (*)(void* data);

  Waker() = default;
  Waker(WakeFn fn, void* data) : fn_(fn), data_(data) {}

  // A waker that does nothing (for callers that poll without waiting).
  static Waker Noop() { return Waker(); }

  void Wake() const {
    if (fn_ != nullptr) fn_(data_);
  }

 private:
  WakeFn fn_ = nullptr;
  void* data_ = nullptr;
};

}  // namespace fc::rt

#endif  // FUTURECHECK_RUNTIME_WAKER_H_
