#include "model/mock_host.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace fc::model {
namespace {

using rt::Handle;

}  // namespace

MockHost::MockHost(Trace& trace, ViolationLog& log, ChoiceSource& choices)
    : trace_(&trace), log_(&log), choices_(&choices), heap_(log), values_(log) {}

MockHost::~MockHost() = default;

// ------------------------------------------------------------ bookkeeping --

void MockHost::Trap(const std::string& call, const std::string& why) {
  if (trapped_) return;
  trapped_ = true;
  trace_->Host([&] { return absl::StrCat(call, " -> TRAP: ", why); });
  log_->Add(Invariant::kHostTrap, absl::StrCat(call, ": ", why));
}

std::string MockHost::WithReuseNote(Handle handle, absl::string_view text) const {
  return absl::StrCat(text, handles_.ReuseNote(handle));
}

void MockHost::TrapOnHandle(const std::string& call, Handle handle, absl::string_view why) {
  Trap(call, WithReuseNote(handle, why));
}

void MockHost::RemoveHandle(Handle handle) {
  handles_.Remove(handle);
  if (sets_.SetOf(handle) != rt::kNoHandle) {
    // Dropping a waitable takes it out of its set (the spec's Waitable.drop).
    ReportHostTransition({"waitable-set", "member", "IN", "OUT", "drop"});
    sets_.Leave(handle);
  }
}

// ----------------------------------------------------------------- memory --

void* MockHost::Alloc(size_t size, size_t align) {
  if (budget_ != nullptr) budget_->ChargeAllocation();
  return heap_.Alloc(size, align);
}

void MockHost::Free(void* ptr, size_t size, size_t align) {
  if (trapped_) return;
  heap_.Free(ptr, size, align);
}

// ------------------------------------------------------------- resources --

rt::Handle MockHost::ResourceNew() {
  const uint64_t rep = resources_.New(ResourceOwner::kGuest);
  const Handle handle = handles_.Add(HandleEntry::Resource(rep));
  trace_->Host([&] { return absl::StrFormat("resource.new() -> %u (res#%u)", handle, rep); });
  return handle;
}

void MockHost::ResourceDrop(Handle handle) {
  if (trapped_) return;
  const std::string call =
      CallText([&] { return std::string(absl::StrFormat("resource.drop(%u)", handle)); });
  const HandleEntry* entry = handles_.Find(handle);
  if (entry == nullptr || entry->kind != HandleEntry::Kind::kResource) {
    TrapOnHandle(
        call, handle,
        entry == nullptr
            ? (handles_.WasRemoved(handle) ? "the handle was already dropped or moved away"
                                           : "the handle does not exist")
            : absl::StrCat("the handle is not an own<resource>: it names ", entry->Describe()));
    return;
  }
  const uint64_t rep = entry->rep;
  resources_.set_owner(rep, ResourceOwner::kDropped);
  trace_->Host([&] { return absl::StrFormat("%s (res#%u)", call, rep); });
  RemoveHandle(handle);
}

uint64_t MockHost::RepOf(Handle handle) const {
  const HandleEntry* entry = handles_.Find(handle);
  return entry == nullptr || entry->kind != HandleEntry::Kind::kResource ? 0 : entry->rep;
}

std::optional<uint64_t> MockHost::TakeFromGuest(Handle handle) {
  const HandleEntry* entry = handles_.Find(handle);
  if (entry == nullptr || entry->kind != HandleEntry::Kind::kResource) {
    TrapOnHandle(absl::StrFormat("lift own<resource> %u", handle), handle,
                 "the written value holds a handle that is not a live resource");
    return std::nullopt;
  }
  const uint64_t rep = entry->rep;
  RemoveHandle(handle);
  resources_.set_owner(rep, ResourceOwner::kPeer);
  return rep;
}

Handle MockHost::GiveToGuest(uint64_t rep) {
  resources_.set_owner(rep, ResourceOwner::kGuest);
  return handles_.Add(HandleEntry::Resource(rep));
}

// ------------------------------------------------------- transfer of ends --

void MockHost::TransferToPeer(Handle handle) {
  if (trapped_) return;
  const std::string call = CallText([&] {
    return std::string(absl::StrFormat("lift future end %u (pass to the other side)", handle));
  });
  const HandleEntry* entry = handles_.Find(handle);
  if (entry == nullptr || !entry->IsEnd()) {
    TrapOnHandle(call, handle, "not a live future or stream end");
    return;
  }
  if (const Handle set = sets_.SetOf(handle); set != rt::kNoHandle) {
    Trap(call, absl::StrFormat("the end is in waitable set %u", set));
    return;
  }
  TransferEndToPeer(handle, *entry, call);
}

// ---------------------------------------------------------- end of scenario --

void MockHost::PeerSettle(const std::vector<ChannelRef>& order) {
  if (trapped_) return;
  // The ids of one kind: those in `order` first, then the rest.
  auto ids = [&order](ChannelKind kind, size_t count) {
    std::vector<uint32_t> out;
    std::vector<bool> listed(count, false);
    for (const ChannelRef& ref : order) {
      if (ref.kind == kind && ref.id < count && !listed[ref.id]) {
        out.push_back(ref.id);
        listed[ref.id] = true;
      }
    }
    for (uint32_t id = 0; id < count; ++id) {
      if (!listed[id]) out.push_back(id);
    }
    return out;
  };
  PeerSettleFutures(ids(ChannelKind::kFuture, futures_.size()));
  PeerSettleStreams(ids(ChannelKind::kStream, streams_.size()));
  resources_.TransferAll(ResourceOwner::kPeer, ResourceOwner::kDropped);
}

void MockHost::CheckLedgersEmpty() {
  if (trapped_) return;
  std::vector<std::string> ends;
  std::vector<Handle> sets;
  std::vector<std::string> resources;
  for (const auto& [handle, entry] : handles_.Live()) {
    if (entry.kind == HandleEntry::Kind::kResource) {
      resources.push_back(absl::StrFormat("res#%u (handle %u)", entry.rep, handle));
    } else if (entry.kind == HandleEntry::Kind::kWaitableSet) {
      sets.push_back(handle);
    } else {
      const Channel& channel = Channels(entry.channel_kind)[entry.channel];
      ends.push_back(absl::StrFormat("%u (%s %s, %s)", handle, channel.Label(),
                                     entry.readable ? "readable" : "writable",
                                     CopyStateName(channel.end(entry.readable).state)));
    }
  }
  // Sorted as text, as the report always was.
  std::sort(resources.begin(), resources.end());
  if (!ends.empty()) {
    log_->Add(Invariant::kHandleLeak,
              absl::StrCat("future/stream ends never dropped: ", absl::StrJoin(ends, ", ")));
  }
  if (!sets.empty()) {
    log_->Add(Invariant::kHandleLeak,
              absl::StrCat("waitable sets never dropped: ", absl::StrJoin(sets, ", ")));
  }
  CheckTasksSettled();
  if (!resources.empty()) {
    log_->Add(Invariant::kResourceOwnership,
              absl::StrCat("resources still owned by the guest after every value was destroyed: ",
                           absl::StrJoin(resources, ", ")));
  }
  if (heap_.live_count() != 0) {
    log_->Add(Invariant::kMemoryLeak,
              absl::StrCat("guest allocations never freed: ", heap_.DescribeLive()));
  }
  if (values_.live_count() != 0) {
    log_->Add(Invariant::kValueLeak,
              absl::StrCat("payload objects never destroyed: ", values_.DescribeLive()));
  }
  if (pending_events() != 0) {
    log_->Add(Invariant::kQuiescence,
              absl::StrFormat("%u events never delivered", pending_events()));
  }
}

std::string MockHost::DescribeLedgers() const {
  std::string out;
  absl::StrAppendFormat(&out, "  memory: %u live of %u allocations%s%s\n", heap_.live_count(),
                        heap_.total_allocations(), heap_.live_count() ? ": " : "",
                        heap_.DescribeLive());
  absl::StrAppendFormat(&out, "  values: %u live of %u constructed%s%s\n", values_.live_count(),
                        values_.constructed(), values_.live_count() ? ": " : "",
                        values_.DescribeLive());
  std::vector<Handle> handles;
  for (const auto& [h, entry] : handles_.Live()) handles.push_back(h);
  absl::StrAppendFormat(&out, "  guest handles: %s\n",
                        handles.empty() ? "none" : absl::StrJoin(handles, ", "));
  for (const Channel& channel : futures_) absl::StrAppendFormat(&out, "  %s\n", channel.Describe());
  for (const Channel& channel : streams_) absl::StrAppendFormat(&out, "  %s\n", channel.Describe());
  absl::StrAppendFormat(&out, "  undelivered events: %u\n", pending_events());
  absl::StrAppend(&out, DescribeSetsAndTasks());
  return out;
}

namespace {

// One end: holder, state, dropped, pending event, and its buffer (a
// future's only whether it has one; a stream's progress and capacity).
void AppendEnd(std::string* out, const Channel& channel, const CopyEnd& e) {
  out->push_back(e.holder == Party::kGuest ? 'g' : 'p');
  out->push_back("ICXD"[static_cast<int>(e.state)]);
  out->push_back(e.dropped ? '1' : '0');
  out->push_back(e.pending_event ? "cdx"[static_cast<int>(*e.pending_event)] : '-');
  if (!channel.is_stream()) {
    out->push_back(e.buffer.has_value() ? 'b' : '-');
  } else if (e.buffer) {
    absl::StrAppend(out, e.buffer->progress, "/", e.buffer->capacity);
  }
}

}  // namespace

std::string MockHost::ChannelSignature(const ChannelRef& ref) const {
  const Channel& ch = channel(ref.kind, ref.id);
  const CopyEnd* p = ch.pending_end();
  const char pending = p == nullptr ? '0' : (p->readable ? '1' : '2');
  const bool future = ref.kind == ChannelKind::kFuture;
  std::string out(1, future ? '[' : '{');
  absl::StrAppend(&out, static_cast<int>(ch.payload()), ":");
  AppendEnd(&out, ch, ch.readable());
  out.push_back('/');
  AppendEnd(&out, ch, ch.writable());
  out.push_back(':');
  // A stream's: not how many elements were delivered. That grows without
  // bound and changes nothing that can happen next (the guest's slot keeps
  // what it has yet to account for).
  if (future) out.push_back(ch.value_delivered() ? '1' : '0');
  out.push_back(pending);
  out.push_back(future ? ']' : '}');
  return out;
}

std::string MockHost::SharedSignature(const std::vector<ChannelRef>& order) const {
  // A channel reference as its position in `order` ('?' and its id if not
  // in it).
  auto name = [&order](ChannelKind kind, uint32_t id, bool readable) {
    for (size_t k = 0; k < order.size(); ++k) {
      if (order[k].kind == kind && order[k].id == id) {
        return absl::StrCat(k, readable ? "r" : "w");
      }
    }
    return absl::StrCat("?", std::string(1, ChannelLetter(kind)), id, readable ? "r" : "w");
  };
  std::string out = trapped_ ? "T1Q" : "T0Q";
  events_.ForEach([&](const EventRef& ref) {
    if (EventStillPending(ref)) absl::StrAppend(&out, name(ref.kind, ref.channel, ref.readable));
  });
  // Which ends wait in a set (by channel, not handle), and the export tasks.
  std::vector<std::string> joined;
  for (const auto& [waitable, set] : sets_.Memberships()) {
    const HandleEntry* e = handles_.Find(waitable);
    if (e == nullptr) continue;
    joined.push_back(name(e->channel_kind, e->channel, e->readable));
  }
  std::sort(joined.begin(), joined.end());
  absl::StrAppend(&out, "J", absl::StrJoin(joined, ","), "X");
  for (ExportState state : exports_.states()) absl::StrAppend(&out, static_cast<int>(state));
  absl::StrAppend(&out, "M", heap_.live_count(), "V", values_.live_count(), "H", handles_.size(),
                  "R", resources_.OwnedBy(ResourceOwner::kGuest));
  return out;
}

}  // namespace fc::model
