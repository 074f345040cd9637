#include "model/step_budget.h"

#include "absl/strings/str_format.h"

namespace fc::model {

void StepBudget::Exceeded(uint32_t bound, const char* what) {
  throw StepBudgetExceeded{
      absl::StrFormat("one step made more than %u %s: the runtime loops without end", bound, what)};
}

}  // namespace fc::model
