#include "cabi/c_abi_probe.h"

#include "cabi/futurecheck_host.h"

enum { kU32 = 0 };

uint64_t probe_future_new(void) { return fc_future_new(kU32); }

uint32_t probe_write_u32(uint32_t writable, uint32_t value, void** buffer) {
  uint32_t* slot = (uint32_t*)fc_alloc(sizeof(uint32_t), _Alignof(uint32_t));
  *slot = value;
  *buffer = slot;
  return fc_future_write(kU32, writable, slot);
}

uint32_t probe_cancel_write(uint32_t writable) { return fc_future_cancel_write(kU32, writable); }

void probe_finish_write(uint32_t writable, void* buffer) {
  fc_free(buffer, sizeof(uint32_t), _Alignof(uint32_t));
  fc_future_drop_writable(kU32, writable);
}

uint32_t probe_stream_write_u32(uint32_t writable, uint32_t count, void** buffer) {
  uint32_t* values = (uint32_t*)fc_alloc(8 * sizeof(uint32_t), _Alignof(uint32_t));
  for (uint32_t i = 0; i < count && i < 8; ++i) values[i] = 100 + i;
  *buffer = values;
  return fc_stream_write(kU32, writable, values, count);
}

uint32_t probe_poll_once(uint32_t waitable, uint32_t* set, uint32_t out[2]) {
  *set = fc_waitable_set_new();
  fc_waitable_join(waitable, *set);
  return fc_waitable_set_poll(*set, out);
}

void probe_panic(void) { fc_runtime_panic("cannot cancel a future operation twice"); }
