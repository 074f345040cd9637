#include "runtime/return_code.h"

#include "absl/strings/str_format.h"
#include "runtime/panic.h"

namespace fc::rt {

ReturnCode ReturnCode::Decode(uint32_t raw) {
  if (raw == kBlocked) return ReturnCode{.blocked = true};
  const uint32_t low = raw & 0xf;
  if (low > static_cast<uint32_t>(CopyResult::kCancelled)) {
    Panic(absl::StrFormat("unknown async return code %#010x", raw));
  }
  return ReturnCode{.blocked = false,
                    .result = static_cast<CopyResult>(low),
                    .count = raw >> 4};
}

ReturnCode ReturnCode::DecodeFuture(uint32_t raw) {
  ReturnCode code = Decode(raw);
  if (!code.blocked && code.count != 0) {
    Panic(absl::StrFormat("future return code %#010x carries a count", raw));
  }
  return code;
}

const char* CopyResultName(CopyResult result) {
  switch (result) {
    case CopyResult::kCompleted:
      return "COMPLETED";
    case CopyResult::kDropped:
      return "DROPPED";
    case CopyResult::kCancelled:
      return "CANCELLED";
  }
  return "?";
}

const char* EventCodeName(EventCode code) {
  switch (code) {
    case EventCode::kNone:
      return "NONE";
    case EventCode::kSubtask:
      return "SUBTASK";
    case EventCode::kStreamRead:
      return "STREAM_READ";
    case EventCode::kStreamWrite:
      return "STREAM_WRITE";
    case EventCode::kFutureRead:
      return "FUTURE_READ";
    case EventCode::kFutureWrite:
      return "FUTURE_WRITE";
    case EventCode::kTaskCancelled:
      return "TASK_CANCELLED";
  }
  return "?";
}

std::string FormatReturnCode(uint32_t raw, bool is_stream) {
  if (raw == kBlocked) return "BLOCKED";
  const uint32_t low = raw & 0xf;
  if (low > static_cast<uint32_t>(CopyResult::kCancelled) ||
      (!is_stream && (raw >> 4) != 0)) {
    return absl::StrFormat("%#010x(invalid)", raw);
  }
  const char* name = CopyResultName(static_cast<CopyResult>(low));
  if (is_stream) return absl::StrFormat("%s(%u)", name, raw >> 4);
  return name;
}

}  // namespace fc::rt
