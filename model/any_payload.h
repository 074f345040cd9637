// A test payload of any kind, as values cross the runtime-under-test
// interface (sut/): one instrumented object of the four payload types, so
// the harness can make, hold, compare and drop values without naming the
// runtime's element type.
//
//   AnyPayload v = MakePayload(PayloadKind::kString, env, 7);   // "s7"
//   Value seen = PayloadValue(v, env);
//   WithPayloadType(kind, [&](auto* tag) { using T = std::remove_pointer_t<decltype(tag)>; });
#ifndef FUTURECHECK_MODEL_ANY_PAYLOAD_H_
#define FUTURECHECK_MODEL_ANY_PAYLOAD_H_

#include <cstdint>
#include <variant>

#include "model/payloads.h"
#include "model/value.h"

namespace fc::model {

using AnyPayload = std::variant<U32Payload, StringPayload, ResourcePayload, RecordPayload>;

// The value of serial `serial` of `kind` (serials tell values apart; 0 is
// the default value a writer dropped unwritten writes).
AnyPayload MakePayload(PayloadKind kind, const PayloadEnv& env, uint32_t serial);
// What the value is, for comparison with what the model saw.
Value PayloadValue(const AnyPayload& payload, const PayloadEnv& env);

// Calls `f(static_cast<T*>(nullptr))` with T the payload type of `kind`.
template <class F>
decltype(auto) WithPayloadType(PayloadKind kind, F&& f) {
  switch (kind) {
    case PayloadKind::kString:
      return f(static_cast<StringPayload*>(nullptr));
    case PayloadKind::kResource:
      return f(static_cast<ResourcePayload*>(nullptr));
    case PayloadKind::kRecord:
      return f(static_cast<RecordPayload*>(nullptr));
    case PayloadKind::kU32:
      break;
  }
  return f(static_cast<U32Payload*>(nullptr));
}

}  // namespace fc::model

#endif  // FUTURECHECK_MODEL_ANY_PAYLOAD_H_
