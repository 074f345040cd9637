#include "model/any_payload.h"

#include <type_traits>

namespace fc::model {

AnyPayload MakePayload(PayloadKind kind, const PayloadEnv& env, uint32_t serial) {
  return WithPayloadType(kind, [&](auto* tag) -> AnyPayload {
    using T = std::remove_pointer_t<decltype(tag)>;
    return AnyPayload(std::in_place_type<T>, PayloadTraits<T>::Make(env, serial));
  });
}

Value PayloadValue(const AnyPayload& payload, const PayloadEnv& env) {
  return std::visit(
      [&](const auto& p) {
        using T = std::decay_t<decltype(p)>;
        return PayloadTraits<T>::ToValue(p, env);
      },
      payload);
}

}  // namespace fc::model
