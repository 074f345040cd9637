// The test payload types: instrumented guest values for future<T> scenarios.
// Each object is tracked by the value ledger (leaks, double destruction);
// each resource is a real own<resource> handle in the mock's table.
//
//   u32                                       U32Payload
//   string                                    StringPayload
//   own<resource>                             ResourcePayload
//   record { name: string, tags: list<string>, res: own<resource> }   RecordPayload
//
// Values made by `PayloadTraits<T>::Make(env, serial)` differ by serial, so
// the oracle can tell which value came back.
#ifndef FUTURECHECK_MODEL_PAYLOADS_H_
#define FUTURECHECK_MODEL_PAYLOADS_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "model/value.h"
#include "model/value_ledger.h"
#include "runtime/abi.h"

namespace fc::model {

// What the oracle may ask the host about a resource handle the guest holds:
// which resource it names (to describe a guest value). Not an intrinsic:
// the payloads create and drop resources through rt::HostAbi.
class ResourceReps {
 public:
  virtual ~ResourceReps() = default;
  // The representation behind a handle the guest holds (0 if none).
  virtual uint64_t RepOf(rt::Handle handle) const = 0;
};

struct PayloadEnv {
  rt::HostAbi* abi;
  ValueLedger* values;
  const ResourceReps* reps;
};

class OwnResource {
 public:
  OwnResource(rt::HostAbi& abi, rt::Handle handle) : abi_(&abi), handle_(handle) {}
  OwnResource(OwnResource&& other) noexcept
      : abi_(other.abi_), handle_(std::exchange(other.handle_, rt::kNoHandle)) {}
  OwnResource& operator=(OwnResource&& other) noexcept;
  ~OwnResource() { Reset(); }

  rt::Handle handle() const { return handle_; }
  // Gives up ownership (lowering moves the handle into a buffer).
  rt::Handle Release() { return std::exchange(handle_, rt::kNoHandle); }

 private:
  void Reset();
  rt::HostAbi* abi_;  // drops the handle with `resource.drop`
  rt::Handle handle_;
};

struct U32Payload {
  Tracked tracked;
  uint32_t value;
};

struct StringPayload {
  Tracked tracked;
  std::string text;
};

struct ResourcePayload {
  Tracked tracked;
  OwnResource res;
};

struct RecordPayload {
  Tracked tracked;
  std::string name;
  std::vector<std::string> tags;
  OwnResource res;
};

template <class T>
struct PayloadTraits;

template <>
struct PayloadTraits<U32Payload> {
  static constexpr PayloadKind kKind = PayloadKind::kU32;
  static U32Payload Make(const PayloadEnv& env, uint32_t serial);
  static Value ToValue(const U32Payload& p, const PayloadEnv& env);
  static void Lower(const PayloadEnv& env, U32Payload p, void* ptr);
  static U32Payload Lift(const PayloadEnv& env, void* ptr);
  static void DeallocLists(const PayloadEnv&, void*) {}
};

template <>
struct PayloadTraits<StringPayload> {
  static constexpr PayloadKind kKind = PayloadKind::kString;
  static StringPayload Make(const PayloadEnv& env, uint32_t serial);
  static Value ToValue(const StringPayload& p, const PayloadEnv& env);
  static void Lower(const PayloadEnv& env, StringPayload p, void* ptr);
  static StringPayload Lift(const PayloadEnv& env, void* ptr);
  static void DeallocLists(const PayloadEnv& env, void* ptr);
};

template <>
struct PayloadTraits<ResourcePayload> {
  static constexpr PayloadKind kKind = PayloadKind::kResource;
  static ResourcePayload Make(const PayloadEnv& env, uint32_t serial);
  static Value ToValue(const ResourcePayload& p, const PayloadEnv& env);
  static void Lower(const PayloadEnv& env, ResourcePayload p, void* ptr);
  static ResourcePayload Lift(const PayloadEnv& env, void* ptr);
  static void DeallocLists(const PayloadEnv&, void*) {}  // the handle moved to the reader
};

template <>
struct PayloadTraits<RecordPayload> {
  static constexpr PayloadKind kKind = PayloadKind::kRecord;
  static RecordPayload Make(const PayloadEnv& env, uint32_t serial);
  static Value ToValue(const RecordPayload& p, const PayloadEnv& env);
  static void Lower(const PayloadEnv& env, RecordPayload p, void* ptr);
  static RecordPayload Lift(const PayloadEnv& env, void* ptr);
  static void DeallocLists(const PayloadEnv& env, void* ptr);
};

// The operations table the runtime uses for T (one per future<T> type).
template <class T>
class TestPayloadAbi final : public rt::PayloadAbi<T> {
 public:
  explicit TestPayloadAbi(PayloadEnv env) : env_(env) {}

  rt::FutureTypeId type() const override {
    return rt::FutureTypeId{static_cast<uint32_t>(PayloadTraits<T>::kKind)};
  }
  size_t size() const override;
  size_t align() const override;
  void Lower(T value, void* ptr) override { PayloadTraits<T>::Lower(env_, std::move(value), ptr); }
  T Lift(void* ptr) override { return PayloadTraits<T>::Lift(env_, ptr); }
  void DeallocLists(void* ptr) override { PayloadTraits<T>::DeallocLists(env_, ptr); }

 private:
  PayloadEnv env_;
};

}  // namespace fc::model

#endif  // FUTURECHECK_MODEL_PAYLOADS_H_
