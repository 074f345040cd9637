// Return codes of the async copy intrinsics, per the Component Model's
// canonical ABI: BLOCKED is 0xffff_ffff; otherwise the low four bits are the
// result (COMPLETED, DROPPED, CANCELLED) and, for streams, the bits above hold
// how many elements were copied. Futures carry no count.
#ifndef FUTURECHECK_RUNTIME_RETURN_CODE_H_
#define FUTURECHECK_RUNTIME_RETURN_CODE_H_

#include <cstdint>
#include <string>

namespace fc::rt {

inline constexpr uint32_t kBlocked = 0xffff'ffffu;

enum class CopyResult : uint32_t { kCompleted = 0, kDropped = 1, kCancelled = 2 };

// Event codes delivered through waitable-set wait/poll (the callback ABI).
enum class EventCode : uint32_t {
  kNone = 0,
  kSubtask = 1,
  kStreamRead = 2,
  kStreamWrite = 3,
  kFutureRead = 4,
  kFutureWrite = 5,
  kTaskCancelled = 6,
};

struct ReturnCode {
  bool blocked = false;
  CopyResult result = CopyResult::kCompleted;  // meaningless when blocked
  uint32_t count = 0;                          // streams only

  // Decodes a raw code. An undefined result field is a runtime panic.
  static ReturnCode Decode(uint32_t raw);
  // Decodes a future's code: like Decode, and a non-zero count panics too.
  static ReturnCode DecodeFuture(uint32_t raw);

  static uint32_t Encode(CopyResult result, uint32_t count = 0) {
    return static_cast<uint32_t>(result) | (count << 4);
  }
};

// "BLOCKED", "COMPLETED", "DROPPED(3)", "0x00000007(invalid)", ...
std::string FormatReturnCode(uint32_t raw, bool is_stream = false);
const char* CopyResultName(CopyResult result);
const char* EventCodeName(EventCode code);

}  // namespace fc::rt

#endif  // FUTURECHECK_RUNTIME_RETURN_CODE_H_
