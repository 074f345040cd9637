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

typedef struct fcrt_copy fcrt_copy;

/* What one kind of copy (a future or stream read or write) does on the
 * host: the one table each kind fills, which the copy state machine below
 * drives. */
typedef struct fcrt_copy_kind {
  uint32_t event; /* the FC_EVENT_* its blocked copy waits for */
  /* Offers the operation's buffer to the host at its first poll and returns
   * the raw code (through fcrt_copy_started). The copy is the operation's
   * first member. */
  uint32_t (*start)(fcrt_copy* copy);
  /* The built-in's synchronous cancel (future.cancel-read, ...). */
  uint32_t (*cancel)(uint32_t type, uint32_t handle);
  /* The panic when the copy reports CANCELLED though nobody cancelled it. */
  const char* cancelled_uninvited;
} fcrt_copy_kind;

/* One async copy: the state every operation shares, and the waitable it
 * registered while in progress. */
struct fcrt_copy {
  fcrt_runtime* rt;
  const fcrt_copy_kind* kind;
  uint32_t type; /* the payload type index the built-ins take */
  fcrt_op_state state;
  uint32_t waitable;
  fcrt_waiter waiter;
};

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

/* A copy of `kind` for payload type `type`, not started yet. */
void fcrt_copy_init(fcrt_copy* copy, fcrt_runtime* rt, const fcrt_copy_kind* kind, uint32_t type);
/* A new operation of `size` bytes (fcrt_xmalloc), zeroed, whose first
 * member is its copy, initialized. */
void* fcrt_copy_new(size_t size, fcrt_runtime* rt, const fcrt_copy_kind* kind, uint32_t type);
/* The copy's first return code `raw` came back from the host for
 * `waitable`: in progress, and registered if it blocked. Returns `raw`. */
uint32_t fcrt_copy_started(fcrt_copy* copy, uint32_t waitable, uint32_t raw);
/* A poll: starts the copy (its kind's `start`) if it has not started, else
 * takes its event's code (and the copy leaves the set). FC_BLOCKED while the
 * host holds the buffer. Panics when the operation already finished (the
 * documented panics) and on CANCELLED, which no cancel asked for. */
uint32_t fcrt_copy_poll(fcrt_copy* copy);
/* A cancel: FC_COPY_CANCELLED if the copy never started (nothing reached the
 * host). In progress, it leaves the set first (a synchronous cancel of an
 * end in a set traps), then returns the event's code if it already arrived
 * (the end is no longer copying), else the code of the host's synchronous
 * cancel. Panics when the operation already finished or was cancelled. */
uint32_t fcrt_copy_cancel(fcrt_copy* copy);
/* Panics on a CANCELLED code for a copy nobody cancelled. */
void fcrt_copy_check_uncancelled(const fcrt_copy* copy, uint32_t raw);

#endif /* FUTURECHECK_C_RUNTIME_FCRT_INTERNAL_H_ */
