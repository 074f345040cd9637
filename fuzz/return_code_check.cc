#include "fuzz/return_code_check.h"

#include <algorithm>
#include <optional>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "fuzz/failure_report.h"
#include "runtime/panic.h"
#include "runtime/return_code.h"
#include "scenario/scenario.h"

namespace fc::fuzz {
namespace {

struct CodePanic {
  std::string message;
};
void ThrowCodePanic(std::string_view message) { throw CodePanic{std::string(message)}; }

// Installs the throwing handler for one check and puts the old one back.
class ScopedThrowingPanics {
 public:
  ScopedThrowingPanics() : previous_(rt::SetPanicHandler(&ThrowCodePanic)) {}
  ~ScopedThrowingPanics() { rt::SetPanicHandler(previous_); }
  ScopedThrowingPanics(const ScopedThrowingPanics&) = delete;
  ScopedThrowingPanics& operator=(const ScopedThrowingPanics&) = delete;

 private:
  rt::PanicHandler previous_;
};

// The spec's rule, independent of the runtime's code.
bool SpecValid(uint32_t raw, bool is_future) {
  if (raw == 0xffff'ffffu) return true;
  if ((raw & 0xf) > 2) return false;
  return !is_future || (raw >> 4) == 0;
}

absl::Status CheckOne(uint32_t raw, bool is_future) {
  const char* fn = is_future ? "DecodeFuture" : "Decode";
  std::optional<rt::ReturnCode> decoded;
  std::string panic;
  {
    ScopedThrowingPanics scoped;
    try {
      decoded = is_future ? rt::ReturnCode::DecodeFuture(raw) : rt::ReturnCode::Decode(raw);
    } catch (const CodePanic& p) {
      panic = p.message;
    }
  }
  const std::string formatted = rt::FormatReturnCode(raw, /*is_stream=*/!is_future);
  const bool formatted_invalid = absl::StrContains(formatted, "(invalid)");
  if (!SpecValid(raw, is_future)) {
    if (decoded.has_value()) {
      return absl::InternalError(
          absl::StrFormat("%s(%#010x) accepted a code the ABI does not define", fn, raw));
    }
    if (!formatted_invalid) {
      return absl::InternalError(absl::StrFormat(
          "FormatReturnCode(%#010x) = \"%s\" does not mark an undefined code", raw, formatted));
    }
    return absl::OkStatus();
  }
  if (!decoded.has_value()) {
    return absl::InternalError(
        absl::StrFormat("%s(%#010x) panicked on a valid code: %s", fn, raw, panic));
  }
  if (formatted_invalid) {
    return absl::InternalError(
        absl::StrFormat("FormatReturnCode(%#010x) = \"%s\" on a valid code", raw, formatted));
  }
  if (decoded->blocked != (raw == rt::kBlocked)) {
    return absl::InternalError(absl::StrFormat("%s(%#010x).blocked is wrong", fn, raw));
  }
  if (!decoded->blocked) {
    const uint32_t again = rt::ReturnCode::Encode(decoded->result, decoded->count);
    if (again != raw) {
      return absl::InternalError(
          absl::StrFormat("%s(%#010x) re-encodes as %#010x", fn, raw, again));
    }
  }
  return absl::OkStatus();
}

bool OneU32Future(const scenario::Action& action) {
  return (action.op != scenario::Op::kNewFuture && action.op != scenario::Op::kReceiveFuture) ||
         action.payload == model::PayloadKind::kU32;
}

}  // namespace

absl::Status CheckReturnCode(uint32_t raw) {
  if (absl::Status s = CheckOne(raw, /*is_future=*/false); !s.ok()) return s;
  return CheckOne(raw, /*is_future=*/true);
}

DecodeOptions SingleFutureOptions() {
  DecodeOptions options;
  options.session.max_channels = 1;
  options.filter = &OneU32Future;
  return options;
}

ReturnCodeInput SplitReturnCodeInput(absl::string_view bytes) {
  ReturnCodeInput input;
  if (bytes.empty()) return input;
  const size_t count = static_cast<uint8_t>(bytes[0]) % 8;
  bytes.remove_prefix(1);
  const size_t code_bytes = std::min(bytes.size(), count * 4);
  input.codes = std::string(bytes.substr(0, code_bytes));
  input.codes.resize(count * 4, '\0');
  input.scenario = std::string(bytes.substr(code_bytes));
  return input;
}

absl::Status CheckReturnCodeInput(absl::string_view bytes) {
  const ReturnCodeInput input = SplitReturnCodeInput(bytes);
  for (size_t i = 0; i + 4 <= input.codes.size(); i += 4) {
    uint32_t raw = 0;
    for (size_t b = 0; b < 4; ++b) {
      raw |= static_cast<uint32_t>(static_cast<uint8_t>(input.codes[i + b])) << (8 * b);
    }
    if (absl::Status s = CheckReturnCode(raw); !s.ok()) return s;
  }
  const DecodedRun run = RunBytes(input.scenario, SingleFutureOptions());
  if (!run.result.ok()) return absl::InternalError(FailureReport(run.result));
  return absl::OkStatus();
}

}  // namespace fc::fuzz
