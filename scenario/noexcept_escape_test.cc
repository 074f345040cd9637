#include "scenario/noexcept_escape.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace fc::scenario {
namespace {

struct Boom {
  std::string why;
};

// What a runtime destructor that panics looks like to C++: a throw (from the
// panic handler it calls) out of a noexcept function, which would call
// std::terminate.
[[noreturn]] void Panic() { throw Boom{"destructor panicked"}; }
void ThrowThroughNoexcept() noexcept { Panic(); }

std::string WhatEscaped(std::exception_ptr e) {
  try {
    std::rethrow_exception(e);
  } catch (const Boom& boom) {
    return boom.why;
  } catch (...) {
    return "something else";
  }
}

TEST(NoexceptEscapeTest, ABodyThatReturnsEscapesNothing) {
  int ran = 0;
  EXPECT_EQ(RunEscapable([&] { ++ran; }), nullptr);
  EXPECT_EQ(ran, 1);
}

TEST(NoexceptEscapeTest, AnOrdinaryThrowPropagates) {
  EXPECT_THROW(RunEscapable([] { throw std::runtime_error("plain"); }), std::runtime_error);
  // The escape point was disarmed on the way out: a later escape still works.
  EXPECT_EQ(WhatEscaped(RunEscapable([] { ThrowThroughNoexcept(); })), "destructor panicked");
}

TEST(NoexceptEscapeTest, AThrowThroughNoexceptComesBack) {
  bool after = false;
  std::exception_ptr escaped = RunEscapable([&] {
    ThrowThroughNoexcept();
    after = true;
  });
  ASSERT_NE(escaped, nullptr);
  EXPECT_FALSE(after) << "the body went on after the escape";
  EXPECT_EQ(WhatEscaped(escaped), "destructor panicked");
  // Exception handling is intact afterwards: a throw is caught as usual.
  EXPECT_THROW(throw std::logic_error("after"), std::logic_error);
}

TEST(NoexceptEscapeTest, TheInnermostEscapePointCatches) {
  bool inner_escaped = false;
  std::exception_ptr outer = RunEscapable(
      [&] { inner_escaped = RunEscapable([] { ThrowThroughNoexcept(); }) != nullptr; });
  EXPECT_TRUE(inner_escaped);
  EXPECT_EQ(outer, nullptr);
}

TEST(NoexceptEscapeDeathTest, WithoutAnEscapePointTerminateStillEnds) {
  EXPECT_DEATH(ThrowThroughNoexcept(), "");
}

}  // namespace
}  // namespace fc::scenario
