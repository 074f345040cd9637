#include "runtime/return_code.h"

#include <cstddef>
#include <iterator>

#include "absl/strings/str_format.h"
#include "runtime/panic.h"

namespace fc::rt {

ReturnCode ReturnCode::Decode(uint32_t raw) {
  if (raw == kBlocked) return ReturnCode{.blocked = true};
  const uint32_t low = raw & 0xf;
  if (low > static_cast<uint32_t>(CopyResult::kCancelled)) {
    Panic(absl::StrFormat("unknown async return code %#010x", raw));
  }
  return ReturnCode{.blocked = false, .result = static_cast<CopyResult>(low), .count = raw >> 4};
}

ReturnCode ReturnCode::DecodeFuture(uint32_t raw) {
  ReturnCode code = Decode(raw);
  if (!code.blocked && code.count != 0) {
    Panic(absl::StrFormat("future return code %#010x carries a count", raw));
  }
  return code;
}

// Names in the enums' order (return_code.h numbers both from 0).
const char* CopyResultName(CopyResult result) {
  static constexpr const char* kNames[] = {"COMPLETED", "DROPPED", "CANCELLED"};
  const auto i = static_cast<size_t>(result);
  return i < std::size(kNames) ? kNames[i] : "?";
}

const char* EventCodeName(EventCode code) {
  static constexpr const char* kNames[] = {"NONE",          "SUBTASK",     "STREAM_READ",
                                           "STREAM_WRITE",  "FUTURE_READ", "FUTURE_WRITE",
                                           "TASK_CANCELLED"};
  static_assert(std::size(kNames) == static_cast<size_t>(EventCode::kTaskCancelled) + 1);
  const auto i = static_cast<size_t>(code);
  return i < std::size(kNames) ? kNames[i] : "?";
}

std::string FormatReturnCode(uint32_t raw, bool is_stream) {
  if (raw == kBlocked) return "BLOCKED";
  const uint32_t low = raw & 0xf;
  if (low > static_cast<uint32_t>(CopyResult::kCancelled) || (!is_stream && (raw >> 4) != 0)) {
    return absl::StrFormat("%#010x(invalid)", raw);
  }
  const char* name = CopyResultName(static_cast<CopyResult>(low));
  if (is_stream) return absl::StrFormat("%s(%u)", name, raw >> 4);
  return name;
}

}  // namespace fc::rt
