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
  trace_->Host(absl::StrCat(call, " -> TRAP: ", why));
  log_->Add(Invariant::kHostTrap, absl::StrCat(call, ": ", why));
}

Handle MockHost::AddHandle(HandleEntry entry) {
  const Handle handle = next_handle_++;
  handles_.emplace(handle, entry);
  return handle;
}

void MockHost::RemoveHandle(Handle handle) {
  handles_.erase(handle);
  dropped_handles_.insert(handle);
  LeaveSet(handle);
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

rt::Handle MockHost::NewResource() {
  const uint64_t rep = next_rep_++;
  resources_[rep] = ResourceOwner::kGuest;
  const Handle handle =
      AddHandle({HandleEntry::Kind::kResource, ChannelKind::kFuture, false, 0, rep});
  trace_->Host(absl::StrFormat("resource.new() -> %u (res#%u)", handle, rep));
  return handle;
}

void MockHost::DropResource(Handle handle) {
  if (trapped_) return;
  const std::string call = absl::StrFormat("resource.drop(%u)", handle);
  auto it = handles_.find(handle);
  if (it == handles_.end() || it->second.kind != HandleEntry::Kind::kResource) {
    Trap(call, it == handles_.end()
                   ? (dropped_handles_.contains(handle)
                          ? "the handle was already dropped or moved away"
                          : "the handle does not exist")
                   : "the handle is not an own<resource>");
    return;
  }
  resources_[it->second.rep] = ResourceOwner::kDropped;
  trace_->Host(absl::StrFormat("%s (res#%u)", call, it->second.rep));
  RemoveHandle(handle);
}

uint64_t MockHost::RepOf(Handle handle) const {
  auto it = handles_.find(handle);
  if (it == handles_.end() || it->second.kind != HandleEntry::Kind::kResource) return 0;
  return it->second.rep;
}

std::optional<uint64_t> MockHost::TakeFromGuest(Handle handle) {
  auto it = handles_.find(handle);
  if (it == handles_.end() || it->second.kind != HandleEntry::Kind::kResource) {
    Trap(absl::StrFormat("lift own<resource> %u", handle),
         "the written value holds a handle that is not a live resource");
    return std::nullopt;
  }
  const uint64_t rep = it->second.rep;
  RemoveHandle(handle);
  resources_[rep] = ResourceOwner::kPeer;
  return rep;
}

Handle MockHost::GiveToGuest(uint64_t rep) {
  resources_[rep] = ResourceOwner::kGuest;
  return AddHandle({HandleEntry::Kind::kResource, ChannelKind::kFuture, false, 0, rep});
}

// ------------------------------------------------------- transfer of ends --

void MockHost::TransferToPeer(Handle handle) {
  if (trapped_) return;
  const std::string call = absl::StrFormat("lift future end %u (pass to the other side)", handle);
  auto it = handles_.find(handle);
  if (it == handles_.end() || it->second.kind != HandleEntry::Kind::kChannelEnd) {
    Trap(call, "not a live future or stream end");
    return;
  }
  if (SetOf(handle) != rt::kNoHandle) {
    Trap(call, absl::StrFormat("the end is in waitable set %u", SetOf(handle)));
    return;
  }
  TransferEndToPeer(handle, it->second, call);
}

// ---------------------------------------------------------- end of scenario --

void MockHost::PeerSettle() {
  if (trapped_) return;
  PeerSettleFutures();
  PeerSettleStreams();
  for (auto& [rep, owner] : resources_) {
    if (owner == ResourceOwner::kPeer) owner = ResourceOwner::kDropped;
  }
}

void MockHost::CheckLedgersEmpty() {
  if (trapped_) return;
  std::vector<Handle> ends;
  std::vector<Handle> sets;
  std::vector<std::string> resources;
  for (const auto& [handle, entry] : handles_) {
    if (entry.kind == HandleEntry::Kind::kResource) {
      resources.push_back(absl::StrFormat("res#%u (handle %u)", entry.rep, handle));
    } else if (entry.kind == HandleEntry::Kind::kWaitableSet) {
      sets.push_back(handle);
    } else {
      ends.push_back(handle);
    }
  }
  std::sort(ends.begin(), ends.end());
  std::sort(resources.begin(), resources.end());
  if (!ends.empty()) {
    std::vector<std::string> described;
    for (Handle h : ends) {
      const HandleEntry& entry = handles_.at(h);
      const Channel& channel = Channels(entry.channel_kind)[entry.channel];
      described.push_back(absl::StrFormat("%u (%s %s, %s)", h, channel.Label(),
                                          entry.readable ? "readable" : "writable",
                                          CopyStateName(channel.end(entry.readable).state)));
    }
    log_->Add(Invariant::kHandleLeak,
              absl::StrCat("future/stream ends never dropped: ", absl::StrJoin(described, ", ")));
  }
  if (!sets.empty()) {
    std::sort(sets.begin(), sets.end());
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
  for (const auto& [h, entry] : handles_) handles.push_back(h);
  std::sort(handles.begin(), handles.end());
  absl::StrAppendFormat(&out, "  guest handles: %s\n",
                        handles.empty() ? "none" : absl::StrJoin(handles, ", "));
  for (const Channel& channel : futures_) absl::StrAppendFormat(&out, "  %s\n", channel.Describe());
  for (const Channel& channel : streams_) absl::StrAppendFormat(&out, "  %s\n", channel.Describe());
  absl::StrAppendFormat(&out, "  undelivered events: %u\n", pending_events());
  absl::StrAppend(&out, DescribeSetsAndTasks());
  return out;
}

std::string MockHost::Signature() const {
  // One end: holder, state, dropped, pending event, and its buffer (a
  // future's only whether it has one; a stream's progress and capacity).
  auto end = [](const Channel& channel, const CopyEnd& e) {
    const std::string buffer =
        channel.is_stream()
            ? (e.buffer ? absl::StrFormat("%u/%u", e.buffer->progress, e.buffer->capacity) : "")
            : (e.buffer.has_value() ? "b" : "-");
    return absl::StrFormat("%c%c%d%c%s", e.holder == Party::kGuest ? 'g' : 'p',
                           "ICXD"[static_cast<int>(e.state)], e.dropped ? 1 : 0,
                           e.pending_event ? "cdx"[static_cast<int>(*e.pending_event)] : '-',
                           buffer);
  };
  auto pending = [](const Channel& channel) {
    const CopyEnd* p = channel.pending_end();
    return p == nullptr ? 0 : (p->readable ? 1 : 2);
  };
  std::string out = absl::StrFormat("T%d", trapped_ ? 1 : 0);
  for (const Channel& channel : futures_) {
    absl::StrAppendFormat(&out, "[%d:%s/%s:%d%d]", static_cast<int>(channel.payload()),
                          end(channel, channel.readable()), end(channel, channel.writable()),
                          channel.value_delivered() ? 1 : 0, pending(channel));
  }
  for (const Channel& channel : streams_) {
    absl::StrAppendFormat(&out, "{%d:%s/%s:%u%d}", static_cast<int>(channel.payload()),
                          end(channel, channel.readable()), end(channel, channel.writable()),
                          channel.delivered().size(), pending(channel));
  }
  absl::StrAppend(&out, "Q");
  for (const EventRef& ref : event_queue_) {
    if (EventStillPending(ref)) {
      absl::StrAppendFormat(&out, "%c%u%c", ChannelLetter(ref.kind), ref.channel,
                            ref.readable ? 'r' : 'w');
    }
  }
  // Which ends wait in a set (by channel, not handle), and the export tasks.
  std::vector<std::string> joined;
  for (const auto& [waitable, set] : membership_) {
    auto it = handles_.find(waitable);
    if (it == handles_.end()) continue;
    const HandleEntry& e = it->second;
    joined.push_back(absl::StrFormat("%c%u%c", ChannelLetter(e.channel_kind), e.channel,
                                     e.readable ? 'r' : 'w'));
  }
  std::sort(joined.begin(), joined.end());
  absl::StrAppend(&out, "J", absl::StrJoin(joined, ""), "X");
  for (ExportState state : exports_) absl::StrAppend(&out, static_cast<int>(state));
  size_t guest_resources = 0;
  for (const auto& [rep, owner] : resources_) guest_resources += owner == ResourceOwner::kGuest;
  absl::StrAppendFormat(&out, "M%uV%uH%uR%u", heap_.live_count(), values_.live_count(),
                        handles_.size(), guest_resources);
  return out;
}

}  // namespace fc::model
