/* stream<T> in fcrt: the writer and reader ends, writes of n values (at
 * most the copy limit per copy, the rest handed back unsent), the write-all
 * loop, and reads into a buffer of the requested capacity (clamped to the
 * copy limit too). An end that saw DROPPED is done: later copies answer
 * DROPPED(0) at once, without reaching the host. */
#include <stdlib.h>
#include <string.h>

#include "c_runtime/fcrt.h"
#include "c_runtime/fcrt_internal.h"
#include "cabi/futurecheck_host.h"

/* What a stream write and a stream read share: the copy, the end it took
 * (the first member of the writer or reader it hands back), and the guest
 * buffer the host copies through. */
typedef struct stream_copy {
  fcrt_copy copy; /* first: the copy's kind finds the operation from it */
  fcrt_stream_end* end;
  void* buffer;
  size_t buffer_size;
} stream_copy;

struct fcrt_stream_write {
  stream_copy c; /* first */
  /* Every value not yet lowered: all of them before the copy starts, then
   * those beyond the copy limit (from index `length` on). */
  void** values;
  uint32_t count;
  uint32_t length; /* elements lowered into the buffer and offered */
};

struct fcrt_stream_write_all {
  fcrt_stream_write* write; /* the copy in flight (or about to start) */
  uint32_t sent;
  int finished;
};

struct fcrt_stream_read {
  stream_copy c;     /* first */
  uint32_t capacity; /* clamped when the copy starts */
};

static uint32_t min_u32(uint32_t a, uint32_t b) { return a < b ? a : b; }

/* An array for `count` values (a live one even for none). */
static void** new_values(uint32_t count) { return (void**)fcrt_xmalloc(sizeof(void*) * count); }

static void** copy_values(void* const* values, uint32_t count) {
  void** out = new_values(count);
  if (count != 0) memcpy(out, values, sizeof(void*) * count);
  return out;
}

/* The ends an operation hands back: each is its end struct, wrapped. */
static fcrt_stream_writer* as_writer(fcrt_stream_end* end) { return (fcrt_stream_writer*)end; }
static fcrt_stream_reader* as_reader(fcrt_stream_end* end) { return (fcrt_stream_reader*)end; }

/* -------------------------------------------------------- stream copy -- */

static uint32_t start_stream_write(fcrt_copy* copy);
static uint32_t start_stream_read(fcrt_copy* copy);

static const fcrt_copy_kind write_kind = {FC_EVENT_STREAM_WRITE, start_stream_write,
                                          fc_stream_cancel_write,
                                          "stream.write reported CANCELLED without a cancel"};
static const fcrt_copy_kind read_kind = {FC_EVENT_STREAM_READ, start_stream_read,
                                         fc_stream_cancel_read,
                                         "stream.read reported CANCELLED without a cancel"};

/* A new write or read (`size` bytes) that takes `end`. */
static void* stream_copy_new(size_t size, fcrt_stream_end* end, const fcrt_copy_kind* kind) {
  stream_copy* c = (stream_copy*)fcrt_copy_new(size, end->rt, kind, end->ops->type);
  c->end = end;
  return c;
}

/* A copy on a done end is in progress at once, and its code is DROPPED
 * with nothing copied: nothing reaches the host or is allocated. */
static uint32_t copy_on_done_end(stream_copy* c) {
  c->copy.state = FCRT_OP_IN_PROGRESS;
  return FC_COPY_DROPPED;
}

/* The guest buffer for `n` elements. It holds at least one: a zero-length
 * copy still passes the host a live pointer. */
static void alloc_buffer(stream_copy* c, uint32_t n) {
  const fcrt_payload_ops* ops = c->end->ops;
  c->buffer_size = ops->size * (n == 0 ? 1 : n);
  c->buffer = fc_alloc(c->buffer_size, ops->align);
}

static void* element_at(const stream_copy* c, uint32_t i) {
  return (char*)c->buffer + c->end->ops->size * i;
}

/* How many elements a finished copy moved, once its code `raw` is checked
 * against the `limit` elements the buffer had room for. */
static uint32_t copied_count(uint32_t raw, uint32_t limit, const char* unknown_result,
                             const char* over_limit) {
  if (FC_COPY_RESULT(raw) > FC_COPY_CANCELLED) fcrt_panic(unknown_result);
  if (FC_COPY_COUNT(raw) > limit) fcrt_panic(over_limit);
  return FC_COPY_COUNT(raw);
}

/* The host is done with the buffer and the elements in it are settled:
 * frees it, marks the end done on DROPPED, moves the copy to `state`, and
 * hands the end back. Returns the copy's result. */
static fcrt_copy_result release_buffer(stream_copy* c, uint32_t raw, fcrt_op_state state,
                                       fcrt_stream_end** end) {
  if (c->buffer != NULL) fc_free(c->buffer, c->buffer_size, c->end->ops->align);
  c->buffer = NULL;
  if (FC_COPY_RESULT(raw) == FC_COPY_DROPPED) c->end->done = 1;
  *end = c->end;
  c->end = NULL;
  c->copy.state = state;
  return (fcrt_copy_result)FC_COPY_RESULT(raw);
}

/* --------------------------------------------------------------- ends -- */

static void end_init(fcrt_stream_end* end, fcrt_runtime* rt, const fcrt_payload_ops* ops,
                     uint32_t handle) {
  end->rt = rt;
  end->ops = ops;
  end->handle = handle;
  end->done = 0;
}

fcrt_stream_writer* fcrt_stream_new(fcrt_runtime* rt, const fcrt_payload_ops* ops,
                                    uint32_t* readable) {
  uint64_t ends = fc_stream_new(ops->type);
  fcrt_stream_writer* w = (fcrt_stream_writer*)fcrt_xmalloc(sizeof *w);
  end_init(&w->end, rt, ops, (uint32_t)(ends >> 32));
  *readable = (uint32_t)ends;
  return w;
}

fcrt_stream_reader* fcrt_stream_reader_new(fcrt_runtime* rt, const fcrt_payload_ops* ops,
                                           uint32_t readable) {
  fcrt_stream_reader* r = (fcrt_stream_reader*)fcrt_xmalloc(sizeof *r);
  end_init(&r->end, rt, ops, readable);
  return r;
}

uint32_t fcrt_stream_writer_handle(const fcrt_stream_writer* writer) { return writer->end.handle; }
uint32_t fcrt_stream_reader_handle(const fcrt_stream_reader* reader) { return reader->end.handle; }

void fcrt_stream_writer_free(fcrt_stream_writer* writer) {
  if (writer == NULL) return;
  fc_stream_drop_writable(writer->end.ops->type, writer->end.handle);
  free(writer);
}

void fcrt_stream_reader_free(fcrt_stream_reader* reader) {
  if (reader == NULL) return;
  fc_stream_drop_readable(reader->end.ops->type, reader->end.handle);
  free(reader);
}

/* -------------------------------------------------------------- write -- */

fcrt_stream_write* fcrt_stream_write_new(fcrt_stream_writer* writer, void* const* values,
                                         uint32_t count) {
  fcrt_stream_write* op =
      (fcrt_stream_write*)stream_copy_new(sizeof *op, &writer->end, &write_kind);
  op->values = copy_values(values, count);
  op->count = count;
  return op;
}

fcrt_op_state fcrt_stream_write_state(const fcrt_stream_write* op) { return op->c.copy.state; }

/* Lowers up to the copy limit into one buffer and offers it. */
static uint32_t start_stream_write(fcrt_copy* copy) {
  fcrt_stream_write* op = (fcrt_stream_write*)copy;
  fcrt_stream_end* w = op->c.end;
  if (w->done) return copy_on_done_end(&op->c);
  const fcrt_payload_ops* ops = w->ops;
  op->length = min_u32(op->count, w->rt->max_copy_length);
  alloc_buffer(&op->c, op->length);
  for (uint32_t i = 0; i < op->length; ++i) {
    void* value = op->values[i];
    op->values[i] = NULL;
    ops->lower(ops->ctx, value, element_at(&op->c, i));
  }
  uint32_t raw = fc_stream_write(ops->type, w->handle, op->c.buffer, op->length);
  return fcrt_copy_started(copy, w->handle, raw);
}

/* The host is done with the buffer after `raw`: the first n elements'
 * lists are freed (the reader copied them), the rest lifted back and
 * returned unsent, in order, with the values beyond the limit. */
static void finish_stream_write(fcrt_stream_write* op, uint32_t raw, fcrt_op_state state,
                                fcrt_stream_write_result* out) {
  const fcrt_payload_ops* ops = op->c.end->ops;
  uint32_t sent = copied_count(raw, op->length, "stream.write returned an unknown result",
                               "stream.write reported more elements copied than offered");
  for (uint32_t i = 0; i < sent; ++i) ops->dealloc_lists(ops->ctx, element_at(&op->c, i));
  uint32_t unsent = op->count - sent;
  out->unsent = new_values(unsent);
  out->unsent_count = unsent;
  uint32_t k = 0;
  for (uint32_t i = sent; i < op->length; ++i) {
    out->unsent[k++] = ops->lift(ops->ctx, element_at(&op->c, i));
  }
  for (uint32_t i = op->length; i < op->count; ++i) out->unsent[k++] = op->values[i];
  free(op->values);
  op->values = NULL;
  op->count = 0;
  fcrt_stream_end* writer;
  out->result = release_buffer(&op->c, raw, state, &writer);
  out->sent = sent;
  out->writer = as_writer(writer);
}

int fcrt_stream_write_poll(fcrt_stream_write* op, fcrt_stream_write_result* out) {
  uint32_t raw = fcrt_copy_poll(&op->c.copy);
  if (raw == FC_BLOCKED) return 0;
  finish_stream_write(op, raw, FCRT_OP_DONE, out);
  return 1;
}

/* Before the start: CANCELLED, nothing offered, every value back. */
void fcrt_stream_write_cancel(fcrt_stream_write* op, fcrt_stream_write_result* out) {
  finish_stream_write(op, fcrt_copy_cancel(&op->c.copy), FCRT_OP_CANCELLED, out);
}

/* Drops what a result handed back: the end first, then the values. */
static void drop_write_result(fcrt_stream_write_result* r, const fcrt_payload_ops* ops) {
  fcrt_stream_writer_free(r->writer);
  for (uint32_t i = 0; i < r->unsent_count; ++i) ops->drop_value(ops->ctx, r->unsent[i]);
  fcrt_values_free(r->unsent);
}

void fcrt_stream_write_free(fcrt_stream_write* op) {
  if (op == NULL) return;
  if (op->c.copy.state == FCRT_OP_NOT_STARTED) {
    const fcrt_payload_ops* ops = op->c.end->ops;
    for (uint32_t i = 0; i < op->count; ++i) ops->drop_value(ops->ctx, op->values[i]);
    free(op->values);
    fcrt_stream_writer_free(as_writer(op->c.end));
  } else if (op->c.copy.state == FCRT_OP_IN_PROGRESS) {
    const fcrt_payload_ops* ops = op->c.end->ops;
    fcrt_stream_write_result result;
    fcrt_stream_write_cancel(op, &result);
    drop_write_result(&result, ops);
  }
  free(op);
}

/* ---------------------------------------------------------- write-all -- */

fcrt_stream_write_all* fcrt_stream_write_all_new(fcrt_stream_writer* writer, void* const* values,
                                                 uint32_t count) {
  fcrt_stream_write_all* op = (fcrt_stream_write_all*)fcrt_xmalloc(sizeof *op);
  op->write = fcrt_stream_write_new(writer, values, count);
  op->sent = 0;
  op->finished = 0;
  return op;
}

int fcrt_stream_write_all_poll(fcrt_stream_write_all* op, fcrt_stream_write_result* out) {
  if (op->finished) fcrt_panic("cannot poll a stream write-all after it finished");
  for (;;) {
    fcrt_stream_write_result step;
    if (!fcrt_stream_write_poll(op->write, &step)) return 0;
    op->sent += step.sent;
    fcrt_stream_write_free(op->write);
    op->write = NULL;
    /* A copy of nothing (a zero-length write-all) still finishes: progress
     * is judged by what remains, not by what the copy moved. */
    if (step.unsent_count == 0 || step.result == FCRT_COPY_DROPPED) {
      op->finished = 1;
      *out = step;
      out->sent = op->sent;
      return 1;
    }
    op->write = fcrt_stream_write_new(step.writer, step.unsent, step.unsent_count);
    fcrt_values_free(step.unsent);
  }
}

void fcrt_stream_write_all_free(fcrt_stream_write_all* op) {
  if (op == NULL) return;
  fcrt_stream_write_free(op->write);
  free(op);
}

/* --------------------------------------------------------------- read -- */

fcrt_stream_read* fcrt_stream_read_new(fcrt_stream_reader* reader, uint32_t capacity) {
  fcrt_stream_read* op = (fcrt_stream_read*)stream_copy_new(sizeof *op, &reader->end, &read_kind);
  op->capacity = capacity;
  return op;
}

fcrt_op_state fcrt_stream_read_state(const fcrt_stream_read* op) { return op->c.copy.state; }

static uint32_t start_stream_read(fcrt_copy* copy) {
  fcrt_stream_read* op = (fcrt_stream_read*)copy;
  fcrt_stream_end* r = op->c.end;
  op->capacity = min_u32(op->capacity, r->rt->max_copy_length);
  if (r->done) return copy_on_done_end(&op->c);
  alloc_buffer(&op->c, op->capacity);
  uint32_t raw = fc_stream_read(r->ops->type, r->handle, op->c.buffer, op->capacity);
  return fcrt_copy_started(copy, r->handle, raw);
}

/* Lifts exactly the elements the host reports copied. */
static void finish_stream_read(fcrt_stream_read* op, uint32_t raw, fcrt_op_state state,
                               fcrt_stream_read_result* out) {
  const fcrt_payload_ops* ops = op->c.end->ops;
  uint32_t count = copied_count(raw, op->capacity, "stream.read returned an unknown result",
                                "stream.read reported more elements than the buffer holds");
  out->values = new_values(count);
  out->count = count;
  for (uint32_t i = 0; i < count; ++i) out->values[i] = ops->lift(ops->ctx, element_at(&op->c, i));
  fcrt_stream_end* reader;
  out->result = release_buffer(&op->c, raw, state, &reader);
  out->reader = as_reader(reader);
}

int fcrt_stream_read_poll(fcrt_stream_read* op, fcrt_stream_read_result* out) {
  uint32_t raw = fcrt_copy_poll(&op->c.copy);
  if (raw == FC_BLOCKED) return 0;
  finish_stream_read(op, raw, FCRT_OP_DONE, out);
  return 1;
}

void fcrt_stream_read_cancel(fcrt_stream_read* op, fcrt_stream_read_result* out) {
  finish_stream_read(op, fcrt_copy_cancel(&op->c.copy), FCRT_OP_CANCELLED, out);
}

void fcrt_stream_read_free(fcrt_stream_read* op) {
  if (op == NULL) return;
  if (op->c.copy.state == FCRT_OP_NOT_STARTED) {
    fcrt_stream_reader_free(as_reader(op->c.end));
  } else if (op->c.copy.state == FCRT_OP_IN_PROGRESS) {
    const fcrt_payload_ops* ops = op->c.end->ops;
    fcrt_stream_read_result result;
    fcrt_stream_read_cancel(op, &result);
    fcrt_stream_reader_free(result.reader);
    for (uint32_t i = 0; i < result.count; ++i) ops->drop_value(ops->ctx, result.values[i]);
    fcrt_values_free(result.values);
  }
  free(op);
}
