#include "model/payloads.h"

#include <cstring>

#include "absl/strings/str_cat.h"
#include "model/payload_layout.h"

namespace fc::model {
namespace {

layout::List LowerString(const PayloadEnv& env, const std::string& text) {
  if (text.empty()) return layout::List{0, 0};
  void* bytes = env.abi->Alloc(text.size(), 1);
  std::memcpy(bytes, text.data(), text.size());
  return layout::List{layout::AsAddress(bytes), text.size()};
}

// Takes the bytes over: copies them out and frees the guest allocation.
std::string LiftString(const PayloadEnv& env, const layout::List& list) {
  if (list.len == 0) return std::string();
  std::string text(static_cast<const char*>(layout::AsPtr(list.ptr)), list.len);
  env.abi->Free(layout::AsPtr(list.ptr), list.len, 1);
  return text;
}

void FreeString(const PayloadEnv& env, const layout::List& list) {
  if (list.len != 0) env.abi->Free(layout::AsPtr(list.ptr), list.len, 1);
}

}  // namespace

OwnResource& OwnResource::operator=(OwnResource&& other) noexcept {
  if (this != &other) {
    Reset();
    abi_ = other.abi_;
    handle_ = std::exchange(other.handle_, rt::kNoHandle);
  }
  return *this;
}

void OwnResource::Reset() {
  if (handle_ != rt::kNoHandle) abi_->ResourceDrop(std::exchange(handle_, rt::kNoHandle));
}

template <class T>
size_t TestPayloadAbi<T>::size() const {
  return layout::SizeOf(PayloadTraits<T>::kKind);
}
template <class T>
size_t TestPayloadAbi<T>::align() const {
  return layout::AlignOf(PayloadTraits<T>::kKind);
}
template class TestPayloadAbi<U32Payload>;
template class TestPayloadAbi<StringPayload>;
template class TestPayloadAbi<ResourcePayload>;
template class TestPayloadAbi<RecordPayload>;

// ---- u32

U32Payload PayloadTraits<U32Payload>::Make(const PayloadEnv& env, uint32_t serial) {
  return U32Payload{Tracked(*env.values), serial};
}
Value PayloadTraits<U32Payload>::ToValue(const U32Payload& p, const PayloadEnv&) {
  return Value::U32(p.value);
}
void PayloadTraits<U32Payload>::Lower(const PayloadEnv&, U32Payload p, void* ptr) {
  layout::Store<uint32_t>(ptr, p.value);
}
U32Payload PayloadTraits<U32Payload>::Lift(const PayloadEnv& env, void* ptr) {
  return U32Payload{Tracked(*env.values), layout::Load<uint32_t>(ptr)};
}

// ---- string

StringPayload PayloadTraits<StringPayload>::Make(const PayloadEnv& env, uint32_t serial) {
  return StringPayload{Tracked(*env.values), absl::StrCat("s", serial)};
}
Value PayloadTraits<StringPayload>::ToValue(const StringPayload& p, const PayloadEnv&) {
  return Value::String(p.text);
}
void PayloadTraits<StringPayload>::Lower(const PayloadEnv& env, StringPayload p, void* ptr) {
  layout::Store(ptr, LowerString(env, p.text));
}
StringPayload PayloadTraits<StringPayload>::Lift(const PayloadEnv& env, void* ptr) {
  return StringPayload{Tracked(*env.values), LiftString(env, layout::Load<layout::List>(ptr))};
}
void PayloadTraits<StringPayload>::DeallocLists(const PayloadEnv& env, void* ptr) {
  FreeString(env, layout::Load<layout::List>(ptr));
}

// ---- own<resource>

ResourcePayload PayloadTraits<ResourcePayload>::Make(const PayloadEnv& env, uint32_t) {
  return ResourcePayload{Tracked(*env.values), OwnResource(*env.abi, env.abi->ResourceNew())};
}
Value PayloadTraits<ResourcePayload>::ToValue(const ResourcePayload& p, const PayloadEnv& env) {
  return Value::Resource(env.reps->RepOf(p.res.handle()));
}
void PayloadTraits<ResourcePayload>::Lower(const PayloadEnv&, ResourcePayload p, void* ptr) {
  layout::Store<uint32_t>(ptr, p.res.Release());
}
ResourcePayload PayloadTraits<ResourcePayload>::Lift(const PayloadEnv& env, void* ptr) {
  return ResourcePayload{Tracked(*env.values), OwnResource(*env.abi, layout::Load<uint32_t>(ptr))};
}

// ---- record

RecordPayload PayloadTraits<RecordPayload>::Make(const PayloadEnv& env, uint32_t serial) {
  std::vector<std::string> tags;
  for (uint32_t i = 0; i < serial % 3; ++i) tags.push_back(absl::StrCat("t", serial, ".", i));
  return RecordPayload{Tracked(*env.values), absl::StrCat("r", serial), std::move(tags),
                       OwnResource(*env.abi, env.abi->ResourceNew())};
}
Value PayloadTraits<RecordPayload>::ToValue(const RecordPayload& p, const PayloadEnv& env) {
  std::vector<Value> tags;
  for (const std::string& tag : p.tags) tags.push_back(Value::String(tag));
  return Value::Record({Value::String(p.name), Value::List(std::move(tags)),
                        Value::Resource(env.reps->RepOf(p.res.handle()))});
}
void PayloadTraits<RecordPayload>::Lower(const PayloadEnv& env, RecordPayload p, void* ptr) {
  layout::Record record{};
  record.name = LowerString(env, p.name);
  if (!p.tags.empty()) {
    const size_t bytes = p.tags.size() * sizeof(layout::List);
    char* base = static_cast<char*>(env.abi->Alloc(bytes, 8));
    for (size_t i = 0; i < p.tags.size(); ++i) {
      layout::Store(base + i * sizeof(layout::List), LowerString(env, p.tags[i]));
    }
    record.tags = layout::List{layout::AsAddress(base), p.tags.size()};
  }
  record.res = p.res.Release();
  layout::Store(ptr, record);
}
RecordPayload PayloadTraits<RecordPayload>::Lift(const PayloadEnv& env, void* ptr) {
  const auto record = layout::Load<layout::Record>(ptr);
  std::vector<std::string> tags;
  if (record.tags.len != 0) {
    const char* base = static_cast<const char*>(layout::AsPtr(record.tags.ptr));
    for (uint64_t i = 0; i < record.tags.len; ++i) {
      tags.push_back(LiftString(env, layout::Load<layout::List>(base + i * sizeof(layout::List))));
    }
    env.abi->Free(layout::AsPtr(record.tags.ptr), record.tags.len * sizeof(layout::List), 8);
  }
  return RecordPayload{Tracked(*env.values), LiftString(env, record.name), std::move(tags),
                       OwnResource(*env.abi, record.res)};
}
void PayloadTraits<RecordPayload>::DeallocLists(const PayloadEnv& env, void* ptr) {
  const auto record = layout::Load<layout::Record>(ptr);
  FreeString(env, record.name);
  if (record.tags.len != 0) {
    const char* base = static_cast<const char*>(layout::AsPtr(record.tags.ptr));
    for (uint64_t i = 0; i < record.tags.len; ++i) {
      FreeString(env, layout::Load<layout::List>(base + i * sizeof(layout::List)));
    }
    env.abi->Free(layout::AsPtr(record.tags.ptr), record.tags.len * sizeof(layout::List), 8);
  }
}

}  // namespace fc::model
