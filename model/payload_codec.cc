#include "model/payload_codec.h"

#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "model/payload_layout.h"

namespace fc::model {
namespace {

// A string's bytes are UTF-8, 1-aligned: the spec's alignment check on them
// cannot fail, so there is none here.
std::optional<std::string> LiftString(const layout::List& list, GuestHeap& heap) {
  if (list.len == 0) return std::string();
  if (!heap.CheckHostAccess(layout::AsPtr(list.ptr), list.len, "host reads a string's bytes")) {
    return std::nullopt;
  }
  return std::string(static_cast<const char*>(layout::AsPtr(list.ptr)), list.len);
}

layout::List LowerString(const std::string& text, GuestHeap& heap) {
  if (text.empty()) return layout::List{0, 0};
  void* bytes = heap.Alloc(text.size(), 1);
  std::memcpy(bytes, text.data(), text.size());
  return layout::List{layout::AsAddress(bytes), text.size()};
}

std::optional<Value> LiftResource(uint32_t handle, LiftLowerHost& host) {
  std::optional<uint64_t> rep = host.TakeFromGuest(handle);
  if (!rep.has_value()) return std::nullopt;
  return Value::Resource(*rep);
}

}  // namespace

std::optional<Value> LiftFromGuest(PayloadKind kind, const void* ptr, GuestHeap& heap,
                                   LiftLowerHost& host) {
  if (!heap.CheckHostAccess(ptr, layout::SizeOf(kind), "host reads the written value")) {
    return std::nullopt;
  }
  switch (kind) {
    case PayloadKind::kU32:
      return Value::U32(layout::Load<uint32_t>(ptr));
    case PayloadKind::kString: {
      std::optional<std::string> text = LiftString(layout::Load<layout::List>(ptr), heap);
      if (!text.has_value()) return std::nullopt;
      return Value::String(*std::move(text));
    }
    case PayloadKind::kResource:
      return LiftResource(layout::Load<uint32_t>(ptr), host);
    case PayloadKind::kRecord: {
      const auto record = layout::Load<layout::Record>(ptr);
      std::optional<std::string> name = LiftString(record.name, heap);
      if (!name.has_value()) return std::nullopt;
      std::vector<Value> tags;
      // The spec's load_list_from_range: a list<string> is aligned as a
      // string is, whatever its length.
      const size_t tags_align = layout::AlignOf(PayloadKind::kString);
      if (!layout::IsAligned(layout::AsPtr(record.tags.ptr), tags_align)) {
        host.Trap("lift list<string>",
                  absl::StrFormat("the record's tag list #%u is not %u-byte aligned, as string "
                                  "needs",
                                  heap.IdOf(layout::AsPtr(record.tags.ptr)), tags_align));
        return std::nullopt;
      }
      if (record.tags.len != 0) {
        const size_t bytes = record.tags.len * sizeof(layout::List);
        if (!heap.CheckHostAccess(layout::AsPtr(record.tags.ptr), bytes,
                                  "host reads a record's tag list")) {
          return std::nullopt;
        }
        const char* base = static_cast<const char*>(layout::AsPtr(record.tags.ptr));
        for (uint64_t i = 0; i < record.tags.len; ++i) {
          std::optional<std::string> tag =
              LiftString(layout::Load<layout::List>(base + i * sizeof(layout::List)), heap);
          if (!tag.has_value()) return std::nullopt;
          tags.push_back(Value::String(*std::move(tag)));
        }
      }
      std::optional<Value> res = LiftResource(record.res, host);
      if (!res.has_value()) return std::nullopt;
      return Value::Record(
          {Value::String(*std::move(name)), Value::List(std::move(tags)), *std::move(res)});
    }
  }
  return std::nullopt;
}

void LowerIntoGuest(PayloadKind kind, const Value& value, void* ptr, GuestHeap& heap,
                    LiftLowerHost& host) {
  if (!heap.CheckHostAccess(ptr, layout::SizeOf(kind), "host writes the read value")) return;
  switch (kind) {
    case PayloadKind::kU32:
      layout::Store<uint32_t>(ptr, value.u32);
      return;
    case PayloadKind::kString:
      layout::Store(ptr, LowerString(value.str, heap));
      return;
    case PayloadKind::kResource:
      layout::Store<uint32_t>(ptr, host.GiveToGuest(value.resource));
      return;
    case PayloadKind::kRecord: {
      layout::Record record{};
      record.name = LowerString(value.items[0].str, heap);
      const std::vector<Value>& tags = value.items[1].items;
      if (!tags.empty()) {
        char* base = static_cast<char*>(heap.Alloc(tags.size() * sizeof(layout::List), 8));
        for (size_t i = 0; i < tags.size(); ++i) {
          layout::Store(base + i * sizeof(layout::List), LowerString(tags[i].str, heap));
        }
        record.tags = layout::List{layout::AsAddress(base), tags.size()};
      }
      record.res = host.GiveToGuest(value.items[2].resource);
      layout::Store(ptr, record);
      return;
    }
  }
}

}  // namespace fc::model
