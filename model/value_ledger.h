// Books on payload objects: each instrumented test value registers when it
// is constructed and deregisters when destroyed, so the harness sees values
// that leak and values destroyed twice (the drop sentinels of tokio's tests).
#ifndef FUTURECHECK_MODEL_VALUE_LEDGER_H_
#define FUTURECHECK_MODEL_VALUE_LEDGER_H_

#include <cstdint>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "model/violation.h"

namespace fc::model {

class ValueLedger {
 public:
  explicit ValueLedger(ViolationLog& log) : log_(&log) {}

  uint64_t Construct();
  void Destroy(uint64_t id);

  size_t live_count() const { return live_.size(); }
  uint64_t constructed() const { return next_id_ - 1; }
  std::string DescribeLive() const;

 private:
  ViolationLog* log_;
  absl::flat_hash_set<uint64_t> live_;
  uint64_t next_id_ = 1;
};

// A member that makes its enclosing payload type instrumented. Move-only:
// a moved-to object is a new instance, the moved-from husk is still one
// until it is destroyed.
class Tracked {
 public:
  explicit Tracked(ValueLedger& ledger) : ledger_(&ledger), id_(ledger.Construct()) {}
  Tracked(Tracked&& other) noexcept : ledger_(other.ledger_), id_(ledger_->Construct()) {}
  Tracked& operator=(Tracked&&) noexcept { return *this; }  // identity stays
  Tracked(const Tracked&) = delete;
  Tracked& operator=(const Tracked&) = delete;
  ~Tracked() { ledger_->Destroy(id_); }

  uint64_t id() const { return id_; }

 private:
  ValueLedger* ledger_;
  uint64_t id_;
};

}  // namespace fc::model

#endif  // FUTURECHECK_MODEL_VALUE_LEDGER_H_
