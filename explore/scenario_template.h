// A scenario template restricts which actions the explorer may take: a
// filter over Session::EnabledActions() plus SessionOptions.max_channels.
// Smaller templates make deeper searches affordable.
//
//   all-kinds          Session's own enabled set, at most 2 futures (default)
//   one-future         one future of any payload kind, either direction
//   one-writer         one `new u32`: the guest's writer ops, the other end's ops, deliver
//   one-reader         one `receive u32`: the guest's reader ops, the other end's ops, deliver
//   writer-and-reader  one `new u32` and one `receive u32`, in either order
//   one-stream         one stream of any payload kind, either direction
//   streams            futures and streams, at most 2 channels
//   tasks              up to 2 u32 futures and 2 coroutine tasks on them
//   stream-tasks       one `new-stream u32` and one `receive-stream u32`, and
//                      up to 2 tasks: producers and consumers over them
#ifndef FUTURECHECK_EXPLORE_SCENARIO_TEMPLATE_H_
#define FUTURECHECK_EXPLORE_SCENARIO_TEMPLATE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "scenario/scenario.h"
#include "scenario/session.h"

namespace fc::explore {

class ScenarioTemplate {
 public:
  static absl::StatusOr<ScenarioTemplate> Named(absl::string_view name);
  static std::vector<std::string> Names();

  const std::string& name() const { return name_; }
  scenario::SessionOptions session_options() const;

  // The actions of `enabled` this template allows, in their order, given the
  // actions already taken (`history`).
  std::vector<scenario::Action> Filter(const std::vector<scenario::Action>& enabled,
                                       const std::vector<scenario::Action>& history) const;

 private:
  enum class Kind {
    kAllKinds,
    kOneFuture,
    kOneWriter,
    kOneReader,
    kWriterAndReader,
    kOneStream,
    kStreams,
    kTasks,
    kStreamTasks,
  };
  ScenarioTemplate(std::string name, Kind kind) : name_(std::move(name)), kind_(kind) {}
  bool Allows(const scenario::Action& action, const std::vector<scenario::Action>& history) const;

  std::string name_;
  Kind kind_;
};

}  // namespace fc::explore

#endif  // FUTURECHECK_EXPLORE_SCENARIO_TEMPLATE_H_
