// One channel of a scenario as the guest program holds it (a future or a
// stream): its ends, the operation in flight, the values handed back. A slot
// applies the actions on its channel, guest's and other end's, and checks
// every result the runtime reports against what the model says happened.
#ifndef FUTURECHECK_SCENARIO_SLOT_H_
#define FUTURECHECK_SCENARIO_SLOT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "scenario/scenario.h"

namespace fc::scenario {

// Destroys the object in `slot` now, letting a runtime panic raised by its
// destructor propagate: std::optional's own reset is noexcept and would
// terminate the harness instead.
template <class U>
void DropNow(std::optional<U>& slot) {
  if (!slot) return;
  U doomed = std::move(*slot);
  slot.reset();
}

class Slot {
 public:
  // noexcept(false): runtime objects may panic while being destroyed.
  virtual ~Slot() noexcept(false) = default;
  // Performs an action on this slot; an error means it does not apply now.
  virtual absl::Status Apply(const Action& action) = 0;
  // Appends the actions that apply now (`index` is this slot's), in a fixed order.
  virtual void AppendEnabled(uint32_t index, std::vector<Action>& out) const = 0;
  // Destroys everything the guest still holds of this channel.
  virtual void DropAll() = 0;
  // Checks, after teardown, what must hold once the channel is gone.
  virtual void CheckEnd() = 0;
  // What the guest holds, for Session::StateSignature.
  virtual std::string Signature() const = 0;
};

}  // namespace fc::scenario

#endif  // FUTURECHECK_SCENARIO_SLOT_H_
