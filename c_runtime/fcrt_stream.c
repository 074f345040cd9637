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

struct fcrt_stream_write {
  fcrt_copy copy;
  fcrt_stream_writer* writer;
  /* Every value not yet lowered: all of them before the copy starts, then
   * those beyond the copy limit (from index `length` on). */
  void** values;
  uint32_t count;
  uint32_t length; /* elements lowered into `buffer` and offered */
  void* buffer;
  size_t buffer_size;
};

struct fcrt_stream_write_all {
  fcrt_stream_write* write; /* the copy in flight (or about to start) */
  uint32_t sent;
  int finished;
};

struct fcrt_stream_read {
  fcrt_copy copy;
  fcrt_stream_reader* reader;
  uint32_t capacity; /* clamped when the copy starts */
  void* buffer;
  size_t buffer_size;
};

static void* element_at(void* buffer, size_t size, uint32_t i) { return (char*)buffer + size * i; }

static uint32_t min_u32(uint32_t a, uint32_t b) { return a < b ? a : b; }

/* A copy's buffer holds at least one element: a zero-length copy still
 * passes the host a live pointer. */
static size_t buffer_bytes(const fcrt_payload_ops* ops, uint32_t n) {
  return ops->size * (n == 0 ? 1 : n);
}

static void** copy_values(void* const* values, uint32_t count) {
  void** out = (void**)fcrt_xmalloc(sizeof(void*) * count);
  if (count != 0) memcpy(out, values, sizeof(void*) * count);
  return out;
}

/* The raw code of a copy on a done end: DROPPED, nothing copied. */
#define DROPPED_NOTHING (FC_COPY_DROPPED)

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
  fcrt_stream_write* op = (fcrt_stream_write*)fcrt_xmalloc(sizeof *op);
  memset(op, 0, sizeof *op);
  fcrt_copy_init(&op->copy, writer->end.rt, FC_EVENT_STREAM_WRITE);
  op->writer = writer;
  op->values = copy_values(values, count);
  op->count = count;
  return op;
}

fcrt_op_state fcrt_stream_write_state(const fcrt_stream_write* op) { return op->copy.state; }

/* Lowers up to the copy limit into one buffer and offers it. */
static uint32_t start_stream_write(fcrt_stream_write* op) {
  fcrt_stream_end* w = &op->writer->end;
  if (w->done) {
    op->copy.state = FCRT_OP_IN_PROGRESS;
    return DROPPED_NOTHING;
  }
  const fcrt_payload_ops* ops = w->ops;
  op->length = min_u32(op->count, w->rt->max_copy_length);
  op->buffer_size = buffer_bytes(ops, op->length);
  op->buffer = fc_alloc(op->buffer_size, ops->align);
  for (uint32_t i = 0; i < op->length; ++i) {
    void* value = op->values[i];
    op->values[i] = NULL;
    ops->lower(ops->ctx, value, element_at(op->buffer, ops->size, i));
  }
  uint32_t raw = fc_stream_write(ops->type, w->handle, op->buffer, op->length);
  return fcrt_copy_started(&op->copy, w->handle, raw);
}

/* The host is done with the buffer after `raw`: the first n elements'
 * lists are freed (the reader copied them), the rest lifted back and
 * returned unsent, in order, with the values beyond the limit. */
static void finish_stream_write(fcrt_stream_write* op, uint32_t raw, fcrt_op_state state,
                                fcrt_stream_write_result* out) {
  fcrt_stream_end* w = &op->writer->end;
  const fcrt_payload_ops* ops = w->ops;
  uint32_t result = FC_COPY_RESULT(raw);
  uint32_t sent = FC_COPY_COUNT(raw);
  if (result > FC_COPY_CANCELLED) fcrt_panic("stream.write returned an unknown result");
  if (sent > op->length) fcrt_panic("stream.write reported more elements copied than offered");
  for (uint32_t i = 0; i < sent; ++i) {
    ops->dealloc_lists(ops->ctx, element_at(op->buffer, ops->size, i));
  }
  uint32_t unsent = op->count - sent;
  out->unsent = (void**)fcrt_xmalloc(sizeof(void*) * (unsent == 0 ? 1 : unsent));
  out->unsent_count = unsent;
  uint32_t k = 0;
  for (uint32_t i = sent; i < op->length; ++i) {
    out->unsent[k++] = ops->lift(ops->ctx, element_at(op->buffer, ops->size, i));
  }
  for (uint32_t i = op->length; i < op->count; ++i) out->unsent[k++] = op->values[i];
  if (op->buffer != NULL) fc_free(op->buffer, op->buffer_size, ops->align);
  op->buffer = NULL;
  free(op->values);
  op->values = NULL;
  op->count = 0;
  if (result == FC_COPY_DROPPED) w->done = 1;
  out->result = (fcrt_copy_result)result;
  out->sent = sent;
  out->writer = op->writer;
  op->writer = NULL;
  op->copy.state = state;
}

int fcrt_stream_write_poll(fcrt_stream_write* op, fcrt_stream_write_result* out) {
  fcrt_copy_check_pollable(&op->copy);
  uint32_t raw = op->copy.state == FCRT_OP_NOT_STARTED ? start_stream_write(op)
                                                       : fcrt_copy_take_event(&op->copy);
  if (raw == FC_BLOCKED) return 0;
  if (FC_COPY_RESULT(raw) == FC_COPY_CANCELLED) {
    fcrt_panic("stream.write reported CANCELLED without a cancel");
  }
  finish_stream_write(op, raw, FCRT_OP_DONE, out);
  return 1;
}

void fcrt_stream_write_cancel(fcrt_stream_write* op, fcrt_stream_write_result* out) {
  fcrt_copy_check_cancellable(&op->copy);
  uint32_t raw;
  if (op->copy.state == FCRT_OP_NOT_STARTED) {
    raw = FC_COPY_CANCELLED; /* nothing offered: every value comes back */
  } else {
    raw = fcrt_copy_begin_cancel(&op->copy);
    if (raw == FC_BLOCKED) {
      raw = fc_stream_cancel_write(op->writer->end.ops->type, op->writer->end.handle);
    }
    fcrt_check_cancel_code(raw);
  }
  finish_stream_write(op, raw, FCRT_OP_CANCELLED, out);
}

/* Drops what a result handed back: the end first, then the values. */
static void drop_write_result(fcrt_stream_write_result* r, const fcrt_payload_ops* ops) {
  fcrt_stream_writer_free(r->writer);
  for (uint32_t i = 0; i < r->unsent_count; ++i) ops->drop_value(ops->ctx, r->unsent[i]);
  fcrt_values_free(r->unsent);
}

void fcrt_stream_write_free(fcrt_stream_write* op) {
  if (op == NULL) return;
  if (op->copy.state == FCRT_OP_NOT_STARTED) {
    const fcrt_payload_ops* ops = op->writer->end.ops;
    for (uint32_t i = 0; i < op->count; ++i) ops->drop_value(ops->ctx, op->values[i]);
    free(op->values);
    fcrt_stream_writer_free(op->writer);
  } else if (op->copy.state == FCRT_OP_IN_PROGRESS) {
    const fcrt_payload_ops* ops = op->writer->end.ops;
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
  fcrt_stream_read* op = (fcrt_stream_read*)fcrt_xmalloc(sizeof *op);
  memset(op, 0, sizeof *op);
  fcrt_copy_init(&op->copy, reader->end.rt, FC_EVENT_STREAM_READ);
  op->reader = reader;
  op->capacity = capacity;
  return op;
}

fcrt_op_state fcrt_stream_read_state(const fcrt_stream_read* op) { return op->copy.state; }

static uint32_t start_stream_read(fcrt_stream_read* op) {
  fcrt_stream_end* r = &op->reader->end;
  op->capacity = min_u32(op->capacity, r->rt->max_copy_length);
  if (r->done) {
    op->copy.state = FCRT_OP_IN_PROGRESS;
    return DROPPED_NOTHING;
  }
  const fcrt_payload_ops* ops = r->ops;
  op->buffer_size = buffer_bytes(ops, op->capacity);
  op->buffer = fc_alloc(op->buffer_size, ops->align);
  uint32_t raw = fc_stream_read(ops->type, r->handle, op->buffer, op->capacity);
  return fcrt_copy_started(&op->copy, r->handle, raw);
}

/* Lifts exactly the elements the host reports copied. */
static void finish_stream_read(fcrt_stream_read* op, uint32_t raw, fcrt_op_state state,
                               fcrt_stream_read_result* out) {
  fcrt_stream_end* r = &op->reader->end;
  const fcrt_payload_ops* ops = r->ops;
  uint32_t result = FC_COPY_RESULT(raw);
  uint32_t count = FC_COPY_COUNT(raw);
  if (result > FC_COPY_CANCELLED) fcrt_panic("stream.read returned an unknown result");
  if (count > op->capacity) fcrt_panic("stream.read reported more elements than the buffer holds");
  out->values = (void**)fcrt_xmalloc(sizeof(void*) * (count == 0 ? 1 : count));
  out->count = count;
  for (uint32_t i = 0; i < count; ++i) {
    out->values[i] = ops->lift(ops->ctx, element_at(op->buffer, ops->size, i));
  }
  if (op->buffer != NULL) fc_free(op->buffer, op->buffer_size, ops->align);
  op->buffer = NULL;
  if (result == FC_COPY_DROPPED) r->done = 1;
  out->result = (fcrt_copy_result)result;
  out->reader = op->reader;
  op->reader = NULL;
  op->copy.state = state;
}

int fcrt_stream_read_poll(fcrt_stream_read* op, fcrt_stream_read_result* out) {
  fcrt_copy_check_pollable(&op->copy);
  uint32_t raw = op->copy.state == FCRT_OP_NOT_STARTED ? start_stream_read(op)
                                                       : fcrt_copy_take_event(&op->copy);
  if (raw == FC_BLOCKED) return 0;
  if (FC_COPY_RESULT(raw) == FC_COPY_CANCELLED) {
    fcrt_panic("stream.read reported CANCELLED without a cancel");
  }
  finish_stream_read(op, raw, FCRT_OP_DONE, out);
  return 1;
}

void fcrt_stream_read_cancel(fcrt_stream_read* op, fcrt_stream_read_result* out) {
  fcrt_copy_check_cancellable(&op->copy);
  uint32_t raw;
  if (op->copy.state == FCRT_OP_NOT_STARTED) {
    raw = FC_COPY_CANCELLED;
  } else {
    raw = fcrt_copy_begin_cancel(&op->copy);
    if (raw == FC_BLOCKED) {
      raw = fc_stream_cancel_read(op->reader->end.ops->type, op->reader->end.handle);
    }
    fcrt_check_cancel_code(raw);
  }
  finish_stream_read(op, raw, FCRT_OP_CANCELLED, out);
}

void fcrt_stream_read_free(fcrt_stream_read* op) {
  if (op == NULL) return;
  if (op->copy.state == FCRT_OP_NOT_STARTED) {
    fcrt_stream_reader_free(op->reader);
  } else if (op->copy.state == FCRT_OP_IN_PROGRESS) {
    const fcrt_payload_ops* ops = op->reader->end.ops;
    fcrt_stream_read_result result;
    fcrt_stream_read_cancel(op, &result);
    fcrt_stream_reader_free(result.reader);
    for (uint32_t i = 0; i < result.count; ++i) ops->drop_value(ops->ctx, result.values[i]);
    fcrt_values_free(result.values);
  }
  free(op);
}
