/* The runtime context and event loop of fcrt: the waitable set, the table
 * routing each host event to the operation (or background write) waiting on
 * that waitable, and the copy state machine every operation shares. */
#include <stdlib.h>
#include <string.h>

#include "c_runtime/fcrt.h"
#include "c_runtime/fcrt_internal.h"
#include "cabi/futurecheck_host.h"

/* The spec's limit on one stream copy's length. */
#define FCRT_SPEC_MAX_COPY_LENGTH ((1u << 28) - 1)

void fcrt_panic(const char* message) { fc_runtime_panic(message); }

void* fcrt_xmalloc(size_t size) {
  void* p = malloc(size == 0 ? 1 : size);
  if (p == NULL) fcrt_panic("out of memory");
  return p;
}

fcrt_runtime* fcrt_runtime_new(void) {
  fcrt_runtime* rt = (fcrt_runtime*)fcrt_xmalloc(sizeof *rt);
  memset(rt, 0, sizeof *rt);
  rt->max_copy_length = FCRT_SPEC_MAX_COPY_LENGTH;
  return rt;
}

void fcrt_runtime_free(fcrt_runtime* rt) {
  if (rt == NULL) return;
  fcrt_shutdown(rt);
  free(rt->registered);
  free(rt);
}

void fcrt_set_max_copy_length(fcrt_runtime* rt, uint32_t n) { rt->max_copy_length = n; }

uint32_t fcrt_waitable_set(const fcrt_runtime* rt) { return rt->set; }

size_t fcrt_registered_waitables(const fcrt_runtime* rt) { return rt->registered_count; }

static fcrt_registration* find_registration(fcrt_runtime* rt, uint32_t waitable) {
  for (size_t i = 0; i < rt->registered_count; ++i) {
    if (rt->registered[i].waitable == waitable) return &rt->registered[i];
  }
  return NULL;
}

void fcrt_register(fcrt_runtime* rt, uint32_t waitable, fcrt_waiter* waiter) {
  /* An operation registers once, when its copy blocks: a second one means an
   * earlier operation on this end never left the set. */
  if (find_registration(rt, waitable) != NULL) {
    fcrt_panic("a waitable already has an operation in flight");
  }
  if (rt->registered_count == rt->registered_capacity) {
    size_t capacity = rt->registered_capacity == 0 ? 8 : 2 * rt->registered_capacity;
    fcrt_registration* grown =
        (fcrt_registration*)realloc(rt->registered, capacity * sizeof *grown);
    if (grown == NULL) fcrt_panic("out of memory");
    rt->registered = grown;
    rt->registered_capacity = capacity;
  }
  rt->registered[rt->registered_count].waitable = waitable;
  rt->registered[rt->registered_count].waiter = waiter;
  ++rt->registered_count;
  if (rt->set == 0) rt->set = fc_waitable_set_new();
  fc_waitable_join(waitable, rt->set);
}

void fcrt_unregister(fcrt_runtime* rt, uint32_t waitable) {
  fcrt_registration* r = find_registration(rt, waitable);
  if (r == NULL) return;
  *r = rt->registered[--rt->registered_count];
  fc_waitable_join(waitable, 0);
}

void fcrt_dispatch(fcrt_runtime* rt, uint32_t event, uint32_t waitable, uint32_t payload) {
  if (event == FC_EVENT_TASK_CANCELLED) {
    fcrt_panic("TASK_CANCELLED delivered, but this runtime runs no export tasks");
  }
  fcrt_registration* r = find_registration(rt, waitable);
  if (r == NULL) fcrt_panic("an event for a waitable with no operation in flight");
  fcrt_waiter* waiter = r->waiter;
  if (waiter->event != event) fcrt_panic("an event of the wrong kind for its waitable");
  if (waiter->has_code) fcrt_panic("a second event before the first was consumed");
  if (payload == FC_BLOCKED) fcrt_panic("an event carried BLOCKED");
  /* The end is no longer copying: it leaves the set now, not when its
   * operation is next polled. Left in, it would hear of the other end's drop
   * (hosts since CM#720 send an idle end in a set a DROPPED event) with no
   * operation waiting for that event. */
  fcrt_unregister(rt, waitable);
  if (waiter->on_event != NULL) {
    waiter->on_event(waiter, payload);
    return;
  }
  waiter->has_code = 1;
  waiter->code = payload;
}

void fcrt_wait_for_event(fcrt_runtime* rt) {
  if (rt->set == 0) fcrt_panic("waiting for an event with no waitable set");
  uint32_t out[2] = {0, 0};
  uint32_t event = fc_waitable_set_wait(rt->set, out);
  fcrt_dispatch(rt, event, out[0], out[1]);
}

void fcrt_shutdown(fcrt_runtime* rt) {
  /* Only background work is left to the runtime: the caller's operations
   * are the caller's to drop. Each cancel unregisters its waitable. */
  size_t i = 0;
  while (i < rt->registered_count) {
    fcrt_waiter* waiter = rt->registered[i].waiter;
    if (waiter->on_shutdown == NULL) {
      ++i;
      continue;
    }
    waiter->on_shutdown(waiter);
    i = 0;
  }
  if (rt->set != 0) {
    uint32_t set = rt->set;
    rt->set = 0;
    fc_waitable_set_drop(set);
  }
}

/* ---------------------------------------------------------------- copy -- */

void fcrt_copy_init(fcrt_copy* copy, fcrt_runtime* rt, const fcrt_copy_kind* kind, uint32_t type) {
  memset(copy, 0, sizeof *copy);
  copy->rt = rt;
  copy->kind = kind;
  copy->type = type;
  copy->state = FCRT_OP_NOT_STARTED;
  copy->waiter.event = kind->event;
}

void* fcrt_copy_new(size_t size, fcrt_runtime* rt, const fcrt_copy_kind* kind, uint32_t type) {
  void* op = fcrt_xmalloc(size);
  memset(op, 0, size);
  fcrt_copy_init((fcrt_copy*)op, rt, kind, type);
  return op;
}

uint32_t fcrt_copy_started(fcrt_copy* copy, uint32_t waitable, uint32_t raw) {
  copy->state = FCRT_OP_IN_PROGRESS;
  copy->waitable = waitable;
  if (raw == FC_BLOCKED) fcrt_register(copy->rt, waitable, &copy->waiter);
  return raw;
}

void fcrt_copy_check_uncancelled(const fcrt_copy* copy, uint32_t raw) {
  if (FC_COPY_RESULT(raw) == FC_COPY_CANCELLED) {
    fcrt_panic(copy->kind->cancelled_uninvited);
  }
}

uint32_t fcrt_copy_poll(fcrt_copy* copy) {
  if (copy->state == FCRT_OP_DONE) {
    fcrt_panic("cannot poll a future operation after it completed");
  }
  if (copy->state == FCRT_OP_CANCELLED) {
    fcrt_panic("cannot poll a future operation after it was cancelled");
  }
  uint32_t raw;
  if (copy->state == FCRT_OP_NOT_STARTED) {
    raw = copy->kind->start(copy);
  } else if (!copy->waiter.has_code) {
    raw = FC_BLOCKED;
  } else {
    copy->waiter.has_code = 0;
    fcrt_unregister(copy->rt, copy->waitable);
    raw = copy->waiter.code;
  }
  fcrt_copy_check_uncancelled(copy, raw);
  return raw;
}

uint32_t fcrt_copy_cancel(fcrt_copy* copy) {
  if (copy->state == FCRT_OP_DONE) {
    fcrt_panic("cannot cancel a future operation after it completed");
  }
  if (copy->state == FCRT_OP_CANCELLED) fcrt_panic("cannot cancel a future operation twice");
  if (copy->state == FCRT_OP_NOT_STARTED) return FC_COPY_CANCELLED;
  fcrt_unregister(copy->rt, copy->waitable);
  if (copy->waiter.has_code) {
    copy->waiter.has_code = 0;
    return copy->waiter.code;
  }
  uint32_t raw = copy->kind->cancel(copy->type, copy->waitable);
  if (raw == FC_BLOCKED) fcrt_panic("synchronous cancel returned BLOCKED");
  return raw;
}

void fcrt_values_free(void** values) { free(values); }
