// How fast the property suite runs: cases/s and commands/s of the property
// over futures on the correct runtime, with one channel and with up to four,
// next to a trivial RapidCheck stateful property (a counter with two
// commands, the same case count and settings): the ceiling of what
// RapidCheck's own generation costs. Prints figures, one `BENCH name value
// unit` line each (tools/bench.sh collects them); asserts nothing about
// speed.
//
//   bazel run -c opt //props:property_benchmark -- [CASES]
#include <rapidcheck.h>
#include <rapidcheck/state.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/strings/numbers.h"
#include "props/property.h"
#include "props/property_stats.h"

namespace {

// The ceiling: a counter model with increment and decrement commands, one
// check per command, nothing else.
struct Counter {
  int value = 0;
};

struct Increment : rc::state::Command<Counter, Counter> {
  void apply(Counter& model) const override { ++model.value; }
  void run(const Counter& model, Counter& sut) const override {
    ++sut.value;
    RC_ASSERT(sut.value == model.value + 1);
  }
};

struct Decrement : rc::state::Command<Counter, Counter> {
  void checkPreconditions(const Counter& model) const override { RC_PRE(model.value > 0); }
  void apply(Counter& model) const override { --model.value; }
  void run(const Counter& model, Counter& sut) const override {
    --sut.value;
    RC_ASSERT(sut.value == model.value - 1);
  }
};

uint64_t trivial_steps = 0;

struct CountingIncrement : Increment {
  void run(const Counter& model, Counter& sut) const override {
    ++trivial_steps;
    Increment::run(model, sut);
  }
};
struct CountingDecrement : Decrement {
  void run(const Counter& model, Counter& sut) const override {
    ++trivial_steps;
    Decrement::run(model, sut);
  }
};

rc::detail::TestResult RunTrivial(int cases, uint64_t* runs) {
  rc::detail::TestMetadata metadata;
  metadata.id = "TrivialStateful";
  metadata.description = metadata.id;
  rc::detail::TestParams params = rc::detail::configuration().testParams;
  params.maxSuccess = cases;
  params.seed = fc::props::kDefaultSeed;
  return rc::detail::checkProperty(
      rc::detail::toProperty([runs] {
        ++*runs;
        Counter sut;
        rc::state::check(Counter{}, sut,
                         rc::state::gen::execOneOfWithArgs<CountingIncrement, CountingDecrement>());
      }),
      metadata, params);
}

void Bench(const std::string& name, double value, const char* unit) {
  std::printf("BENCH %s %.0f %s\n", name.c_str(), value, unit);
}

}  // namespace

int main(int argc, char** argv) {
  int cases = 2000;
  if (argc > 2 || (argc == 2 && (!absl::SimpleAtoi(argv[1], &cases) || cases <= 0))) {
    std::fprintf(stderr, "usage: property_benchmark [CASES]   (a positive number, default 2000)\n");
    return 2;
  }
  if (const char* env = std::getenv("RC_PARAMS"); env != nullptr && *env != '\0') {
    std::fprintf(stderr, "property_benchmark: unset RC_PARAMS; the case count is the argument\n");
    return 2;
  }
  using Clock = std::chrono::steady_clock;
  for (uint32_t channels : {1u, 4u}) {
    fc::props::PropertyStats& stats = fc::props::PropertyStats::Get();
    stats.Reset();
    const auto start = Clock::now();
    rc::detail::TestResult result =
        fc::props::RunProperty("Benchmark", {.max_channels = channels}, cases);
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (!result.template is<rc::detail::SuccessResult>()) {
      std::fprintf(stderr, "property_benchmark: the property failed on the correct runtime\n");
      return 1;
    }
    const std::string name = "property_max_channels_" + std::to_string(channels);
    Bench(name + "_cases", stats.cases / seconds, "cases/s");
    Bench(name + "_commands", stats.steps / seconds, "commands/s");
  }
  uint64_t runs = 0;
  const auto start = Clock::now();
  rc::detail::TestResult result = RunTrivial(cases, &runs);
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (!result.template is<rc::detail::SuccessResult>()) {
    std::fprintf(stderr, "property_benchmark: the trivial property failed\n");
    return 1;
  }
  Bench("rapidcheck_trivial_stateful_cases", runs / seconds, "cases/s");
  Bench("rapidcheck_trivial_stateful_commands", trivial_steps / seconds, "commands/s");
  return 0;
}
