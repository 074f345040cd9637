#include "explore/scenario_template.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace fc::explore {
namespace {

using scenario::Action;
using scenario::Op;

bool Made(const std::vector<Action>& history, Op op) {
  return std::any_of(history.begin(), history.end(), [op](const Action& a) { return a.op == op; });
}

bool IsU32(const Action& action) { return action.payload == model::PayloadKind::kU32; }

}  // namespace

std::vector<std::string> ScenarioTemplate::Names() {
  return {"all-kinds",  "one-future", "one-writer", "one-reader",  "writer-and-reader",
          "one-stream", "streams",    "tasks",      "stream-tasks"};
}

absl::StatusOr<ScenarioTemplate> ScenarioTemplate::Named(absl::string_view name) {
  const std::vector<std::string> names = Names();
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return ScenarioTemplate(names[i], static_cast<Kind>(i));
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown template '", name, "' (known: ", absl::StrJoin(names, ", "), ")"));
}

scenario::SessionOptions ScenarioTemplate::session_options() const {
  scenario::SessionOptions options;
  switch (kind_) {
    case Kind::kAllKinds:
    case Kind::kWriterAndReader:
      options.max_channels = 2;
      break;
    case Kind::kOneFuture:
    case Kind::kOneWriter:
    case Kind::kOneReader:
      options.max_channels = 1;
      break;
    case Kind::kOneStream:
      options.max_channels = 1;
      options.streams = true;
      break;
    case Kind::kStreams:
      options.max_channels = 2;
      options.streams = true;
      break;
    case Kind::kTasks:
      options.max_channels = 2;
      options.tasks = true;
      options.max_tasks = 2;
      break;
    case Kind::kStreamTasks:
      options.max_channels = 2;
      options.streams = true;
      options.tasks = true;
      options.max_tasks = 2;
      break;
  }
  return options;
}

bool ScenarioTemplate::Allows(const Action& action, const std::vector<Action>& history) const {
  const bool creates = action.op == Op::kNewFuture || action.op == Op::kReceiveFuture;
  switch (kind_) {
    case Kind::kAllKinds:
    case Kind::kOneFuture:
    case Kind::kStreams:
      return true;
    case Kind::kTasks:
      // u32 futures only: tasks are what this template is about.
      return !creates || IsU32(action);
    case Kind::kOneStream:
      return !creates;  // only new-stream / receive-stream create a channel
    case Kind::kStreamTasks: {
      if (creates) return false;
      const bool creates_stream = action.op == Op::kNewStream || action.op == Op::kReceiveStream;
      return !creates_stream || (IsU32(action) && !Made(history, action.op));
    }
    case Kind::kOneWriter:
      // Only guest-created futures exist, so the only reader ops are the peer's.
      return !creates || (action.op == Op::kNewFuture && IsU32(action));
    case Kind::kOneReader:
      return !creates || (action.op == Op::kReceiveFuture && IsU32(action));
    case Kind::kWriterAndReader:
      return !creates || (IsU32(action) && !Made(history, action.op));
  }
  return false;
}

std::vector<Action> ScenarioTemplate::Filter(const std::vector<Action>& enabled,
                                             const std::vector<Action>& history) const {
  std::vector<Action> allowed;
  allowed.reserve(enabled.size());
  for (const Action& action : enabled) {
    if (Allows(action, history)) allowed.push_back(action);
  }
  return allowed;
}

}  // namespace fc::explore
