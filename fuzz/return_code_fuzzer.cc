// libFuzzer target over return codes and one future's operation state
// machine alone (see return_code_check.h for the input format).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "absl/strings/string_view.h"
#include "fuzz/return_code_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::Status status =
      fc::fuzz::CheckReturnCodeInput(absl::string_view(reinterpret_cast<const char*>(data), size));
  if (!status.ok()) {
    std::fprintf(stderr, "futurecheck return_code_fuzzer finding:\n%.*s\n",
                 static_cast<int>(status.message().size()), status.message().data());
    std::abort();
  }
  return 0;
}
