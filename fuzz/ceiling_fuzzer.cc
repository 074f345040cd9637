// The ceiling the scenario fuzzers are measured against (tools/bench.sh): a
// libFuzzer target that does almost nothing, built with the same flags and
// the same coverage feedback (its file is on the fuzz-coverage list of
// .bazelrc), so its exec/s is what libFuzzer itself costs on this machine.
// A few byte comparisons give it features to keep, as a real target has.
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const char kWord[] = "futurecheck";
  for (size_t i = 0; i < size && i < sizeof(kWord) - 1; ++i) {
    if (data[i] != static_cast<uint8_t>(kWord[i])) break;
  }
  return 0;
}
