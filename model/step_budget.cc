#include "model/step_budget.h"

#include "absl/strings/str_format.h"

namespace fc::model {

void StepBudget::Exceeded(const char* what) {
  throw StepBudgetExceeded{absl::StrFormat(
      "one step made more than %u %s: the runtime loops without end", kMaxTraceLines, what)};
}

}  // namespace fc::model
