#include "model/value_ledger.h"

#include <algorithm>
#include <vector>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace fc::model {

uint64_t ValueLedger::Construct() {
  const uint64_t id = next_id_++;
  live_.insert(id);
  return id;
}

void ValueLedger::Destroy(uint64_t id) {
  if (live_.erase(id) == 0) {
    log_->Add(Invariant::kValueLifetime, absl::StrFormat("payload object #%u destroyed twice", id));
  }
}

std::string ValueLedger::DescribeLive() const {
  std::vector<uint64_t> ids(live_.begin(), live_.end());
  std::sort(ids.begin(), ids.end());
  return absl::StrJoin(
      ids, ", ", [](std::string* out, uint64_t id) { absl::StrAppendFormat(out, "#%u", id); });
}

}  // namespace fc::model
