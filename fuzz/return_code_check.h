// The return_code_fuzzer's logic, kept apart from the libFuzzer entry point
// so tests link it without libFuzzer.
//
// Input: byte 0 = how many raw codes follow (byte % 8), then 4 bytes per
// code (little-endian; a short last word is zero-padded), then the rest is a
// byte_choices input run with one future<u32> only: the waitable-operation
// state machine of one FutureWrite / FutureRead, alone.
//
// Each raw code goes through rt::ReturnCode::Decode / DecodeFuture (with a
// throwing panic handler) and rt::FormatReturnCode, and is checked against
// the canonical ABI's rule, written out independently here: BLOCKED is
// 0xffffffff; otherwise the low 4 bits must be COMPLETED, DROPPED or
// CANCELLED and, for a future, the count bits must be zero. Valid codes
// must decode and re-encode to the same raw value; invalid ones must take
// the panic path and format as "(invalid)".
#ifndef FUTURECHECK_FUZZ_RETURN_CODE_CHECK_H_
#define FUTURECHECK_FUZZ_RETURN_CODE_CHECK_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "fuzz/byte_choices.h"

namespace fc::fuzz {

// Checks one raw code; an error says what disagreed.
absl::Status CheckReturnCode(uint32_t raw);

// Decode options of the state-machine half: one future<u32>, either end.
DecodeOptions SingleFutureOptions();

struct ReturnCodeInput {
  std::string codes;     // 4 bytes per code
  std::string scenario;  // a byte_choices input
};
ReturnCodeInput SplitReturnCodeInput(absl::string_view bytes);

// Runs the whole input; an error describes the first finding (with the
// failure report of the scenario half, when that is what failed).
absl::Status CheckReturnCodeInput(absl::string_view bytes);

}  // namespace fc::fuzz

#endif  // FUTURECHECK_FUZZ_RETURN_CODE_CHECK_H_
