// Values and outcomes between the neutral interface (sut/) and futurecheck's
// C++ runtime: a payload of the runtime's element type T moves into an
// AnyPayload and back; operation states map onto the interface's.
#ifndef FUTURECHECK_ADAPTERS_CPP_PAYLOAD_CONVERSIONS_H_
#define FUTURECHECK_ADAPTERS_CPP_PAYLOAD_CONVERSIONS_H_

#include <optional>
#include <utility>
#include <variant>
#include <vector>

#include "model/any_payload.h"
#include "runtime/waitable_operation.h"
#include "sut/channel_ends.h"

namespace fc::adapters::cpp {

using model::AnyPayload;

template <class T>
AnyPayload ToAny(T value) {
  return AnyPayload(std::in_place_type<T>, std::move(value));
}

template <class T>
std::optional<AnyPayload> ToAny(std::optional<T> value) {
  if (!value) return std::nullopt;
  return ToAny(std::move(*value));
}

template <class T>
std::vector<AnyPayload> ToAny(std::vector<T> values) {
  std::vector<AnyPayload> out;
  out.reserve(values.size());
  for (T& value : values) out.push_back(ToAny(std::move(value)));
  return out;
}

// The harness only hands a runtime end values of its own payload kind.
template <class T>
T FromAny(AnyPayload value) {
  return std::get<T>(std::move(value));
}

template <class T>
std::vector<T> FromAny(std::vector<AnyPayload> values) {
  std::vector<T> out;
  out.reserve(values.size());
  for (AnyPayload& value : values) out.push_back(FromAny<T>(std::move(value)));
  return out;
}

inline sut::OpState ToOpState(rt::OperationState state) {
  switch (state) {
    case rt::OperationState::kNotStarted:
      return sut::OpState::kNotStarted;
    case rt::OperationState::kInProgress:
      return sut::OpState::kInProgress;
    case rt::OperationState::kDone:
      return sut::OpState::kDone;
    case rt::OperationState::kCancelled:
      return sut::OpState::kCancelled;
  }
  return sut::OpState::kNotStarted;
}

}  // namespace fc::adapters::cpp

#endif  // FUTURECHECK_ADAPTERS_CPP_PAYLOAD_CONVERSIONS_H_
