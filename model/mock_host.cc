#include "model/mock_host.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "model/payload_layout.h"

namespace fc::model {
namespace {

using rt::CopyResult;
using rt::FormatReturnCode;
using rt::Handle;
using rt::ReturnCode;

constexpr uint32_t kCompleted = static_cast<uint32_t>(CopyResult::kCompleted);
constexpr uint32_t kDropped = static_cast<uint32_t>(CopyResult::kDropped);
constexpr uint32_t kCancelled = static_cast<uint32_t>(CopyResult::kCancelled);
const char* MoveName(int move) {
  static const char* const kNames[] = {"", "the other end reads first",
                                       "the other end writes first",
                                       "the other end drops first",
                                       "the other end cancels first",
                                       "the other end cancels and drops first"};
  return kNames[move];
}

std::vector<uint8_t> Bytes(const void* ptr, size_t size) {
  const auto* p = static_cast<const uint8_t*>(ptr);
  return std::vector<uint8_t>(p, p + size);
}

}  // namespace

MockHost::MockHost(Trace& trace, ViolationLog& log, ChoiceSource& choices)
    : trace_(&trace), log_(&log), choices_(&choices), heap_(log), values_(log) {}

MockHost::~MockHost() = default;

// ------------------------------------------------------------ bookkeeping --

void MockHost::CheckChosen(const std::string& call, uint32_t chosen, uint32_t code,
                           bool is_stream) {
  if (chosen == kNoChoice || chosen == code) return;
  log_->Add(Invariant::kScript, absl::StrFormat("%s: model chose %s but answered %s", call,
                                                FormatReturnCode(chosen, is_stream),
                                                FormatReturnCode(code, is_stream)));
}

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

std::string MockHost::EndLabel(const FutureEnd& end) const {
  return absl::StrFormat("%s=%u", end.readable ? "r" : "w", end.handle);
}

FutureEnd* MockHost::LookupEnd(Handle handle, bool readable, rt::FutureTypeId type,
                               const std::string& call) {
  auto it = handles_.find(handle);
  if (it == handles_.end()) {
    Trap(call, dropped_handles_.contains(handle)
                   ? absl::StrFormat("handle %u was already dropped", handle)
                   : absl::StrFormat("handle %u does not exist", handle));
    return nullptr;
  }
  const HandleEntry& entry = it->second;
  const auto want = readable ? HandleEntry::Kind::kReadable : HandleEntry::Kind::kWritable;
  if (entry.kind != want) {
    Trap(call, absl::StrFormat("handle %u is not a %s future end", handle,
                               readable ? "readable" : "writable"));
    return nullptr;
  }
  FutureChannel& channel = *channels_[entry.channel];
  if (static_cast<uint32_t>(channel.kind()) != type.index) {
    Trap(call, absl::StrFormat("handle %u is a future<%s>, the call is for type %u", handle,
                               PayloadKindName(channel.kind()), type.index));
    return nullptr;
  }
  return readable ? &channel.readable() : &channel.writable();
}

std::optional<uint32_t> MockHost::ChannelOf(Handle end) const {
  auto it = handles_.find(end);
  if (it == handles_.end() || (it->second.kind != HandleEntry::Kind::kReadable &&
                               it->second.kind != HandleEntry::Kind::kWritable)) {
    return std::nullopt;
  }
  return it->second.channel;
}

std::optional<std::string> MockHost::HeldEndProblem(Handle handle, bool stream, bool readable,
                                                    uint32_t channel) const {
  const char* want = stream ? (readable ? "readable stream end" : "writable stream end")
                            : (readable ? "readable future end" : "writable future end");
  auto it = handles_.find(handle);
  if (it == handles_.end()) {
    if (handle == rt::kNoHandle) return absl::StrFormat("it holds no handle (0), not a %s", want);
    return dropped_handles_.contains(handle)
               ? absl::StrFormat("its handle %u was dropped", handle)
               : absl::StrFormat("its handle %u does not exist", handle);
  }
  const HandleEntry& entry = it->second;
  const HandleEntry::Kind kind =
      stream ? (readable ? HandleEntry::Kind::kStreamReadable : HandleEntry::Kind::kStreamWritable)
             : (readable ? HandleEntry::Kind::kReadable : HandleEntry::Kind::kWritable);
  if (entry.kind != kind) return absl::StrFormat("its handle %u is not a %s", handle, want);
  if (entry.channel != channel) {
    return absl::StrFormat("its handle %u is an end of %c%u, not of %c%u", handle,
                           stream ? 's' : 'f', entry.channel, stream ? 's' : 'f', channel);
  }
  return std::nullopt;
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

// -------------------------------------------------------------- intrinsics --

uint64_t MockHost::FutureNew(rt::FutureTypeId type) {
  if (trapped_) return 0;
  if (type.index >= static_cast<uint32_t>(kNumPayloadKinds)) {
    Trap("future.new", absl::StrFormat("unknown future type %u", type.index));
    return 0;
  }
  const auto kind = static_cast<PayloadKind>(type.index);
  const auto id = static_cast<uint32_t>(channels_.size());
  channels_.push_back(std::make_unique<FutureChannel>(id, kind, AsListener()));
  FutureChannel& channel = *channels_.back();
  channel.readable().handle = AddHandle({HandleEntry::Kind::kReadable, id});
  channel.writable().handle = AddHandle({HandleEntry::Kind::kWritable, id});
  trace_->Host(absl::StrFormat("future.new<%s>() -> r=%u w=%u (f%u)", PayloadKindName(kind),
                               channel.readable().handle, channel.writable().handle, id));
  return static_cast<uint64_t>(channel.readable().handle) |
         (static_cast<uint64_t>(channel.writable().handle) << 32);
}

uint32_t MockHost::FutureRead(rt::FutureTypeId type, Handle readable, void* ptr) {
  return GuestCopy(type, readable, /*readable=*/true, ptr);
}

uint32_t MockHost::FutureWrite(rt::FutureTypeId type, Handle writable, const void* ptr) {
  // The host only reads a writer's buffer; the spec's signature is untyped.
  return GuestCopy(type, writable, /*readable=*/false, const_cast<void*>(ptr));
}

uint32_t MockHost::FutureCancelRead(rt::FutureTypeId type, Handle readable) {
  return GuestCancel(type, readable, /*readable=*/true);
}

uint32_t MockHost::FutureCancelWrite(rt::FutureTypeId type, Handle writable) {
  return GuestCancel(type, writable, /*readable=*/false);
}

void MockHost::FutureDropReadable(rt::FutureTypeId type, Handle readable) {
  GuestDrop(type, readable, /*readable=*/true);
}

void MockHost::FutureDropWritable(rt::FutureTypeId type, Handle writable) {
  GuestDrop(type, writable, /*readable=*/false);
}

uint32_t MockHost::GuestCopy(rt::FutureTypeId type, Handle handle, bool readable, void* ptr) {
  if (trapped_) return rt::kBlocked;
  const std::string call =
      absl::StrFormat("future.%s(%s=%u, buf#%u)", readable ? "read" : "write",
                      readable ? "r" : "w", handle, heap_.IdOf(ptr));
  FutureEnd* end = LookupEnd(handle, readable, type, call);
  if (end == nullptr) return rt::kBlocked;
  FutureChannel& channel = *channels_[*ChannelOf(handle)];
  if (!heap_.CheckHostAccess(ptr, layout::SizeOf(channel.kind()), call)) {
    trapped_ = true;  // out-of-bounds: the spec traps; the ledger has the details
    return rt::kBlocked;
  }
  std::string note;
  const uint32_t chosen = ChooseAndMove(channel, *end, /*cancelling=*/false, call, &note);
  if (trapped_) return rt::kBlocked;
  CopyBuffer released;
  absl::StatusOr<uint32_t> code =
      channel.Copy(*end, CopyBuffer{Party::kGuest, ptr, std::nullopt}, &released);
  if (!code.ok()) {
    Trap(call, std::string(code.status().message()));
    return rt::kBlocked;
  }
  CheckChosen(call, chosen, *code, /*is_stream=*/false);
  if (*code == rt::kBlocked) {
    heap_.Pin(ptr, absl::StrCat("in-flight ", call));
    if (!readable) snapshots_[ptr] = Bytes(ptr, layout::SizeOf(channel.kind()));
  }
  trace_->Host(absl::StrCat(call, " -> ", FormatReturnCode(*code), note));
  return *code;
}

uint32_t MockHost::GuestCancel(rt::FutureTypeId type, Handle handle, bool readable) {
  if (trapped_) return kCancelled;
  const std::string call = absl::StrFormat("future.cancel-%s(%s=%u)", readable ? "read" : "write",
                                           readable ? "r" : "w", handle);
  FutureEnd* end = LookupEnd(handle, readable, type, call);
  if (end == nullptr) return kCancelled;
  if (TrapIfInSet(handle, call)) return kCancelled;
  FutureChannel& channel = *channels_[*ChannelOf(handle)];
  std::string note;
  const uint32_t chosen = ChooseAndMove(channel, *end, /*cancelling=*/true, call, &note);
  if (trapped_) return kCancelled;
  CopyBuffer released;
  absl::StatusOr<uint32_t> code = channel.Cancel(*end, &released);
  if (!code.ok()) {
    Trap(call, std::string(code.status().message()));
    return kCancelled;
  }
  CheckChosen(call, chosen, *code, /*is_stream=*/false);
  ReleaseGuestBuffer(released);
  trace_->Host(absl::StrCat(call, " -> ", FormatReturnCode(*code), note));
  return *code;
}

void MockHost::GuestDrop(rt::FutureTypeId type, Handle handle, bool readable) {
  if (trapped_) return;
  const std::string call = absl::StrFormat("future.drop-%s(%s=%u)",
                                           readable ? "readable" : "writable",
                                           readable ? "r" : "w", handle);
  FutureEnd* end = LookupEnd(handle, readable, type, call);
  if (end == nullptr) return;
  FutureChannel& channel = *channels_[*ChannelOf(handle)];
  absl::Status status = channel.Drop(*end);
  if (!status.ok()) {
    Trap(call, std::string(status.message()));
    return;
  }
  handles_.erase(handle);
  dropped_handles_.insert(handle);
  LeaveSet(handle);
  end->handle = rt::kNoHandle;
  trace_->Host(call);
}

// ------------------------------------------------------- choices and peer --

std::vector<MockHost::Option> MockHost::PeerOptions(FutureChannel& channel,
                                                    const FutureEnd& guest_end,
                                                    bool cancelling) const {
  const FutureEnd& other = guest_end.readable ? channel.writable() : channel.readable();
  // The other end acts on its own only when the peer holds it, it is still
  // there, and our own call's outcome is not already settled.
  if (other.holder != Party::kPeer || other.dropped || other.state == CopyState::kDone ||
      guest_end.pending_event.has_value() || guest_end.state != (cancelling ? CopyState::kCopying
                                                                            : CopyState::kIdle)) {
    return {};
  }
  const bool peer_waiting = other.state == CopyState::kCopying;
  if (!guest_end.readable) {  // we write (or cancel our write); the peer reads
    if (cancelling) {
      if (peer_waiting) return {};
      return {{kCancelled, PeerMove::kNone}, {kCompleted, PeerMove::kRead},
              {kDropped, PeerMove::kDrop}};
    }
    if (peer_waiting) {
      return {{kCompleted, PeerMove::kNone}, {rt::kBlocked, PeerMove::kCancel},
              {kDropped, PeerMove::kCancelAndDrop}};
    }
    return {{rt::kBlocked, PeerMove::kNone}, {kCompleted, PeerMove::kRead},
            {kDropped, PeerMove::kDrop}};
  }
  // We read (or cancel our read); the peer writes.
  if (cancelling) {
    if (peer_waiting) return {};
    return {{kCancelled, PeerMove::kNone}, {kCompleted, PeerMove::kWrite}};
  }
  if (peer_waiting) return {{kCompleted, PeerMove::kNone}, {rt::kBlocked, PeerMove::kCancel}};
  return {{rt::kBlocked, PeerMove::kNone}, {kCompleted, PeerMove::kWrite}};
}

// Asks the choice source which legal outcome happens and makes the peer do
// what leads to it. Returns the chosen code, or kNoChoice when there was
// no choice to make.
uint32_t MockHost::ChooseAndMove(FutureChannel& channel, const FutureEnd& guest_end,
                                 bool cancelling, const std::string& call, std::string* note) {
  std::vector<Option> options = PeerOptions(channel, guest_end, cancelling);
  if (options.size() < 2) return kNoChoice;
  std::vector<uint32_t> codes;
  for (const Option& o : options) codes.push_back(o.code);
  size_t index = choices_->Choose(ChoicePoint{call, codes});
  if (index >= options.size()) index = 0;
  const Option& option = options[index];
  if (option.move != PeerMove::kNone) {
    *note = absl::StrCat("  [", MoveName(static_cast<int>(option.move)), "]");
    ApplyPeerMove(channel.id(), option.move);
  }
  return option.code;
}

void MockHost::ApplyPeerMove(uint32_t id, PeerMove move) {
  absl::Status status;
  switch (move) {
    case PeerMove::kNone:
      return;
    case PeerMove::kRead:
      status = PeerRead(id);
      break;
    case PeerMove::kWrite:
      status = PeerWrite(id, MakePeerValue(channels_[id]->kind()));
      break;
    case PeerMove::kDrop:
      status = PeerDrop(id);
      break;
    case PeerMove::kCancel:
      status = PeerCancel(id);
      break;
    case PeerMove::kCancelAndDrop:
      status = PeerCancel(id);
      if (status.ok()) status = PeerDrop(id);
      break;
  }
  if (!status.ok()) {
    log_->Add(Invariant::kScript,
              absl::StrCat("model inconsistency: peer move failed: ", status.message()));
  }
}

Value MockHost::MakePeerValue(PayloadKind kind) {
  const uint32_t serial = next_peer_serial_++;
  auto new_rep = [this] {
    const uint64_t rep = next_rep_++;
    resources_[rep] = ResourceOwner::kPeer;
    return Value::Resource(rep);
  };
  switch (kind) {
    case PayloadKind::kU32:
      return Value::U32(serial);
    case PayloadKind::kString:
      return Value::String(absl::StrCat("p", serial));
    case PayloadKind::kResource:
      return new_rep();
    case PayloadKind::kRecord: {
      std::vector<Value> tags;
      for (uint32_t i = 0; i < serial % 3; ++i) {
        tags.push_back(Value::String(absl::StrCat("pt", serial, ".", i)));
      }
      return Value::Record(
          {Value::String(absl::StrCat("p", serial)), Value::List(std::move(tags)), new_rep()});
    }
  }
  return Value();
}

bool MockHost::PeerMay(uint32_t id, PeerAction action) const {
  if (trapped_ || id >= channels_.size()) return false;
  return PeerEndAllows(PeerEndOf(*channels_[id]), action, /*writer_must_finish=*/true);
}

absl::Status MockHost::PeerRead(uint32_t id) {
  if (id >= channels_.size()) return absl::InvalidArgumentError("no such future");
  FutureChannel& channel = *channels_[id];
  FutureEnd& end = channel.readable();
  if (!PeerEndAllows(PeerEndOf(channel), PeerAction::kRead, true)) {
    return absl::FailedPreconditionError(
        absl::StrFormat("f%u: the peer holds no idle readable end", id));
  }
  CopyBuffer released;
  absl::StatusOr<uint32_t> code =
      channel.Copy(end, CopyBuffer{Party::kPeer, nullptr, std::nullopt}, &released);
  if (!code.ok()) return code.status();
  trace_->Peer(absl::StrFormat("f%u read -> %s%s", id, FormatReturnCode(*code),
                               released.peer_value ? " " + released.peer_value->ToString() : ""));
  return absl::OkStatus();
}

absl::Status MockHost::PeerWrite(uint32_t id, Value value) {
  if (id >= channels_.size()) return absl::InvalidArgumentError("no such future");
  FutureChannel& channel = *channels_[id];
  FutureEnd& end = channel.writable();
  if (!PeerEndAllows(PeerEndOf(channel), PeerAction::kWrite, true)) {
    return absl::FailedPreconditionError(
        absl::StrFormat("f%u: the peer holds no idle writable end", id));
  }
  const std::string shown = value.ToString();
  CopyBuffer released;
  absl::StatusOr<uint32_t> code =
      channel.Copy(end, CopyBuffer{Party::kPeer, nullptr, std::move(value)}, &released);
  if (!code.ok()) return code.status();
  trace_->Peer(absl::StrFormat("f%u write %s -> %s", id, shown, FormatReturnCode(*code)));
  return absl::OkStatus();
}

absl::Status MockHost::PeerCancel(uint32_t id) {
  if (id >= channels_.size()) return absl::InvalidArgumentError("no such future");
  FutureChannel& channel = *channels_[id];
  FutureEnd* end = PeerEndOf(channel);
  if (!PeerEndAllows(end, PeerAction::kCancel, true)) {
    return absl::FailedPreconditionError(absl::StrFormat("f%u: the peer has no copy to cancel", id));
  }
  CopyBuffer released;
  absl::StatusOr<uint32_t> code = channel.Cancel(*end, &released);
  if (!code.ok()) return code.status();
  trace_->Peer(absl::StrFormat("f%u cancel-%s -> %s", id, end->readable ? "read" : "write",
                               FormatReturnCode(*code)));
  return absl::OkStatus();
}

absl::Status MockHost::PeerDrop(uint32_t id) {
  if (id >= channels_.size()) return absl::InvalidArgumentError("no such future");
  FutureChannel& channel = *channels_[id];
  FutureEnd* end = PeerEndOf(channel);
  if (end == nullptr) {
    return absl::FailedPreconditionError(absl::StrFormat("f%u: the peer holds no end", id));
  }
  if (!PeerEndAllows(end, PeerAction::kDrop, true)) {
    return absl::FailedPreconditionError(
        absl::StrFormat("f%u: the peer may not drop its %s end now (state %s)", id,
                        end->readable ? "readable" : "writable", CopyStateName(end->state)));
  }
  absl::Status status = channel.Drop(*end);
  if (!status.ok()) return status;
  trace_->Peer(absl::StrFormat("f%u drop-%s", id, end->readable ? "readable" : "writable"));
  return absl::OkStatus();
}

// -------------------------------------------------------- value movement --

Value MockHost::MoveValue(FutureChannel& channel, CopyBuffer& writer_buffer,
                          CopyBuffer& reader_buffer) {
  Value value;
  if (writer_buffer.party == Party::kPeer) {
    value = std::move(*writer_buffer.peer_value);
    writer_buffer.peer_value.reset();
  } else {
    void* ptr = writer_buffer.guest_ptr;
    const size_t size = layout::SizeOf(channel.kind());
    auto snapshot = snapshots_.find(ptr);
    if (snapshot != snapshots_.end() &&
        heap_.CheckHostAccess(ptr, size, "host reads the written value") &&
        std::memcmp(snapshot->second.data(), ptr, size) != 0) {
      log_->Add(Invariant::kMemorySafety,
                absl::StrFormat("f%u: the written buffer #%u changed while the host held it",
                                channel.id(), heap_.IdOf(ptr)));
    }
    std::optional<Value> lifted = LiftFromGuest(channel.kind(), ptr, heap_, *this);
    if (lifted.has_value()) value = *std::move(lifted);
  }
  if (reader_buffer.party == Party::kPeer) {
    reader_buffer.peer_value = value;
  } else {
    LowerIntoGuest(channel.kind(), value, reader_buffer.guest_ptr, heap_, *this);
  }
  return value;
}

void MockHost::OnPendingEvent(FutureChannel& channel, FutureEnd& end) {
  if (end.holder == Party::kGuest) {
    event_queue_.push_back(EventRef{false, channel.id(), end.readable});
    return;
  }
  // The peer takes its own events at once.
  CopyBuffer released;
  const uint32_t code = channel.TakePendingEvent(end, &released);
  trace_->Peer(absl::StrFormat("f%u %s completes -> %s%s", channel.id(),
                               end.readable ? "read" : "write", FormatReturnCode(code),
                               (end.readable && released.peer_value)
                                   ? " " + released.peer_value->ToString()
                                   : ""));
}

std::optional<DeliveredEvent> MockHost::TakeEvent(const EventRef& ref) {
  if (ref.stream) return TakeStreamEvent(ref);
  const bool readable = ref.readable;
  FutureChannel& channel = *channels_[ref.channel];
  FutureEnd& end = readable ? channel.readable() : channel.writable();
  if (!end.pending_event.has_value()) return std::nullopt;  // a cancel already took it
  const Handle handle = end.handle;
  CopyBuffer released;
  const uint32_t code = channel.TakePendingEvent(end, &released);
  ReleaseGuestBuffer(released);
  const auto kind = readable ? rt::EventCode::kFutureRead : rt::EventCode::kFutureWrite;
  trace_->Event(absl::StrFormat("%s(%s=%u) %s", rt::EventCodeName(kind), readable ? "r" : "w",
                                handle, FormatReturnCode(code)));
  return DeliveredEvent{kind, handle, code};
}

bool MockHost::EventStillPending(const EventRef& ref) const {
  if (ref.stream) {
    const StreamChannel& channel = *streams_[ref.channel];
    return (ref.readable ? channel.readable() : channel.writable()).pending_event.has_value();
  }
  const FutureChannel& channel = *channels_[ref.channel];
  return (ref.readable ? channel.readable() : channel.writable()).pending_event.has_value();
}

size_t MockHost::pending_events() const {
  size_t n = 0;
  for (const EventRef& ref : event_queue_) n += EventStillPending(ref) ? 1 : 0;
  return n;
}

void MockHost::ReleaseGuestBuffer(const CopyBuffer& buffer) {
  if (buffer.party != Party::kGuest || buffer.guest_ptr == nullptr) return;
  heap_.Unpin(buffer.guest_ptr);
  snapshots_.erase(buffer.guest_ptr);
}

// ------------------------------------------------------------- resources --

rt::Handle MockHost::NewResource() {
  const uint64_t rep = next_rep_++;
  resources_[rep] = ResourceOwner::kGuest;
  const Handle handle = AddHandle({HandleEntry::Kind::kResource, 0, rep});
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
  handles_.erase(it);
  dropped_handles_.insert(handle);
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
  handles_.erase(it);
  dropped_handles_.insert(handle);
  resources_[rep] = ResourceOwner::kPeer;
  return rep;
}

Handle MockHost::GiveToGuest(uint64_t rep) {
  resources_[rep] = ResourceOwner::kGuest;
  return AddHandle({HandleEntry::Kind::kResource, 0, rep});
}

// ------------------------------------------------------- transfer of ends --

void MockHost::TransferToPeer(Handle handle) {
  if (trapped_) return;
  const std::string call = absl::StrFormat("lift future end %u (pass to the other side)", handle);
  auto it = handles_.find(handle);
  if (it == handles_.end() || it->second.kind == HandleEntry::Kind::kResource ||
      it->second.kind == HandleEntry::Kind::kWaitableSet) {
    Trap(call, "not a live future or stream end");
    return;
  }
  if (SetOf(handle) != rt::kNoHandle) {
    Trap(call, absl::StrFormat("the end is in waitable set %u", SetOf(handle)));
    return;
  }
  if (it->second.kind == HandleEntry::Kind::kStreamReadable ||
      it->second.kind == HandleEntry::Kind::kStreamWritable) {
    TransferStreamEndToPeer(handle, it->second, call);
    return;
  }
  FutureChannel& channel = *channels_[it->second.channel];
  FutureEnd& end = it->second.kind == HandleEntry::Kind::kReadable ? channel.readable()
                                                                    : channel.writable();
  if (end.state != CopyState::kIdle) {
    Trap(call, absl::StrFormat("the end is %s, only an IDLE end may be lifted",
                               CopyStateName(end.state)));
    return;
  }
  end.holder = Party::kPeer;
  end.handle = rt::kNoHandle;
  handles_.erase(it);
  dropped_handles_.insert(handle);
  trace_->Host(absl::StrFormat("%s-end %u of f%u passed to the other side",
                               end.readable ? "readable" : "writable", handle, channel.id()));
}

Handle MockHost::ReceiveFuture(PayloadKind kind) {
  const auto id = static_cast<uint32_t>(channels_.size());
  channels_.push_back(std::make_unique<FutureChannel>(id, kind, AsListener()));
  FutureChannel& channel = *channels_.back();
  channel.writable().holder = Party::kPeer;
  channel.readable().handle = AddHandle({HandleEntry::Kind::kReadable, id});
  trace_->Host(absl::StrFormat("received future<%s> from the other side: r=%u (f%u)",
                               PayloadKindName(kind), channel.readable().handle, id));
  return channel.readable().handle;
}

// ---------------------------------------------------------- end of scenario --

void MockHost::PeerSettle() {
  if (trapped_) return;
  for (auto& channel : channels_) {
    FutureEnd& readable = channel->readable();
    // A guest write still waiting for its reader: the reader takes it now.
    if (readable.holder == Party::kPeer && !readable.dropped &&
        readable.state == CopyState::kIdle && channel->pending_end() == &channel->writable()) {
      (void)PeerRead(channel->id());
    }
  }
  for (auto& channel : channels_) {
    FutureEnd* end = PeerEndOf(*channel);
    if (end == nullptr) continue;
    if (end->copying()) (void)PeerCancel(channel->id());
    // A peer writer that never wrote writes once (its reader is gone or
    // takes it), as the spec requires before it may drop.
    if (!end->readable && end->state == CopyState::kIdle) {
      (void)PeerWrite(channel->id(), MakePeerValue(channel->kind()));
      if (end->copying()) (void)PeerCancel(channel->id());
      if (end->state != CopyState::kDone) continue;
    }
    (void)PeerDrop(channel->id());
  }
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
      if (entry.kind == HandleEntry::Kind::kStreamReadable ||
          entry.kind == HandleEntry::Kind::kStreamWritable) {
        const StreamChannel& stream = *streams_[entry.channel];
        const StreamEnd& end = entry.kind == HandleEntry::Kind::kStreamReadable
                                   ? stream.readable()
                                   : stream.writable();
        described.push_back(absl::StrFormat("%u (s%u %s, %s)", h, stream.id(),
                                            end.readable ? "readable" : "writable",
                                            CopyStateName(end.state)));
        continue;
      }
      const FutureChannel& channel = *channels_[entry.channel];
      const FutureEnd& end = entry.kind == HandleEntry::Kind::kReadable ? channel.readable()
                                                                         : channel.writable();
      described.push_back(absl::StrFormat("%u (f%u %s, %s)", h, channel.id(),
                                          end.readable ? "readable" : "writable",
                                          CopyStateName(end.state)));
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
  for (const auto& channel : channels_) absl::StrAppendFormat(&out, "  %s\n", channel->Describe());
  for (const auto& stream : streams_) absl::StrAppendFormat(&out, "  %s\n", stream->Describe());
  absl::StrAppendFormat(&out, "  undelivered events: %u\n", pending_events());
  absl::StrAppend(&out, DescribeSetsAndTasks());
  return out;
}

std::string MockHost::Signature() const {
  auto end = [](const FutureEnd& e) {
    return absl::StrFormat("%c%c%d%c%c", e.holder == Party::kGuest ? 'g' : 'p',
                           "ICXD"[static_cast<int>(e.state)], e.dropped ? 1 : 0,
                           e.pending_event ? "cdx"[static_cast<int>(*e.pending_event)] : '-',
                           e.buffer.has_value() ? 'b' : '-');
  };
  std::string out = absl::StrFormat("T%d", trapped_ ? 1 : 0);
  for (const auto& channel : channels_) {
    absl::StrAppendFormat(&out, "[%d:%s/%s:%d%d]", static_cast<int>(channel->kind()),
                          end(channel->readable()), end(channel->writable()),
                          channel->value_delivered() ? 1 : 0,
                          channel->pending_end() == nullptr
                              ? 0
                              : (channel->pending_end()->readable ? 1 : 2));
  }
  for (const auto& stream : streams_) {
    auto send = [](const StreamEnd& e) {
      return absl::StrFormat("%c%c%d%c%s", e.holder == Party::kGuest ? 'g' : 'p',
                             "ICXD"[static_cast<int>(e.state)], e.dropped ? 1 : 0,
                             e.pending_event ? "cdx"[static_cast<int>(*e.pending_event)] : '-',
                             e.buffer ? absl::StrFormat("%u/%u", e.buffer->progress,
                                                        e.buffer->capacity)
                                      : "");
    };
    const StreamEnd* pending = stream->pending_end();
    absl::StrAppendFormat(&out, "{%d:%s/%s:%u%d}", static_cast<int>(stream->kind()),
                          send(stream->readable()), send(stream->writable()),
                          stream->delivered().size(),
                          pending == nullptr ? 0 : (pending->readable ? 1 : 2));
  }
  absl::StrAppend(&out, "Q");
  for (const EventRef& ref : event_queue_) {
    if (EventStillPending(ref)) {
      absl::StrAppendFormat(&out, "%c%u%c", ref.stream ? 's' : 'f', ref.channel,
                            ref.readable ? 'r' : 'w');
    }
  }
  // Which ends wait in a set (by channel, not handle), and the export tasks.
  std::vector<std::string> joined;
  for (const auto& [waitable, set] : membership_) {
    auto it = handles_.find(waitable);
    if (it == handles_.end()) continue;
    const HandleEntry& e = it->second;
    const bool stream = e.kind == HandleEntry::Kind::kStreamReadable ||
                        e.kind == HandleEntry::Kind::kStreamWritable;
    const bool readable = e.kind == HandleEntry::Kind::kReadable ||
                          e.kind == HandleEntry::Kind::kStreamReadable;
    joined.push_back(absl::StrFormat("%c%u%c", stream ? 's' : 'f', e.channel, readable ? 'r' : 'w'));
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
