/* A few guest moves written in C against futurecheck_host.h, for
 * c_abi_test.cc: they prove a C caller reaches the host exactly as the C++
 * runtime's calls do, and that a panic raised in C reaches the harness. */
#ifndef FUTURECHECK_CABI_C_ABI_PROBE_H_
#define FUTURECHECK_CABI_C_ABI_PROBE_H_

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A u32 future: both ends, readable in the low 32 bits. */
uint64_t probe_future_new(void);
/* Lowers `value` into a fresh guest buffer and starts future.write. */
uint32_t probe_write_u32(uint32_t writable, uint32_t value, void** buffer);
uint32_t probe_cancel_write(uint32_t writable);
/* Frees the write's buffer and drops the writable end. */
void probe_finish_write(uint32_t writable, void* buffer);
/* A stream of u32: writes `count` values (count <= 8) and frees nothing. */
uint32_t probe_stream_write_u32(uint32_t writable, uint32_t count, void** buffer);
/* Joins `waitable` to a fresh set and polls it; returns the event code. */
uint32_t probe_poll_once(uint32_t waitable, uint32_t* set, uint32_t out[2]);
/* Raises a runtime panic from C. */
void probe_panic(void);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* FUTURECHECK_CABI_C_ABI_PROBE_H_ */
