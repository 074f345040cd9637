#include "model/copy_transition.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "model/enum_names.h"

namespace fc::model {
namespace {

thread_local CopyTransitionObserver* current_observer = nullptr;

}  // namespace

const char* EndStateName(EndState state) {
  static constexpr const char* kNames[] = {"IDLE", "COPYING", "CANCELLING_COPY", "DONE", "DROPPED"};
  static_assert(std::size(kNames) == EnumCount(EndState::kDropped));
  return NameIn(kNames, state);
}

EndState ToEndState(CopyState state) {
  switch (state) {
    case CopyState::kIdle:
      return EndState::kIdle;
    case CopyState::kCopying:
      return EndState::kCopying;
    case CopyState::kCancellingCopy:
      return EndState::kCancellingCopy;
    case CopyState::kDone:
      return EndState::kDone;
  }
  return EndState::kIdle;
}

const char* TransitionCauseName(TransitionCause cause) {
  static constexpr const char* kNames[] = {"copy-blocked", "copy-eager",    "event",
                                           "cancel",       "cancel-result", "drop"};
  static_assert(std::size(kNames) == EnumCount(TransitionCause::kDrop));
  return NameIn(kNames, cause);
}

std::string CopyTransition::Key() const {
  std::string key = absl::StrFormat("%s %s %s %s -> %s %s", ChannelKindName(kind),
                                    readable ? "readable" : "writable",
                                    holder == Party::kGuest ? "guest" : "peer", EndStateName(from),
                                    EndStateName(to), TransitionCauseName(cause));
  if (code.has_value()) {
    const bool counted = kind == ChannelKind::kStream && *code != rt::kBlocked;
    absl::StrAppend(&key, " ", rt::FormatReturnCode(counted ? (*code & 0xf) : *code));
  }
  return key;
}

ScopedCopyTransitionObserver::ScopedCopyTransitionObserver(CopyTransitionObserver* observer)
    : previous_(current_observer) {
  current_observer = observer;
}

ScopedCopyTransitionObserver::~ScopedCopyTransitionObserver() { current_observer = previous_; }

void ReportCopyTransition(const CopyTransition& transition) {
  if (current_observer != nullptr) current_observer->OnTransition(transition);
}

std::string HostTransition::Key() const {
  std::string key = absl::StrFormat("%s %s guest %s -> %s %s", machine, subject, from, to, cause);
  if (result != nullptr) absl::StrAppend(&key, " ", result);
  return key;
}

void ReportHostTransition(const HostTransition& transition) {
  if (current_observer != nullptr) current_observer->OnHostTransition(transition);
}

}  // namespace fc::model
