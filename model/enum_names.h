// The names of an enum's values, kept as a table in the enum's order, for
// the model's *Name() functions:
//
//   const char* CopyStateName(CopyState state) {
//     static constexpr const char* kNames[] = {"IDLE", "COPYING", "CANCELLING_COPY", "DONE"};
//     static_assert(std::size(kNames) == EnumCount(CopyState::kDone));
//     return NameIn(kNames, state);
//   }
//
// The static_assert against the last value catches a value added without a
// name; a value outside the table (a corrupt one) is named "?".
#ifndef FUTURECHECK_MODEL_ENUM_NAMES_H_
#define FUTURECHECK_MODEL_ENUM_NAMES_H_

#include <cstddef>
#include <iterator>

namespace fc::model {

// How many values an enum numbered 0, 1, ... has, given its last one.
template <class Enum>
constexpr size_t EnumCount(Enum last) {
  return static_cast<size_t>(last) + 1;
}

template <class Enum, size_t N>
constexpr const char* NameIn(const char* const (&names)[N], Enum value) {
  const auto index = static_cast<size_t>(value);
  return index < N ? names[index] : "?";
}

}  // namespace fc::model

#endif  // FUTURECHECK_MODEL_ENUM_NAMES_H_
