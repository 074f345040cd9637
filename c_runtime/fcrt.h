/* fcrt: a small guest-side runtime for Component Model futures and streams,
 * written in C11 the way a C bindings author would write one: explicit state
 * structs, an operations table per payload type, completion callbacks for the
 * work the runtime keeps in the background, and no executor or tasks. It
 * calls nothing but the canonical built-ins and the guest allocator of
 * cabi/futurecheck_host.h.
 *
 *   fcrt_runtime* rt = fcrt_runtime_new();
 *   uint32_t readable;
 *   fcrt_future_writer* w = fcrt_future_new(rt, &u32_ops, &readable);
 *   fcrt_future_write* op = fcrt_future_write_new(w, value);   // takes w and value
 *   fcrt_future_write_outcome out;
 *   while (!fcrt_future_write_poll(op, &out)) fcrt_wait_for_event(rt);
 *   fcrt_future_write_free(op);
 *
 * Ownership: payload values are opaque `void*` the runtime owns between
 * calls (a write consumes its values; results hand values back to the
 * caller). Starting an operation takes the end; finishing or cancelling it
 * hands the end back, or drops it when it can do nothing more. Every object
 * returned by a constructor is released with its _free function, which
 * behaves like dropping it in Rust's wit-bindgen: freeing an operation in
 * flight cancels it, freeing a future writer that never wrote writes the
 * payload type's default value (in the background if that write blocks).
 *
 * Documented panics (fc_runtime_panic): polling or cancelling an operation
 * after it completed or was cancelled, and return codes or events the spec
 * rules out.
 */
#ifndef FUTURECHECK_C_RUNTIME_FCRT_H_
#define FUTURECHECK_C_RUNTIME_FCRT_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* How values of one payload type travel through guest memory: what the
 * bindings generator emits for each future<T> / stream<T> type. */
typedef struct fcrt_payload_ops {
  uint32_t type; /* the type index the built-ins take */
  size_t size, align;
  /* Moves `value` into `dst` (consuming the value): lists are copied into
   * fresh guest allocations `dst` now owns. */
  void (*lower)(void* ctx, void* value, void* dst);
  /* Rebuilds a value from `src`, taking over (and freeing) its lists. */
  void* (*lift)(void* ctx, void* src);
  /* Frees the lists `dst` owns after the other side copied them out. */
  void (*dealloc_lists)(void* ctx, void* dst);
  /* The value a writer dropped unwritten writes. */
  void* (*make_default)(void* ctx);
  void (*drop_value)(void* ctx, void* value);
  void* ctx;
} fcrt_payload_ops;

typedef enum fcrt_op_state {
  FCRT_OP_NOT_STARTED, /* nothing reached the host yet */
  FCRT_OP_IN_PROGRESS, /* the host holds the buffer */
  FCRT_OP_DONE,
  FCRT_OP_CANCELLED,
} fcrt_op_state;

typedef enum fcrt_copy_result {
  FCRT_COPY_COMPLETED = 0,
  FCRT_COPY_DROPPED = 1,
  FCRT_COPY_CANCELLED = 2,
} fcrt_copy_result;

/* ------------------------------------------------------------ runtime -- */

typedef struct fcrt_runtime fcrt_runtime;

fcrt_runtime* fcrt_runtime_new(void);
/* Shuts down (if not done yet) and frees the runtime. */
void fcrt_runtime_free(fcrt_runtime* rt);
/* The most elements one stream copy may move (the spec's 2^28-1 unless
 * lowered). */
void fcrt_set_max_copy_length(fcrt_runtime* rt, uint32_t n);
/* The runtime's waitable set (0 until an operation first blocked). */
uint32_t fcrt_waitable_set(const fcrt_runtime* rt);
/* Waitables the runtime waits on for events (0 once everything settled). */
size_t fcrt_registered_waitables(const fcrt_runtime* rt);
/* waitable-set.wait on the runtime's set, and the event routed: to the
 * operation waiting on that waitable (its next poll or cancel sees the
 * code), or to a background default write, which finishes at once. */
void fcrt_wait_for_event(fcrt_runtime* rt);
/* The host's event entry point (what a callback receives). */
void fcrt_dispatch(fcrt_runtime* rt, uint32_t event, uint32_t waitable, uint32_t payload);
/* Cancels background writes still in flight and drops the waitable set. */
void fcrt_shutdown(fcrt_runtime* rt);

/* ------------------------------------------------------------ futures -- */

typedef struct fcrt_future_writer fcrt_future_writer;
typedef struct fcrt_future_reader fcrt_future_reader;
typedef struct fcrt_future_write fcrt_future_write;
typedef struct fcrt_future_read fcrt_future_read;

/* future.new: returns the writer and stores the readable end's handle. */
fcrt_future_writer* fcrt_future_new(fcrt_runtime* rt, const fcrt_payload_ops* ops,
                                    uint32_t* readable);
/* A reader over a readable end the guest received. */
fcrt_future_reader* fcrt_future_reader_new(fcrt_runtime* rt, const fcrt_payload_ops* ops,
                                           uint32_t readable);
uint32_t fcrt_future_writer_handle(const fcrt_future_writer* writer);
uint32_t fcrt_future_reader_handle(const fcrt_future_reader* reader);
/* Drops the end (a writer that never wrote writes the default value). */
void fcrt_future_writer_free(fcrt_future_writer* writer);
void fcrt_future_reader_free(fcrt_future_reader* reader);

typedef struct fcrt_future_write_outcome {
  int written; /* the reader took the value */
  void* value; /* otherwise the reader was dropped first: the value back */
} fcrt_future_write_outcome;

typedef enum fcrt_write_cancel_kind {
  FCRT_WRITE_ALREADY_SENT,
  FCRT_WRITE_READER_DROPPED,
  FCRT_WRITE_CANCELLED,
} fcrt_write_cancel_kind;

typedef struct fcrt_future_write_cancel_result {
  fcrt_write_cancel_kind kind;
  void* value;                /* READER_DROPPED, CANCELLED */
  fcrt_future_writer* writer; /* CANCELLED: may write again */
} fcrt_future_write_cancel_result;

/* Takes `writer` and `value`; nothing reaches the host before the first
 * poll. */
fcrt_future_write* fcrt_future_write_new(fcrt_future_writer* writer, void* value);
fcrt_op_state fcrt_future_write_state(const fcrt_future_write* op);
/* 1 and `*out` filled once finished; 0 while the host holds the value. */
int fcrt_future_write_poll(fcrt_future_write* op, fcrt_future_write_outcome* out);
void fcrt_future_write_cancel(fcrt_future_write* op, fcrt_future_write_cancel_result* out);
void fcrt_future_write_free(fcrt_future_write* op);

typedef struct fcrt_future_read_cancel_result {
  int ready; /* the read raced to completion: `value` */
  void* value;
  fcrt_future_reader* reader; /* not ready: may read again */
} fcrt_future_read_cancel_result;

fcrt_future_read* fcrt_future_read_new(fcrt_future_reader* reader);
fcrt_op_state fcrt_future_read_state(const fcrt_future_read* op);
int fcrt_future_read_poll(fcrt_future_read* op, void** value);
void fcrt_future_read_cancel(fcrt_future_read* op, fcrt_future_read_cancel_result* out);
void fcrt_future_read_free(fcrt_future_read* op);

/* ------------------------------------------------------------ streams -- */

typedef struct fcrt_stream_writer fcrt_stream_writer;
typedef struct fcrt_stream_reader fcrt_stream_reader;
typedef struct fcrt_stream_write fcrt_stream_write;
typedef struct fcrt_stream_write_all fcrt_stream_write_all;
typedef struct fcrt_stream_read fcrt_stream_read;

fcrt_stream_writer* fcrt_stream_new(fcrt_runtime* rt, const fcrt_payload_ops* ops,
                                    uint32_t* readable);
fcrt_stream_reader* fcrt_stream_reader_new(fcrt_runtime* rt, const fcrt_payload_ops* ops,
                                           uint32_t readable);
uint32_t fcrt_stream_writer_handle(const fcrt_stream_writer* writer);
uint32_t fcrt_stream_reader_handle(const fcrt_stream_reader* reader);
void fcrt_stream_writer_free(fcrt_stream_writer* writer);
void fcrt_stream_reader_free(fcrt_stream_reader* reader);

/* A finished or cancelled write: `sent` elements went to the reader, the
 * rest come back in order in `unsent` (an array the caller releases with
 * fcrt_values_free after taking the values), with the writer. */
typedef struct fcrt_stream_write_result {
  fcrt_copy_result result;
  uint32_t sent;
  void** unsent;
  uint32_t unsent_count;
  fcrt_stream_writer* writer;
} fcrt_stream_write_result;

typedef struct fcrt_stream_read_result {
  fcrt_copy_result result;
  void** values; /* exactly the elements copied */
  uint32_t count;
  fcrt_stream_reader* reader;
} fcrt_stream_read_result;

/* Releases an array of values handed out in a result (not the values). */
void fcrt_values_free(void** values);

/* Takes the writer and the `count` values (the array is copied). One copy
 * moves at most the copy limit: the rest come back unsent. */
fcrt_stream_write* fcrt_stream_write_new(fcrt_stream_writer* writer, void* const* values,
                                         uint32_t count);
fcrt_op_state fcrt_stream_write_state(const fcrt_stream_write* op);
int fcrt_stream_write_poll(fcrt_stream_write* op, fcrt_stream_write_result* out);
void fcrt_stream_write_cancel(fcrt_stream_write* op, fcrt_stream_write_result* out);
void fcrt_stream_write_free(fcrt_stream_write* op);

/* Copy after copy until every value was sent or the reader is gone; `sent`
 * counts every copy. Not cancellable: freeing it cancels the copy in flight.
 * Polling it after it finished panics. */
fcrt_stream_write_all* fcrt_stream_write_all_new(fcrt_stream_writer* writer, void* const* values,
                                                 uint32_t count);
int fcrt_stream_write_all_poll(fcrt_stream_write_all* op, fcrt_stream_write_result* out);
void fcrt_stream_write_all_free(fcrt_stream_write_all* op);

/* Reads up to `capacity` elements (clamped to the copy limit). */
fcrt_stream_read* fcrt_stream_read_new(fcrt_stream_reader* reader, uint32_t capacity);
fcrt_op_state fcrt_stream_read_state(const fcrt_stream_read* op);
int fcrt_stream_read_poll(fcrt_stream_read* op, fcrt_stream_read_result* out);
void fcrt_stream_read_cancel(fcrt_stream_read* op, fcrt_stream_read_result* out);
void fcrt_stream_read_free(fcrt_stream_read* op);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* FUTURECHECK_C_RUNTIME_FCRT_H_ */
