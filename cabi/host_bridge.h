// Binds the C functions of futurecheck_host.h to one host (the mock
// intrinsic layer of a run) for as long as the binding lives. An adapter for
// a C runtime makes one next to its runtime; bindings nest (the inner one
// wins until it goes), one chain per thread.
//
//   fc::cabi::HostBinding binding(world.host);
//   c_runtime_do_something();   // its fc_* calls reach world.host
#ifndef FUTURECHECK_CABI_HOST_BRIDGE_H_
#define FUTURECHECK_CABI_HOST_BRIDGE_H_

#include "runtime/abi.h"

namespace fc::cabi {

// Binds the C functions to `host` until the next BindHost or HostBinding
// (for an adapter whose runtimes may be alive side by side and rebind on
// every call in: sut::Runtime::MakeCurrent).
void BindHost(rt::HostAbi* host);

class HostBinding {
 public:
  explicit HostBinding(rt::HostAbi& host);
  ~HostBinding();
  HostBinding(const HostBinding&) = delete;
  HostBinding& operator=(const HostBinding&) = delete;

 private:
  rt::HostAbi* previous_;
};

}  // namespace fc::cabi

#endif  // FUTURECHECK_CABI_HOST_BRIDGE_H_
