// The C functions of futurecheck_host.h, forwarded to the host bound on this
// thread (HostBinding).
#include "cabi/host_bridge.h"

#include <cstdio>
#include <cstdlib>

#include "cabi/futurecheck_host.h"
#include "runtime/panic.h"

namespace fc::cabi {
namespace {

thread_local rt::HostAbi* bound_host = nullptr;

// A C function called with no host bound is a harness or adapter bug, not a
// finding: say so and stop.
rt::HostAbi& Host(const char* function) {
  if (bound_host == nullptr) {
    std::fprintf(stderr,
                 "futurecheck: %s called with no host bound (make a cabi::HostBinding "
                 "before calling into the C runtime)\n",
                 function);
    std::abort();
  }
  return *bound_host;
}

rt::FutureTypeId Future(uint32_t type) { return rt::FutureTypeId{type}; }
rt::StreamTypeId Stream(uint32_t type) { return rt::StreamTypeId{type}; }

uint32_t StoreEvent(const rt::Event& event, uint32_t out[2]) {
  out[0] = event.index;
  out[1] = event.payload;
  return static_cast<uint32_t>(event.code);
}

}  // namespace

void BindHost(rt::HostAbi* host) { bound_host = host; }

HostBinding::HostBinding(rt::HostAbi& host) : previous_(bound_host) { bound_host = &host; }
HostBinding::~HostBinding() { bound_host = previous_; }

}  // namespace fc::cabi

using fc::cabi::Future;
using fc::cabi::Host;
using fc::cabi::Stream;

extern "C" {

void* fc_alloc(size_t size, size_t align) { return Host(__func__).Alloc(size, align); }
void fc_free(void* ptr, size_t size, size_t align) { Host(__func__).Free(ptr, size, align); }

uint64_t fc_future_new(uint32_t type) { return Host(__func__).FutureNew(Future(type)); }
uint32_t fc_future_read(uint32_t type, uint32_t readable, void* ptr) {
  return Host(__func__).FutureRead(Future(type), readable, ptr);
}
uint32_t fc_future_write(uint32_t type, uint32_t writable, const void* ptr) {
  return Host(__func__).FutureWrite(Future(type), writable, ptr);
}
uint32_t fc_future_cancel_read(uint32_t type, uint32_t readable) {
  return Host(__func__).FutureCancelRead(Future(type), readable);
}
uint32_t fc_future_cancel_write(uint32_t type, uint32_t writable) {
  return Host(__func__).FutureCancelWrite(Future(type), writable);
}
void fc_future_drop_readable(uint32_t type, uint32_t readable) {
  Host(__func__).FutureDropReadable(Future(type), readable);
}
void fc_future_drop_writable(uint32_t type, uint32_t writable) {
  Host(__func__).FutureDropWritable(Future(type), writable);
}

uint64_t fc_stream_new(uint32_t type) { return Host(__func__).StreamNew(Stream(type)); }
uint32_t fc_stream_read(uint32_t type, uint32_t readable, void* ptr, uint32_t length) {
  return Host(__func__).StreamRead(Stream(type), readable, ptr, length);
}
uint32_t fc_stream_write(uint32_t type, uint32_t writable, const void* ptr, uint32_t length) {
  return Host(__func__).StreamWrite(Stream(type), writable, ptr, length);
}
uint32_t fc_stream_cancel_read(uint32_t type, uint32_t readable) {
  return Host(__func__).StreamCancelRead(Stream(type), readable);
}
uint32_t fc_stream_cancel_write(uint32_t type, uint32_t writable) {
  return Host(__func__).StreamCancelWrite(Stream(type), writable);
}
void fc_stream_drop_readable(uint32_t type, uint32_t readable) {
  Host(__func__).StreamDropReadable(Stream(type), readable);
}
void fc_stream_drop_writable(uint32_t type, uint32_t writable) {
  Host(__func__).StreamDropWritable(Stream(type), writable);
}

uint32_t fc_waitable_set_new(void) { return Host(__func__).WaitableSetNew(); }
void fc_waitable_set_drop(uint32_t set) { Host(__func__).WaitableSetDrop(set); }
void fc_waitable_join(uint32_t waitable, uint32_t set) {
  Host(__func__).WaitableJoin(waitable, set);
}
uint32_t fc_waitable_set_wait(uint32_t set, uint32_t out[2]) {
  return fc::cabi::StoreEvent(Host(__func__).WaitableSetWait(set), out);
}
uint32_t fc_waitable_set_poll(uint32_t set, uint32_t out[2]) {
  return fc::cabi::StoreEvent(Host(__func__).WaitableSetPoll(set), out);
}

void fc_task_return(uint32_t task) { Host(__func__).TaskReturn(task); }
void fc_task_cancel(uint32_t task) { Host(__func__).TaskCancel(task); }

uint32_t fc_resource_new(void) { return Host(__func__).ResourceNew(); }
void fc_resource_drop(uint32_t handle) { Host(__func__).ResourceDrop(handle); }

void fc_runtime_panic(const char* message) { fc::rt::Panic(message); }

}  // extern "C"
