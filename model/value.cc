#include "model/value.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "model/enum_names.h"

namespace fc::model {

const char* PayloadKindName(PayloadKind kind) {
  static constexpr const char* kNames[] = {"u32", "string", "own<res>", "record"};
  static_assert(std::size(kNames) == EnumCount(PayloadKind::kRecord));
  return NameIn(kNames, kind);
}

bool IsNumberPayload(PayloadKind kind) { return kind == PayloadKind::kU32; }

Value Value::U32(uint32_t v) {
  Value value;
  value.kind = Kind::kU32;
  value.u32 = v;
  return value;
}

Value Value::String(std::string s) {
  Value value;
  value.kind = Kind::kString;
  value.str = std::move(s);
  return value;
}

Value Value::Resource(uint64_t rep) {
  Value value;
  value.kind = Kind::kResource;
  value.resource = rep;
  return value;
}

Value Value::List(std::vector<Value> items) {
  Value value;
  value.kind = Kind::kList;
  value.items = std::move(items);
  return value;
}

Value Value::Record(std::vector<Value> fields) {
  Value value;
  value.kind = Kind::kRecord;
  value.items = std::move(fields);
  return value;
}

bool operator==(const Value& a, const Value& b) {
  return a.kind == b.kind && a.u32 == b.u32 && a.str == b.str && a.resource == b.resource &&
         a.items == b.items;
}

void Value::CollectResources(std::vector<uint64_t>& out) const {
  if (kind == Kind::kResource) out.push_back(resource);
  for (const Value& item : items) item.CollectResources(out);
}

std::string Value::ToString() const {
  auto join_items = [this] {
    return absl::StrJoin(items, ", ",
                         [](std::string* out, const Value& v) { out->append(v.ToString()); });
  };
  switch (kind) {
    case Kind::kU32:
      return absl::StrCat(u32);
    case Kind::kString:
      return absl::StrFormat("\"%s\"", str);
    case Kind::kResource:
      return absl::StrCat("res#", resource);
    case Kind::kList:
      return absl::StrCat("[", join_items(), "]");
    case Kind::kRecord:
      return absl::StrCat("{", join_items(), "}");
  }
  return "?";
}

}  // namespace fc::model
