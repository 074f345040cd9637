// A payload value as the host sees it: the language-neutral content of a
// future's value after the host lifted it out of guest memory (lists copied,
// resources identified by their representation id, not a guest handle).
// The oracle compares these to tell "the very value that was written".
#ifndef FUTURECHECK_MODEL_VALUE_H_
#define FUTURECHECK_MODEL_VALUE_H_

#include <cstdint>
#include <string>
#include <vector>

namespace fc::model {

// The payload types of the test suite. The index doubles as the future type
// id the intrinsics carry.
enum class PayloadKind : uint32_t {
  kU32 = 0,       // u32
  kString = 1,    // string (a list of bytes)
  kResource = 2,  // own<resource>
  kRecord = 3,    // record { name: string, tags: list<string>, res: own<resource> }
};
inline constexpr int kNumPayloadKinds = 4;

const char* PayloadKindName(PayloadKind kind);
// Numbers may rendezvous within one instance; other types trap (spec).
bool IsNumberPayload(PayloadKind kind);

struct Value {
  enum class Kind { kU32, kString, kResource, kList, kRecord };
  Kind kind = Kind::kU32;
  uint32_t u32 = 0;
  std::string str;
  uint64_t resource = 0;     // representation id of an own<resource>
  std::vector<Value> items;  // list elements or record fields

  static Value U32(uint32_t v);
  static Value String(std::string s);
  static Value Resource(uint64_t rep);
  static Value List(std::vector<Value> items);
  static Value Record(std::vector<Value> fields);

  friend bool operator==(const Value& a, const Value& b);
  friend bool operator!=(const Value& a, const Value& b) { return !(a == b); }

  // Resources referenced anywhere inside (their representation ids).
  void CollectResources(std::vector<uint64_t>& out) const;
  std::string ToString() const;
};

}  // namespace fc::model

#endif  // FUTURECHECK_MODEL_VALUE_H_
