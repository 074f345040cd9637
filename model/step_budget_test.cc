#include "model/step_budget.h"

#include <gtest/gtest.h>

#include "model/trace.h"

namespace fc::model {
namespace {

TEST(StepBudgetTest, ThrowsPastTheBoundAndStartsAgainEachStep) {
  StepBudget budget;
  for (uint32_t i = 0; i < StepBudget::kMaxTraceLines; ++i) budget.ChargeTraceLine();
  EXPECT_THROW(budget.ChargeTraceLine(), StepBudgetExceeded);
  budget.Start();
  EXPECT_NO_THROW(budget.ChargeTraceLine());
  for (uint32_t i = 0; i < StepBudget::kMaxAllocations; ++i) budget.ChargeAllocation();
  try {
    budget.ChargeAllocation();
    FAIL() << "the allocation past the bound did not throw";
  } catch (const StepBudgetExceeded& e) {
    EXPECT_NE(e.what.find("guest-heap allocations"), std::string::npos) << e.what;
  }
}

TEST(StepBudgetTest, TraceChargesEveryLine) {
  StepBudget budget;
  Trace trace;
  trace.set_budget(&budget);
  for (uint32_t i = 0; i < StepBudget::kMaxTraceLines; ++i) trace.Host("call");
  EXPECT_THROW(trace.Host("one call too many"), StepBudgetExceeded);
  Trace unbounded;
  for (uint32_t i = 0; i <= StepBudget::kMaxTraceLines; ++i) unbounded.Host("call");
  EXPECT_EQ(unbounded.lines().size(), StepBudget::kMaxTraceLines + 1);
}

}  // namespace
}  // namespace fc::model
