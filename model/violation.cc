#include "model/violation.h"

#include <utility>

#include "absl/strings/str_format.h"

namespace fc::model {

void ViolationLog::Add(Invariant invariant, std::string message) {
  violations_.push_back(Violation{invariant, std::move(message)});
}

std::string ViolationLog::ToString() const {
  std::string out;
  for (const Violation& v : violations_) {
    absl::StrAppendFormat(&out, "  [%s] %s\n", InvariantName(v.invariant), v.message);
  }
  return out;
}

}  // namespace fc::model
