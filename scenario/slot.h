// One channel of a scenario as the guest program holds it (a future or a
// stream): its ends, the operation in flight, the values handed back. A slot
// applies the actions on its channel, guest's and other end's, and checks
// every result the runtime reports against what the model says happened.
#ifndef FUTURECHECK_SCENARIO_SLOT_H_
#define FUTURECHECK_SCENARIO_SLOT_H_

#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "model/channel.h"
#include "model/violation.h"
#include "runtime/abi.h"
#include "scenario/scenario.h"
#include "scenario/world.h"
#include "sut/channel_ends.h"
#include "sut/runtime_under_test.h"

namespace fc::scenario {

// Destroys the object in `slot` now, letting a runtime panic raised by its
// destructor propagate: std::unique_ptr's own reset is noexcept and would
// terminate the harness instead (a delete-expression frees the storage
// whether or not the destructor throws).
template <class U>
void DropNow(std::unique_ptr<U>& slot) {
  delete slot.release();
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
  // Checks, after every step, that every end the guest program holds (a
  // writer or reader, one handed back by a cancel included) is a live
  // handle of its kind on the host (held-ends-live).
  virtual void CheckHeldEnds() = 0;

  // The host's end of this slot's channel that the guest side holds (the
  // writer's or the reader's), wherever the guest program keeps it: in the
  // slot, or in a task that took it or borrows its operation. A task working
  // on this slot awaits a copy on that end.
  struct HostEnd {
    const model::Channel* channel;
    bool readable;
  };
  virtual HostEnd GuestEnd() const = 0;

  // Tasks: the task actions that apply to this slot,
  // its payload kind if it can be a relay's source (or target), and starting
  // a task (`target`: a relay's other slot).
  virtual void AppendTaskEnabled(uint32_t, std::vector<Action>&) const {}
  virtual std::optional<model::PayloadKind> RelayKind(bool /*source*/) const {
    return std::nullopt;
  }
  virtual absl::Status StartTask(const Action&, Slot* /*target*/) {
    return absl::InvalidArgumentError("no task runs on this slot");
  }
};

// What every slot shares: its name in traces (f3, s4), reporting results
// and violations, and running polls and cancels under the panic oracle.
class ReportingSlot : public Slot {
 protected:
  ReportingSlot(World& world, uint32_t index, char letter)
      : world_(&world), index_(index), letter_(letter) {}

  // What an action returned, under the action's own line.
  void Result(const std::string& text) const {
    world_->trace.User(absl::StrFormat("  %c%u => %s", letter_, index_, text));
  }
  void Violate(model::Invariant invariant, const std::string& text) const {
    world_->trace.Check(absl::StrFormat("%c%u VIOLATION: %s", letter_, index_, text));
    world_->log.Add(invariant, absl::StrFormat("%c%u: %s", letter_, index_, text));
  }
  absl::Status Missing(const char* what) const {
    return absl::FailedPreconditionError(
        absl::StrFormat("%c%u: the guest holds no %s", letter_, index_, what));
  }

  // Runs `body` (a poll or cancel), expecting a documented panic or not.
  template <class F>
  void Guard(bool panic_documented, const char* what, F&& body) {
    try {
      body();
    } catch (const sut::RuntimePanic& panic) {
      world_->trace.Runtime(absl::StrFormat("%c%u PANIC: %s", letter_, index_, panic.message));
      if (!panic_documented) {
        Violate(model::Invariant::kPanic, absl::StrCat(what, " panicked: ", panic.message));
      }
      return;
    } catch (const std::exception& e) {
      // Not the runtime's panic path: C++ threw from a state it should never
      // have reached (in a real guest, undefined behaviour).
      world_->trace.Runtime(absl::StrFormat("%c%u EXCEPTION: %s", letter_, index_, e.what()));
      Violate(model::Invariant::kPanic,
              absl::StrCat(what, " threw ", e.what(), " instead of a runtime panic"));
      return;
    }
    if (panic_documented) {
      Violate(model::Invariant::kPanic,
              absl::StrCat(what, " did not panic, though the operation had finished"));
    }
  }

  // held-ends-live for one end the guest holds (`what`: "writer", "reader").
  void CheckHeld(rt::Handle handle, bool stream, bool readable, uint32_t channel,
                 const char* what) const {
    if (std::optional<std::string> problem = world_->host.HeldEndProblem(
            handle, stream ? model::ChannelKind::kStream : model::ChannelKind::kFuture, readable,
            channel)) {
      Violate(model::Invariant::kHeldEnd,
              absl::StrCat("the guest program holds a ", what, ", but ", *problem));
    }
  }

  static bool Finished(sut::OpState state) {
    return state == sut::OpState::kDone || state == sut::OpState::kCancelled;
  }

  // One letter per operation state for signatures: - none, n not started,
  // p in progress, d done, c cancelled.
  template <class Operation>
  static char StateLetter(const std::unique_ptr<Operation>& op) {
    if (!op) return '-';
    switch (op->state()) {
      case sut::OpState::kNotStarted:
        return 'n';
      case sut::OpState::kInProgress:
        return 'p';
      case sut::OpState::kDone:
        return 'd';
      case sut::OpState::kCancelled:
        return 'c';
    }
    return '?';
  }

  World* world_;
  uint32_t index_;

 private:
  char letter_;
};

}  // namespace fc::scenario

#endif  // FUTURECHECK_SCENARIO_SLOT_H_
