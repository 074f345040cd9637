// An observation hook on the channel model's copy-state machine: every state
// change of a future or stream end (a copy that blocks or returns at once, an event
// delivered, a cancel and its result, a drop) is reported to the observer
// installed on this thread, if any. Coverage tools (the explorer) use it to
// see which spec transitions a search exercised; with no observer installed
// it costs one branch and changes nothing.
//
//   CoverageCounter counter;                 // a CopyTransitionObserver
//   ScopedCopyTransitionObserver scope(&counter);
//   ... run scenarios ...
#ifndef FUTURECHECK_MODEL_COPY_TRANSITION_H_
#define FUTURECHECK_MODEL_COPY_TRANSITION_H_

#include <cstdint>
#include <optional>
#include <string>

#include "model/copy_end.h"
#include "runtime/return_code.h"

namespace fc::model {

// CopyState plus the end's final fate: dropped.
enum class EndState { kIdle, kCopying, kCancellingCopy, kDone, kDropped };
inline constexpr int kNumEndStates = 5;
const char* EndStateName(EndState state);
EndState ToEndState(CopyState state);

// Why the end moved.
enum class TransitionCause {
  kCopyBlocked,   // read/write returned BLOCKED: IDLE -> COPYING
  kCopyEager,     // read/write returned its result at once: IDLE -> DONE (a stream: IDLE)
  kEvent,         // the copy's result was delivered as an event: COPYING -> DONE or IDLE
  kCancel,        // cancel-read/cancel-write began: COPYING -> CANCELLING_COPY
  kCancelResult,  // the cancel returned: CANCELLING_COPY -> IDLE or DONE
  kDrop,          // drop-readable/drop-writable
};
inline constexpr int kNumTransitionCauses = 6;
const char* TransitionCauseName(TransitionCause cause);

struct CopyTransition {
  ChannelKind kind = ChannelKind::kFuture;
  bool readable = true;
  Party holder = Party::kGuest;  // the guest under test, or the other end played by the model
  EndState from = EndState::kIdle;
  EndState to = EndState::kIdle;
  TransitionCause cause = TransitionCause::kCopyBlocked;
  // The result the end saw (BLOCKED for kCopyBlocked); none for kCancel,
  // kDrop. A stream's count is left out of the key: the key names the kind
  // of result, not how much moved.
  std::optional<uint32_t> code;

  // "future writable guest IDLE -> DONE copy-eager COMPLETED": one stable
  // key per distinct transition, used in coverage tables and result files.
  std::string Key() const;
};

// A step of one of the host's other state machines, as the mock host
// reports it: a waitable set ("waitable-set set"), an end's membership in
// one ("waitable-set member"), or an export task ("export-task task").
// Its key reads like a copy transition's, so one table holds both:
// "export-task task guest RUNNING -> RETURNED task.return".
struct HostTransition {
  const char* machine;  // "waitable-set", "export-task"
  const char* subject;  // "set", "member", "task"
  const char* from;
  const char* to;
  const char* cause;
  const char* result = nullptr;  // "EVENT", "NONE", ... where the step has one

  std::string Key() const;
};

class CopyTransitionObserver {
 public:
  virtual ~CopyTransitionObserver() = default;
  virtual void OnTransition(const CopyTransition& transition) = 0;
  virtual void OnHostTransition(const HostTransition&) {}
};

// Installs `observer` for this thread while in scope (restores the previous one).
class ScopedCopyTransitionObserver {
 public:
  explicit ScopedCopyTransitionObserver(CopyTransitionObserver* observer);
  ~ScopedCopyTransitionObserver();
  ScopedCopyTransitionObserver(const ScopedCopyTransitionObserver&) = delete;
  ScopedCopyTransitionObserver& operator=(const ScopedCopyTransitionObserver&) = delete;

 private:
  CopyTransitionObserver* previous_;
};

// Called by Channel; a no-op without an observer.
void ReportCopyTransition(const CopyTransition& transition);
// Called by the mock host; a no-op without an observer.
void ReportHostTransition(const HostTransition& transition);

}  // namespace fc::model

#endif  // FUTURECHECK_MODEL_COPY_TRANSITION_H_
