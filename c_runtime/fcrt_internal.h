/* fcrt's private state structs and the helpers its future and stream halves
 * share: the per-copy state machine (start, wait for the event, cancel) and
 * the runtime's table of waitables that host events are routed to. */
#ifndef FUTURECHECK_C_RUNTIME_FCRT_INTERNAL_H_
#define FUTURECHECK_C_RUNTIME_FCRT_INTERNAL_H_

#include <stddef.h>
#include <stdint.h>

#include "c_runtime/fcrt.h"
#include "cabi/futurecheck_host.h"

/* Where an operation waits for its event while the host holds its buffer.
 * A hand-polled operation leaves `on_event` NULL: the code waits in `code`
 * for its next poll or cancel. Background work the runtime owns sets both
 * callbacks: `on_event` finishes it when the event arrives, `on_shutdown`
 * cancels it when the runtime goes away first. */
typedef struct fcrt_waiter {
  uint32_t event; /* FC_EVENT_* it expects */
  int has_code;
  uint32_t code;
  void (*on_event)(struct fcrt_waiter* waiter, uint32_t code);
  void (*on_shutdown)(struct fcrt_waiter* waiter);
} fcrt_waiter;

typedef struct fcrt_registration {
  uint32_t waitable;
  fcrt_waiter* waiter;
} fcrt_registration;

struct fcrt_runtime {
  uint32_t set; /* the waitable set, made when an operation first blocks */
  uint32_t max_copy_length;
  fcrt_registration* registered;
  size_t registered_count;
  size_t registered_capacity;
};

/* One async copy (a future or stream read or write): the state every
 * operation shares, and the waitable it registered while in progress. */
typedef struct fcrt_copy {
  fcrt_runtime* rt;
  fcrt_op_state state;
  uint32_t waitable;
  fcrt_waiter waiter;
} fcrt_copy;

struct fcrt_future_writer {
  fcrt_runtime* rt;
  const fcrt_payload_ops* ops;
  uint32_t handle;
  /* Cleared once a write completed or saw the reader dropped: only then may
   * the end be dropped without writing (the spec traps otherwise). */
  int should_write_default;
};

struct fcrt_future_reader {
  fcrt_runtime* rt;
  const fcrt_payload_ops* ops;
  uint32_t handle;
};

/* Both ends of a stream: `done` once a copy saw DROPPED, after which copies
 * answer DROPPED(0) without reaching the host (the spec traps on a copy
 * after the other end is gone). */
typedef struct fcrt_stream_end {
  fcrt_runtime* rt;
  const fcrt_payload_ops* ops;
  uint32_t handle;
  int done;
} fcrt_stream_end;

struct fcrt_stream_writer {
  fcrt_stream_end end;
};
struct fcrt_stream_reader {
  fcrt_stream_end end;
};

FC_NORETURN void fcrt_panic(const char* message);

/* malloc that panics instead of returning NULL. */
void* fcrt_xmalloc(size_t size);

/* Joins `waitable` to the runtime's set (made on first use) and routes its
 * events to `waiter`. Panics if the waitable already has one. */
void fcrt_register(fcrt_runtime* rt, uint32_t waitable, fcrt_waiter* waiter);
/* Takes `waitable` out of the set, if it was registered. */
void fcrt_unregister(fcrt_runtime* rt, uint32_t waitable);

void fcrt_copy_init(fcrt_copy* copy, fcrt_runtime* rt, uint32_t event);
/* The copy's first return code `raw` came back from the host for
 * `waitable`: in progress, and registered if it blocked. Returns `raw`. */
uint32_t fcrt_copy_started(fcrt_copy* copy, uint32_t waitable, uint32_t raw);
/* An in-progress copy polled: its event's code (and the copy leaves the
 * set), or FC_BLOCKED while the event has not arrived. */
uint32_t fcrt_copy_take_event(fcrt_copy* copy);
/* An in-progress copy cancelled: leaves the set first (a synchronous cancel
 * of an end in a set traps), and returns the event's code if it already
 * arrived, else FC_BLOCKED: the caller then cancels on the host. */
uint32_t fcrt_copy_begin_cancel(fcrt_copy* copy);
/* The documented panics of polling or cancelling a finished operation. */
void fcrt_copy_check_pollable(const fcrt_copy* copy);
void fcrt_copy_check_cancellable(const fcrt_copy* copy);
/* The code a synchronous cancel returned must be a result. */
void fcrt_check_cancel_code(uint32_t raw);

#endif /* FUTURECHECK_C_RUNTIME_FCRT_INTERNAL_H_ */
