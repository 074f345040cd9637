/* The mock intrinsic layer as C functions: one per canonical built-in that a
 * futures-and-streams runtime calls, with the spec's signature plus a leading
 * type index where the built-in is per type (in wasm each future<T> and
 * stream<T> type gets its own imports; here the type travels as an argument),
 * and the guest allocator. A runtime written in C, or in Rust, Go or Zig
 * through their C FFI, links against this and is checked by the same model,
 * ledgers and invariants as futurecheck's C++ runtime.
 *
 *   uint64_t ends = fc_future_new(type);
 *   uint32_t readable = (uint32_t)ends, writable = (uint32_t)(ends >> 32);
 *   uint32_t code = fc_future_write(type, writable, buffer);
 *   if (code == FC_BLOCKED) { fc_waitable_join(writable, set); ... }
 *
 * Under futurecheck the host answers with a legal outcome a driver chooses
 * (the model in model/), traps where the spec traps, and keeps ledgers of
 * memory, handles and values. A host trap is recorded and the run is over:
 * every later call returns at once (0) and the harness stops the run after
 * the step. A runtime panic (fc_runtime_panic) does not return: it unwinds
 * as a C++ exception, so compile a C runtime with -fexceptions (the
 * unwinding then passes through C frames) and hold no lock across it. Type indices are the test
 * payload kinds: 0 u32, 1 string, 2 own<resource>, 3 record (model/value.h).
 *
 * C11; the functions are defined in cabi/host_bridge.cc. */
#ifndef FUTURECHECK_CABI_FUTURECHECK_HOST_H_
#define FUTURECHECK_CABI_FUTURECHECK_HOST_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
#define FC_NORETURN [[noreturn]]
extern "C" {
#else
#define FC_NORETURN _Noreturn
#endif

/* Return codes of the async copy built-ins: BLOCKED, or the result in the
 * low four bits and, for streams, the count of elements copied above them. */
#define FC_BLOCKED 0xffffffffu
#define FC_COPY_COMPLETED 0u
#define FC_COPY_DROPPED 1u
#define FC_COPY_CANCELLED 2u
#define FC_COPY_RESULT(code) ((code) & 0xfu)
#define FC_COPY_COUNT(code) ((code) >> 4)

/* Event codes of waitable-set.wait / waitable-set.poll. */
#define FC_EVENT_NONE 0u
#define FC_EVENT_SUBTASK 1u
#define FC_EVENT_STREAM_READ 2u
#define FC_EVENT_STREAM_WRITE 3u
#define FC_EVENT_FUTURE_READ 4u
#define FC_EVENT_FUTURE_WRITE 5u
#define FC_EVENT_TASK_CANCELLED 6u

/* The guest's allocator (cabi_realloc in a real guest). */
void* fc_alloc(size_t size, size_t align);
void fc_free(void* ptr, size_t size, size_t align);

/* future.new: the readable end in the low 32 bits, the writable in the high. */
uint64_t fc_future_new(uint32_t type);
/* future.read / future.write (async): FC_BLOCKED or a result code. */
uint32_t fc_future_read(uint32_t type, uint32_t readable, void* ptr);
uint32_t fc_future_write(uint32_t type, uint32_t writable, const void* ptr);
/* future.cancel-read / future.cancel-write (synchronous). */
uint32_t fc_future_cancel_read(uint32_t type, uint32_t readable);
uint32_t fc_future_cancel_write(uint32_t type, uint32_t writable);
void fc_future_drop_readable(uint32_t type, uint32_t readable);
void fc_future_drop_writable(uint32_t type, uint32_t writable);

/* stream.new: the readable end in the low 32 bits, the writable in the high. */
uint64_t fc_stream_new(uint32_t type);
/* stream.read / stream.write (async) of up to `length` elements at `ptr`. */
uint32_t fc_stream_read(uint32_t type, uint32_t readable, void* ptr, uint32_t length);
uint32_t fc_stream_write(uint32_t type, uint32_t writable, const void* ptr, uint32_t length);
uint32_t fc_stream_cancel_read(uint32_t type, uint32_t readable);
uint32_t fc_stream_cancel_write(uint32_t type, uint32_t writable);
void fc_stream_drop_readable(uint32_t type, uint32_t readable);
void fc_stream_drop_writable(uint32_t type, uint32_t writable);

/* waitable-set.new / waitable-set.drop; waitable.join (set 0 leaves). */
uint32_t fc_waitable_set_new(void);
void fc_waitable_set_drop(uint32_t set);
void fc_waitable_join(uint32_t waitable, uint32_t set);
/* waitable-set.wait / waitable-set.poll: returns the event code and stores
 * the waitable (for FC_EVENT_TASK_CANCELLED: the export task) at out[0] and
 * the payload (a copy's return code) at out[1]. */
uint32_t fc_waitable_set_wait(uint32_t set, uint32_t out[2]);
uint32_t fc_waitable_set_poll(uint32_t set, uint32_t out[2]);

/* task.return / task.cancel of export task `task` (one event loop serves
 * every export task here, so the task is named). */
void fc_task_return(uint32_t task);
void fc_task_cancel(uint32_t task);

/* An own<resource> of the other side's resource type: the imported
 * constructor, and resource.drop. */
uint32_t fc_resource_new(void);
void fc_resource_drop(uint32_t handle);

/* The runtime's documented failure (Rust's panic!): never returns. The
 * harness sees it as a runtime panic, not a crash. */
FC_NORETURN void fc_runtime_panic(const char* message);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* FUTURECHECK_CABI_FUTURECHECK_HOST_H_ */
