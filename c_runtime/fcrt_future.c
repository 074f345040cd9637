/* future<T> in fcrt: the writer and reader ends, their write and read
 * operations, and the default write of a writer dropped before it wrote,
 * which the runtime keeps and finishes from its event (a completion
 * callback) when it blocks. */
#include <stdlib.h>
#include <string.h>

#include "c_runtime/fcrt.h"
#include "c_runtime/fcrt_internal.h"
#include "cabi/futurecheck_host.h"

struct fcrt_future_write {
  fcrt_copy copy; /* first: the waiter's callbacks find the operation from it */
  fcrt_future_writer* writer;
  void* value;  /* before the copy starts */
  void* buffer; /* while the host may read it */
};

struct fcrt_future_read {
  fcrt_copy copy;
  fcrt_future_reader* reader;
  void* buffer;
};

/* How a write's copy ended, before it is reported as a poll outcome or a
 * cancel result. */
typedef struct write_finish {
  uint32_t result;
  void* value;                /* lifted back: DROPPED, CANCELLED */
  fcrt_future_writer* writer; /* always handed back here */
} write_finish;

static uint32_t start_write(fcrt_copy* copy);
static uint32_t start_read(fcrt_copy* copy);

static const fcrt_copy_kind write_kind = {FC_EVENT_FUTURE_WRITE, start_write,
                                          fc_future_cancel_write,
                                          "future.write reported CANCELLED without a cancel"};
static const fcrt_copy_kind read_kind = {FC_EVENT_FUTURE_READ, start_read, fc_future_cancel_read,
                                         "future.read reported CANCELLED without a cancel"};

/* ------------------------------------------------------------ writer -- */

fcrt_future_writer* fcrt_future_new(fcrt_runtime* rt, const fcrt_payload_ops* ops,
                                    uint32_t* readable) {
  uint64_t ends = fc_future_new(ops->type);
  fcrt_future_writer* w = (fcrt_future_writer*)fcrt_xmalloc(sizeof *w);
  w->rt = rt;
  w->ops = ops;
  w->handle = (uint32_t)(ends >> 32);
  w->should_write_default = 1;
  *readable = (uint32_t)ends;
  return w;
}

uint32_t fcrt_future_writer_handle(const fcrt_future_writer* writer) { return writer->handle; }

static void start_default_write(fcrt_future_writer* writer);

void fcrt_future_writer_free(fcrt_future_writer* writer) {
  if (writer == NULL) return;
  if (writer->should_write_default) {
    start_default_write(writer); /* takes the writer */
    return;
  }
  fc_future_drop_writable(writer->ops->type, writer->handle);
  free(writer);
}

/* ------------------------------------------------------------- write -- */

fcrt_future_write* fcrt_future_write_new(fcrt_future_writer* writer, void* value) {
  fcrt_future_write* op =
      (fcrt_future_write*)fcrt_copy_new(sizeof *op, writer->rt, &write_kind, writer->ops->type);
  op->writer = writer;
  op->value = value;
  return op;
}

fcrt_op_state fcrt_future_write_state(const fcrt_future_write* op) { return op->copy.state; }

/* Lowers the value into a fresh guest buffer and offers it to the host. */
static uint32_t start_write(fcrt_copy* copy) {
  fcrt_future_write* op = (fcrt_future_write*)copy;
  fcrt_future_writer* w = op->writer;
  const fcrt_payload_ops* ops = w->ops;
  op->buffer = fc_alloc(ops->size, ops->align);
  void* value = op->value;
  op->value = NULL;
  ops->lower(ops->ctx, value, op->buffer);
  uint32_t raw = fc_future_write(ops->type, w->handle, op->buffer);
  return fcrt_copy_started(&op->copy, w->handle, raw);
}

/* The host is done with the buffer: frees what the reader copied
 * (COMPLETED) or lifts the value back (DROPPED, CANCELLED). */
static write_finish finish_write(fcrt_future_write* op, uint32_t raw, fcrt_op_state state) {
  write_finish f = {FC_COPY_RESULT(raw), NULL, op->writer};
  const fcrt_payload_ops* ops = f.writer->ops;
  switch (f.result) {
    case FC_COPY_COMPLETED:
      f.writer->should_write_default = 0;
      ops->dealloc_lists(ops->ctx, op->buffer);
      break;
    case FC_COPY_DROPPED:
      f.writer->should_write_default = 0;
      f.value = ops->lift(ops->ctx, op->buffer);
      break;
    case FC_COPY_CANCELLED:
      f.value = ops->lift(ops->ctx, op->buffer);
      break;
    default:
      fcrt_panic("future.write returned an unknown result");
  }
  fc_free(op->buffer, ops->size, ops->align);
  op->buffer = NULL;
  op->writer = NULL;
  op->copy.state = state;
  return f;
}

int fcrt_future_write_poll(fcrt_future_write* op, fcrt_future_write_outcome* out) {
  uint32_t raw = fcrt_copy_poll(&op->copy);
  if (raw == FC_BLOCKED) return 0;
  write_finish f = finish_write(op, raw, FCRT_OP_DONE);
  out->written = f.result == FC_COPY_COMPLETED;
  out->value = f.value;
  fcrt_future_writer_free(f.writer); /* done: nothing more to write */
  return 1;
}

void fcrt_future_write_cancel(fcrt_future_write* op, fcrt_future_write_cancel_result* out) {
  uint32_t raw = fcrt_copy_cancel(&op->copy);
  memset(out, 0, sizeof *out);
  if (op->copy.state == FCRT_OP_NOT_STARTED) {
    out->kind = FCRT_WRITE_CANCELLED;
    out->value = op->value;
    out->writer = op->writer;
    op->value = NULL;
    op->writer = NULL;
    op->copy.state = FCRT_OP_CANCELLED;
    return;
  }
  write_finish f = finish_write(op, raw, FCRT_OP_CANCELLED);
  out->value = f.value;
  switch (f.result) {
    case FC_COPY_COMPLETED:
      out->kind = FCRT_WRITE_ALREADY_SENT;
      fcrt_future_writer_free(f.writer);
      break;
    case FC_COPY_DROPPED:
      out->kind = FCRT_WRITE_READER_DROPPED;
      fcrt_future_writer_free(f.writer);
      break;
    default:
      out->kind = FCRT_WRITE_CANCELLED;
      out->writer = f.writer;
      break;
  }
}

void fcrt_future_write_free(fcrt_future_write* op) {
  if (op == NULL) return;
  if (op->copy.state == FCRT_OP_NOT_STARTED) {
    const fcrt_payload_ops* ops = op->writer->ops;
    ops->drop_value(ops->ctx, op->value);
    fcrt_future_writer_free(op->writer);
  } else if (op->copy.state == FCRT_OP_IN_PROGRESS) {
    /* Dropped in flight: cancel first, so the buffer is ours again before
     * it is freed; then the end (which may write its default), then the
     * value. */
    const fcrt_payload_ops* ops = op->writer->ops;
    fcrt_future_write_cancel_result cancel;
    fcrt_future_write_cancel(op, &cancel);
    fcrt_future_writer_free(cancel.writer);
    if (cancel.value != NULL) ops->drop_value(ops->ctx, cancel.value);
  }
  free(op);
}

/* ------------------------------------------------------ default write -- */

/* The background write of a writer dropped unwritten. Its record comes from
 * the guest allocator: it outlives everything the caller holds, and there
 * the harness's heap ledger sees it if it leaks. */

static void free_background(fcrt_future_write* op) { fc_free(op, sizeof *op, 16); }

/* Whatever the outcome (`raw`), the value is settled and the end can go (a
 * default write never writes a default again): so can the write. */
static void retire_background(fcrt_future_write* op, uint32_t raw, fcrt_op_state state) {
  write_finish f = finish_write(op, raw, state);
  fc_future_drop_writable(f.writer->ops->type, f.writer->handle);
  if (f.value != NULL) f.writer->ops->drop_value(f.writer->ops->ctx, f.value);
  free(f.writer);
  free_background(op);
}

/* Completion, at once or from the event. */
static void finish_background(fcrt_future_write* op, uint32_t raw) {
  fcrt_copy_check_uncancelled(&op->copy, raw);
  retire_background(op, raw, FCRT_OP_DONE);
}

static void background_event(fcrt_waiter* waiter, uint32_t code) {
  fcrt_future_write* op = (fcrt_future_write*)((char*)waiter - offsetof(fcrt_copy, waiter));
  fcrt_unregister(op->copy.rt, op->copy.waitable);
  finish_background(op, code);
}

/* The runtime goes away before the reader took the default value: cancel
 * it like any write dropped in flight. */
static void background_shutdown(fcrt_waiter* waiter) {
  fcrt_future_write* op = (fcrt_future_write*)((char*)waiter - offsetof(fcrt_copy, waiter));
  retire_background(op, fcrt_copy_cancel(&op->copy), FCRT_OP_CANCELLED);
}

static void start_default_write(fcrt_future_writer* writer) {
  const fcrt_payload_ops* ops = writer->ops;
  void* value = ops->make_default(ops->ctx);
  fcrt_future_write* op = (fcrt_future_write*)fc_alloc(sizeof *op, 16);
  memset(op, 0, sizeof *op);
  fcrt_copy_init(&op->copy, writer->rt, &write_kind, ops->type);
  op->copy.waiter.on_event = background_event;
  op->copy.waiter.on_shutdown = background_shutdown;
  writer->should_write_default = 0;
  op->writer = writer;
  op->value = value;
  uint32_t raw = start_write(&op->copy);
  if (raw != FC_BLOCKED) finish_background(op, raw);
}

/* ------------------------------------------------------------ reader -- */

fcrt_future_reader* fcrt_future_reader_new(fcrt_runtime* rt, const fcrt_payload_ops* ops,
                                           uint32_t readable) {
  fcrt_future_reader* r = (fcrt_future_reader*)fcrt_xmalloc(sizeof *r);
  r->rt = rt;
  r->ops = ops;
  r->handle = readable;
  return r;
}

uint32_t fcrt_future_reader_handle(const fcrt_future_reader* reader) { return reader->handle; }

void fcrt_future_reader_free(fcrt_future_reader* reader) {
  if (reader == NULL) return;
  fc_future_drop_readable(reader->ops->type, reader->handle);
  free(reader);
}

/* -------------------------------------------------------------- read -- */

fcrt_future_read* fcrt_future_read_new(fcrt_future_reader* reader) {
  fcrt_future_read* op =
      (fcrt_future_read*)fcrt_copy_new(sizeof *op, reader->rt, &read_kind, reader->ops->type);
  op->reader = reader;
  return op;
}

fcrt_op_state fcrt_future_read_state(const fcrt_future_read* op) { return op->copy.state; }

static uint32_t start_read(fcrt_copy* copy) {
  fcrt_future_read* op = (fcrt_future_read*)copy;
  fcrt_future_reader* r = op->reader;
  op->buffer = fc_alloc(r->ops->size, r->ops->align);
  uint32_t raw = fc_future_read(r->ops->type, r->handle, op->buffer);
  return fcrt_copy_started(&op->copy, r->handle, raw);
}

/* The host is done with the buffer: the value on COMPLETED (the reader has
 * nothing more to read and is dropped), nothing on CANCELLED (the reader is
 * handed back in `*reader`). */
static void* finish_read(fcrt_future_read* op, uint32_t raw, fcrt_op_state state,
                         fcrt_future_reader** reader) {
  fcrt_future_reader* r = op->reader;
  const fcrt_payload_ops* ops = r->ops;
  void* value = NULL;
  switch (FC_COPY_RESULT(raw)) {
    case FC_COPY_COMPLETED:
      value = ops->lift(ops->ctx, op->buffer);
      break;
    case FC_COPY_DROPPED:
      fcrt_panic("future.read returned DROPPED: a writer must write before it drops");
    case FC_COPY_CANCELLED:
      break;
    default:
      fcrt_panic("future.read returned an unknown result");
  }
  fc_free(op->buffer, ops->size, ops->align);
  op->buffer = NULL;
  op->reader = NULL;
  op->copy.state = state;
  if (FC_COPY_RESULT(raw) == FC_COPY_COMPLETED) {
    fcrt_future_reader_free(r);
    r = NULL;
  }
  *reader = r;
  return value;
}

int fcrt_future_read_poll(fcrt_future_read* op, void** value) {
  uint32_t raw = fcrt_copy_poll(&op->copy);
  if (raw == FC_BLOCKED) return 0;
  fcrt_future_reader* unused;
  *value = finish_read(op, raw, FCRT_OP_DONE, &unused);
  return 1;
}

void fcrt_future_read_cancel(fcrt_future_read* op, fcrt_future_read_cancel_result* out) {
  uint32_t raw = fcrt_copy_cancel(&op->copy);
  memset(out, 0, sizeof *out);
  if (op->copy.state == FCRT_OP_NOT_STARTED) {
    out->reader = op->reader;
    op->reader = NULL;
    op->copy.state = FCRT_OP_CANCELLED;
    return;
  }
  out->value = finish_read(op, raw, FCRT_OP_CANCELLED, &out->reader);
  out->ready = out->reader == NULL;
}

void fcrt_future_read_free(fcrt_future_read* op) {
  if (op == NULL) return;
  if (op->copy.state == FCRT_OP_NOT_STARTED) {
    fcrt_future_reader_free(op->reader);
  } else if (op->copy.state == FCRT_OP_IN_PROGRESS) {
    const fcrt_payload_ops* ops = op->reader->ops;
    fcrt_future_read_cancel_result cancel;
    fcrt_future_read_cancel(op, &cancel);
    fcrt_future_reader_free(cancel.reader);
    if (cancel.ready) ops->drop_value(ops->ctx, cancel.value);
  }
  free(op);
}
