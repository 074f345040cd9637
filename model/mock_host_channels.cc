// The mock intrinsic layer's futures and streams, one implementation for
// both kinds: ends in the handle table, the guest's copies, cancels and
// drops, the other end's moves, the choice of which legal outcome happens
// (computed by trying each candidate move on a copy of the channel), and
// moving values between guest memory and the other end.
//
// What differs per kind here is only how a call is named and shown in the
// trace; the rules are in model/channel.cc.
#include <algorithm>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "model/mock_host.h"
#include "model/payload_codec.h"
#include "model/payload_layout.h"

namespace fc::model {
namespace {

using rt::CopyResult;
using rt::FormatReturnCode;
using rt::Handle;

constexpr uint32_t kCancelledCode = static_cast<uint32_t>(CopyResult::kCancelled);

std::string FormatCode(const Channel& channel, uint32_t raw) {
  return FormatReturnCode(raw, channel.is_stream());
}

// How the trace shows values a peer reader received or a peer writer sends:
// a future's one value, a stream's list.
std::string ShowValues(const Channel& channel, const std::vector<Value>& values) {
  if (!channel.is_stream()) return values.empty() ? "" : values.front().ToString();
  std::string out = "[";
  for (size_t i = 0; i < values.size(); ++i) {
    absl::StrAppend(&out, i == 0 ? "" : ", ", values[i].ToString());
  }
  return out + "]";
}

// " value" / " [values]" after a peer read's result, if it got any.
std::string ShowReceived(const Channel& channel, const CopyEnd& end, const CopyBuffer& released) {
  if (!end.readable || released.peer_values.empty()) return "";
  return " " + ShowValues(channel, released.peer_values);
}

}  // namespace

// ----------------------------------------------------------------- handles --

uint64_t MockHost::NewChannel(ChannelKind kind, uint32_t type_index) {
  if (trapped_) return 0;
  const char* name = ChannelKindName(kind);
  if (type_index >= static_cast<uint32_t>(kNumPayloadKinds)) {
    Trap(absl::StrCat(name, ".new"), absl::StrFormat("unknown %s type %u", name, type_index));
    return 0;
  }
  const auto payload = static_cast<PayloadKind>(type_index);
  std::deque<Channel>& channels = Channels(kind);
  const auto id = static_cast<uint32_t>(channels.size());
  channels.emplace_back(kind, id, payload, max_copy_length_, rules_);
  Channel& channel = channels.back();
  channel.readable().handle = handles_.Add(HandleEntry::End(kind, /*readable=*/true, id));
  channel.writable().handle = handles_.Add(HandleEntry::End(kind, /*readable=*/false, id));
  trace_->Host([&] {
    return absl::StrFormat("%s.new<%s>() -> r=%u w=%u (%s)", name, PayloadKindName(payload),
                           channel.readable().handle, channel.writable().handle, channel.Label());
  });
  return static_cast<uint64_t>(channel.readable().handle) |
         (static_cast<uint64_t>(channel.writable().handle) << 32);
}

Handle MockHost::Receive(ChannelKind kind, PayloadKind payload) {
  std::deque<Channel>& channels = Channels(kind);
  const auto id = static_cast<uint32_t>(channels.size());
  channels.emplace_back(kind, id, payload, max_copy_length_, rules_);
  Channel& channel = channels.back();
  channel.writable().holder = Party::kPeer;
  channel.readable().handle = handles_.Add(HandleEntry::End(kind, /*readable=*/true, id));
  trace_->Host([&] {
    return absl::StrFormat("received %s<%s> from the other side: r=%u (%s)", ChannelKindName(kind),
                           PayloadKindName(payload), channel.readable().handle, channel.Label());
  });
  return channel.readable().handle;
}

std::optional<uint32_t> MockHost::ChannelOf(ChannelKind kind, Handle end) const {
  const HandleEntry* entry = handles_.Find(end);
  if (entry == nullptr || !entry->IsEnd() || entry->channel_kind != kind) return std::nullopt;
  return entry->channel;
}

std::optional<std::string> MockHost::HeldEndProblem(Handle handle, ChannelKind kind, bool readable,
                                                    uint32_t id) const {
  // Checked after every step: the text is built only for a problem.
  auto want = [&] {
    return absl::StrFormat("%s %s end", readable ? "readable" : "writable", ChannelKindName(kind));
  };
  const HandleEntry* found = handles_.Find(handle);
  if (found == nullptr) {
    if (handle == rt::kNoHandle) return absl::StrFormat("it holds no handle (0), not a %s", want());
    return WithReuseNote(handle, handles_.WasRemoved(handle)
                                     ? absl::StrFormat("its handle %u was dropped", handle)
                                     : absl::StrFormat("its handle %u does not exist", handle));
  }
  const HandleEntry& entry = *found;
  if (!entry.IsEnd(kind, readable)) {
    return WithReuseNote(handle, absl::StrFormat("its handle %u is not a %s: it names %s", handle,
                                                 want(), entry.Describe()));
  }
  if (entry.channel != id) {
    const char letter = ChannelLetter(kind);
    return WithReuseNote(handle, absl::StrFormat("its handle %u is an end of %c%u, not of %c%u",
                                                 handle, letter, entry.channel, letter, id));
  }
  return std::nullopt;
}

CopyEnd* MockHost::LookupEnd(ChannelKind kind, Handle handle, bool readable, uint32_t type_index,
                             const std::string& call) {
  const HandleEntry* found = handles_.Find(handle);
  if (found == nullptr) {
    TrapOnHandle(call, handle,
                 handles_.WasRemoved(handle)
                     ? absl::StrFormat("handle %u was already dropped", handle)
                     : absl::StrFormat("handle %u does not exist", handle));
    return nullptr;
  }
  const HandleEntry& entry = *found;
  if (!entry.IsEnd(kind, readable)) {
    TrapOnHandle(call, handle,
                 absl::StrFormat("handle %u is not a %s %s end: it names %s", handle,
                                 readable ? "readable" : "writable", ChannelKindName(kind),
                                 entry.Describe()));
    return nullptr;
  }
  Channel& channel = ChannelOfEntry(entry);
  if (static_cast<uint32_t>(channel.payload()) != type_index) {
    TrapOnHandle(
        call, handle,
        absl::StrFormat("handle %u is a %s<%s>, the call is for type %u", handle,
                        ChannelKindName(kind), PayloadKindName(channel.payload()), type_index));
    return nullptr;
  }
  return &channel.end(readable);
}

// -------------------------------------------------------------- intrinsics --

uint64_t MockHost::FutureNew(rt::FutureTypeId type) {
  return NewChannel(ChannelKind::kFuture, type.index);
}
uint32_t MockHost::FutureRead(rt::FutureTypeId type, Handle readable, void* ptr) {
  return GuestCopy(ChannelKind::kFuture, type.index, readable, /*readable=*/true, ptr, 1);
}
uint32_t MockHost::FutureWrite(rt::FutureTypeId type, Handle writable, const void* ptr) {
  // The host only reads a writer's buffer; the spec's signature is untyped.
  return GuestCopy(ChannelKind::kFuture, type.index, writable, /*readable=*/false,
                   const_cast<void*>(ptr), 1);
}
uint32_t MockHost::FutureCancelRead(rt::FutureTypeId type, Handle readable) {
  return GuestCancel(ChannelKind::kFuture, type.index, readable, /*readable=*/true);
}
uint32_t MockHost::FutureCancelWrite(rt::FutureTypeId type, Handle writable) {
  return GuestCancel(ChannelKind::kFuture, type.index, writable, /*readable=*/false);
}
void MockHost::FutureDropReadable(rt::FutureTypeId type, Handle readable) {
  GuestDrop(ChannelKind::kFuture, type.index, readable, /*readable=*/true);
}
void MockHost::FutureDropWritable(rt::FutureTypeId type, Handle writable) {
  GuestDrop(ChannelKind::kFuture, type.index, writable, /*readable=*/false);
}
uint64_t MockHost::StreamNew(rt::StreamTypeId type) {
  return NewChannel(ChannelKind::kStream, type.index);
}
uint32_t MockHost::StreamRead(rt::StreamTypeId type, Handle readable, void* ptr, uint32_t length) {
  return GuestCopy(ChannelKind::kStream, type.index, readable, /*readable=*/true, ptr, length);
}
uint32_t MockHost::StreamWrite(rt::StreamTypeId type, Handle writable, const void* ptr,
                               uint32_t length) {
  return GuestCopy(ChannelKind::kStream, type.index, writable, /*readable=*/false,
                   const_cast<void*>(ptr), length);
}
uint32_t MockHost::StreamCancelRead(rt::StreamTypeId type, Handle readable) {
  return GuestCancel(ChannelKind::kStream, type.index, readable, /*readable=*/true);
}
uint32_t MockHost::StreamCancelWrite(rt::StreamTypeId type, Handle writable) {
  return GuestCancel(ChannelKind::kStream, type.index, writable, /*readable=*/false);
}
void MockHost::StreamDropReadable(rt::StreamTypeId type, Handle readable) {
  GuestDrop(ChannelKind::kStream, type.index, readable, /*readable=*/true);
}
void MockHost::StreamDropWritable(rt::StreamTypeId type, Handle writable) {
  GuestDrop(ChannelKind::kStream, type.index, writable, /*readable=*/false);
}

uint32_t MockHost::GuestCopy(ChannelKind kind, uint32_t type_index, Handle handle, bool readable,
                             void* ptr, uint32_t length) {
  if (trapped_) return rt::kBlocked;
  const char* op = readable ? "read" : "write";
  const char* label = readable ? "r" : "w";
  const std::string call = CallText([&] {
    return std::string(
        kind == ChannelKind::kStream
            ? absl::StrFormat("stream.%s(%s=%u, buf#%u, len=%u)", op, label, handle,
                              heap_.IdOf(ptr), length)
            : absl::StrFormat("future.%s(%s=%u, buf#%u)", op, label, handle, heap_.IdOf(ptr)));
  });
  CopyEnd* end = LookupEnd(kind, handle, readable, type_index, call);
  if (end == nullptr) return rt::kBlocked;
  Channel& channel = ChannelOfEntry(*handles_.Find(handle));
  if (channel.is_stream() && length > max_copy_length_) {
    Trap(call, absl::StrFormat("length %u is over the limit of %u", length, max_copy_length_));
    return rt::kBlocked;
  }
  // The spec's Buffer: trap_if(ptr != align_to(ptr, alignment(t))), for a
  // copy of at least one element, before the bounds are checked.
  const size_t align = layout::AlignOf(channel.payload());
  if (length > 0 && !layout::IsAligned(ptr, align)) {
    Trap(call, absl::StrFormat("the buffer is not %u-byte aligned, as %s needs", align,
                               PayloadKindName(channel.payload())));
    return rt::kBlocked;
  }
  const size_t bytes = static_cast<size_t>(length) * layout::SizeOf(channel.payload());
  if (!heap_.CheckHostAccess(ptr, bytes, call)) {
    trapped_ = true;  // out of bounds: the spec traps; the ledger has the details
    return rt::kBlocked;
  }
  const CopyBuffer mine{Party::kGuest, ptr, length, 0, {}};
  std::string note;
  const uint32_t chosen =
      ChooseOtherEndMove(channel, *end, /*cancelling=*/false, &mine, call, &note);
  if (trapped_) return rt::kBlocked;
  CopyBuffer released;
  absl::StatusOr<uint32_t> code = channel.Copy(*end, mine, *this, &released);
  if (!code.ok()) {
    TrapOnHandle(call, handle, code.status().message());
    return rt::kBlocked;
  }
  CheckChosen(call, chosen, *code, channel.is_stream());
  // Only a copy that waits holds the buffer. An eager one never pinned it,
  // so it releases nothing: the buffer may be another copy's, still in
  // flight (a runtime bug the pin and the snapshot are there to catch).
  if (*code == rt::kBlocked) {
    heap_.Pin(ptr, absl::StrCat("in-flight ", call));
    if (!readable) {
      const auto* bytes_at = static_cast<const uint8_t*>(ptr);
      snapshots_[ptr] = std::vector<uint8_t>(bytes_at, bytes_at + bytes);
    }
  }
  trace_->Host([&] { return absl::StrCat(call, " -> ", FormatCode(channel, *code), note); });
  return *code;
}

uint32_t MockHost::GuestCancel(ChannelKind kind, uint32_t type_index, Handle handle,
                               bool readable) {
  if (trapped_) return kCancelledCode;
  const std::string call = CallText([&] {
    return std::string(absl::StrFormat("%s.cancel-%s(%s=%u)", ChannelKindName(kind),
                                       readable ? "read" : "write", readable ? "r" : "w", handle));
  });
  CopyEnd* end = LookupEnd(kind, handle, readable, type_index, call);
  if (end == nullptr) return kCancelledCode;
  if (TrapIfInSet(handle, call)) return kCancelledCode;
  Channel& channel = ChannelOfEntry(*handles_.Find(handle));
  std::string note;
  const uint32_t chosen =
      ChooseOtherEndMove(channel, *end, /*cancelling=*/true, nullptr, call, &note);
  if (trapped_) return kCancelledCode;
  CopyBuffer released;
  absl::StatusOr<uint32_t> code = channel.Cancel(*end, *this, &released);
  if (!code.ok()) {
    TrapOnHandle(call, handle, code.status().message());
    return kCancelledCode;
  }
  CheckChosen(call, chosen, *code, channel.is_stream());
  ReleaseGuestBuffer(released);
  trace_->Host([&] { return absl::StrCat(call, " -> ", FormatCode(channel, *code), note); });
  return *code;
}

void MockHost::GuestDrop(ChannelKind kind, uint32_t type_index, Handle handle, bool readable) {
  if (trapped_) return;
  const std::string call = CallText([&] {
    return std::string(absl::StrFormat("%s.drop-%s(%s=%u)", ChannelKindName(kind),
                                       readable ? "readable" : "writable", readable ? "r" : "w",
                                       handle));
  });
  CopyEnd* end = LookupEnd(kind, handle, readable, type_index, call);
  if (end == nullptr) return;
  Channel& channel = ChannelOfEntry(*handles_.Find(handle));
  absl::Status status = channel.Drop(*end, *this);
  if (!status.ok()) {
    TrapOnHandle(call, handle, status.message());
    return;
  }
  RemoveHandle(handle);
  end->handle = rt::kNoHandle;
  trace_->Host(call);
}

void MockHost::TransferEndToPeer(Handle handle, const HandleEntry& entry, const std::string& call) {
  Channel& channel = ChannelOfEntry(entry);
  CopyEnd& end = channel.end(entry.readable);
  if (end.state != CopyState::kIdle) {
    Trap(call, absl::StrFormat("the end is %s, only an IDLE end may be lifted",
                               CopyStateName(end.state)));
    return;
  }
  end.holder = Party::kPeer;
  end.handle = rt::kNoHandle;
  RemoveHandle(handle);
  trace_->Host([&] {
    return absl::StrFormat("%s-end %u of %s passed to the other side",
                           end.readable ? "readable" : "writable", handle, channel.Label());
  });
}

// ---------------------------------------------------- choices of outcome --

void MockHost::CheckChosen(const std::string& call, uint32_t chosen, uint32_t code,
                           bool is_stream) {
  if (chosen == kNoChoice || chosen == code) return;
  log_->Add(Invariant::kScript, absl::StrFormat("%s: model chose %s but answered %s", call,
                                                FormatReturnCode(chosen, is_stream),
                                                FormatReturnCode(code, is_stream)));
}

uint32_t MockHost::ChooseOtherEndMove(Channel& channel, const CopyEnd& guest_end, bool cancelling,
                                      const CopyBuffer* guest_buffer, const std::string& call,
                                      std::string* note) {
  const std::vector<OtherEndOutcome> outcomes =
      LegalOutcomes(channel, guest_end.readable, cancelling, guest_buffer, max_copy_length_);
  if (outcomes.size() < 2) return kNoChoice;
  std::vector<uint32_t> codes;
  for (const OtherEndOutcome& o : outcomes) codes.push_back(o.code);
  size_t index = choices_->Choose(ChoicePoint{call, codes});
  if (index >= codes.size()) index = 0;
  const OtherEndMove& move = outcomes[index].move;
  if (move.kind == OtherEndMove::Kind::kNone) return codes[index];
  *note = absl::StrCat("  [", DescribeMove(channel, move), "]");
  const ChannelKind kind = channel.kind();
  const uint32_t id = channel.id();
  absl::Status status;
  switch (move.kind) {
    case OtherEndMove::Kind::kNone:
      break;
    case OtherEndMove::Kind::kRead:
      status = PeerRead(kind, id, move.amount);
      break;
    case OtherEndMove::Kind::kWrite:
      status = PeerWrite(kind, id, move.amount);
      break;
    case OtherEndMove::Kind::kCancel:
      status = PeerCancel(kind, id);
      break;
    case OtherEndMove::Kind::kDrop:
      status = PeerDrop(kind, id);
      break;
    case OtherEndMove::Kind::kCancelAndDrop:
      status = PeerCancel(kind, id);
      if (status.ok()) status = PeerDrop(kind, id);
      break;
    case OtherEndMove::Kind::kCancelAndCopy: {
      const bool reads = PeerEndOf(channel)->readable;
      status = PeerCancel(kind, id);
      if (status.ok())
        status = reads ? PeerRead(kind, id, move.amount) : PeerWrite(kind, id, move.amount);
      break;
    }
  }
  if (!status.ok()) {
    log_->Add(Invariant::kScript,
              absl::StrCat(call, ": the chosen move of the other end failed: ", status.message()));
  }
  return codes[index];
}

// ---------------------------------------------------------------- the peer --

bool MockHost::PeerMay(ChannelKind kind, uint32_t id, PeerAction action) const {
  return !trapped_ && id < Channels(kind).size() && model::PeerMay(Channels(kind)[id], action);
}

Value MockHost::MakePeerValue(PayloadKind payload) {
  const uint32_t serial = next_peer_serial_++;
  auto new_rep = [this] { return Value::Resource(resources_.New(ResourceOwner::kPeer)); };
  switch (payload) {
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

std::vector<Value> MockHost::MakePeerValues(PayloadKind payload, uint32_t count) {
  std::vector<Value> values;
  for (uint32_t i = 0; i < count; ++i) values.push_back(MakePeerValue(payload));
  return values;
}

absl::Status MockHost::PeerRead(ChannelKind kind, uint32_t id, uint32_t capacity) {
  if (kind == ChannelKind::kFuture && capacity != 1) {
    return absl::InvalidArgumentError("a future's other end reads exactly one value");
  }
  if (!PeerMay(kind, id, PeerAction::kRead)) {
    return absl::FailedPreconditionError(
        absl::StrFormat("%c%u: the peer holds no idle readable end", ChannelLetter(kind), id));
  }
  Channel& channel = Channels(kind)[id];
  CopyBuffer released;
  absl::StatusOr<uint32_t> code = channel.Copy(
      channel.readable(), CopyBuffer{Party::kPeer, nullptr, capacity, 0, {}}, *this, &released);
  if (!code.ok()) return code.status();
  trace_->Peer([&] {
    return absl::StrFormat("%s read%s -> %s%s", channel.Label(),
                           channel.is_stream() ? absl::StrFormat(" up to %u", capacity) : "",
                           FormatCode(channel, *code),
                           ShowReceived(channel, channel.readable(), released));
  });
  return absl::OkStatus();
}

absl::Status MockHost::PeerWrite(ChannelKind kind, uint32_t id, uint32_t count) {
  if (kind == ChannelKind::kFuture && count != 1) {
    return absl::InvalidArgumentError("a future's other end writes exactly one value");
  }
  if (!PeerMay(kind, id, PeerAction::kWrite)) {
    return absl::FailedPreconditionError(
        absl::StrFormat("%c%u: the peer holds no idle writable end", ChannelLetter(kind), id));
  }
  Channel& channel = Channels(kind)[id];
  std::vector<Value> values = MakePeerValues(channel.payload(), count);
  const std::string shown = ShowValues(channel, values);
  CopyBuffer released;
  absl::StatusOr<uint32_t> code = channel.Copy(
      channel.writable(), CopyBuffer{Party::kPeer, nullptr, count, 0, std::move(values)}, *this,
      &released);
  if (!code.ok()) return code.status();
  trace_->Peer(
      absl::StrFormat("%s write %s -> %s", channel.Label(), shown, FormatCode(channel, *code)));
  return absl::OkStatus();
}

absl::Status MockHost::PeerCancel(ChannelKind kind, uint32_t id) {
  if (!PeerMay(kind, id, PeerAction::kCancel)) {
    return absl::FailedPreconditionError(
        absl::StrFormat("%c%u: the peer has no copy to cancel", ChannelLetter(kind), id));
  }
  Channel& channel = Channels(kind)[id];
  CopyEnd* end = PeerEndOf(channel);
  CopyBuffer released;
  absl::StatusOr<uint32_t> code = channel.Cancel(*end, *this, &released);
  if (!code.ok()) return code.status();
  trace_->Peer([&] {
    return absl::StrFormat("%s cancel-%s -> %s", channel.Label(), end->readable ? "read" : "write",
                           FormatCode(channel, *code));
  });
  return absl::OkStatus();
}

absl::Status MockHost::PeerDrop(ChannelKind kind, uint32_t id) {
  if (!PeerMay(kind, id, PeerAction::kDrop)) {
    return absl::FailedPreconditionError(
        absl::StrFormat("%c%u: the peer holds no end it may drop now", ChannelLetter(kind), id));
  }
  Channel& channel = Channels(kind)[id];
  CopyEnd* end = PeerEndOf(channel);
  absl::Status status = channel.Drop(*end, *this);
  if (!status.ok()) return status;
  trace_->Peer(
      absl::StrFormat("%s drop-%s", channel.Label(), end->readable ? "readable" : "writable"));
  return absl::OkStatus();
}

// A guest write still waiting for its reader: the reader takes it now.
// Then every copy of the other end is cancelled, a future writer that
// never wrote writes once (its reader is gone or takes it), as the spec
// requires before it may drop, and the other end drops.
void MockHost::PeerSettleFutures(const std::vector<uint32_t>& ids) {
  for (uint32_t id : ids) {
    Channel& channel = futures_[id];
    const CopyEnd& readable = channel.readable();
    if (readable.holder == Party::kPeer && !readable.dropped &&
        readable.state == CopyState::kIdle && channel.pending_end() == &channel.writable()) {
      (void)PeerRead(ChannelKind::kFuture, channel.id());
    }
  }
  for (uint32_t id : ids) {
    const CopyEnd* end = PeerEndOf(futures_[id]);
    if (end == nullptr) continue;
    if (end->copying()) (void)PeerCancel(ChannelKind::kFuture, id);
    if (!end->readable && end->state == CopyState::kIdle) {
      (void)PeerWrite(ChannelKind::kFuture, id);
      if (end->copying()) (void)PeerCancel(ChannelKind::kFuture, id);
      if (end->state != CopyState::kDone) continue;
    }
    (void)PeerDrop(ChannelKind::kFuture, id);
  }
}

// A guest write still waiting: the reader takes everything first. Then the
// other end cancels what it has in flight and drops.
void MockHost::PeerSettleStreams(const std::vector<uint32_t>& ids) {
  for (uint32_t id : ids) {
    Channel& channel = streams_[id];
    const CopyEnd* end = PeerEndOf(channel);
    if (end == nullptr) continue;
    if (end->readable && end->state == CopyState::kIdle &&
        channel.pending_end() == &channel.writable()) {
      (void)PeerRead(ChannelKind::kStream, id, max_copy_length_);
    }
    if (end->state == CopyState::kCopying) (void)PeerCancel(ChannelKind::kStream, id);
    if (!end->copying()) (void)PeerDrop(ChannelKind::kStream, id);
  }
}

// --------------------------------------------------------- moving values --

std::vector<Value> MockHost::MoveElements(const Channel& channel, CopyBuffer& writer,
                                          CopyBuffer& reader, uint32_t n) {
  const size_t size = layout::SizeOf(channel.payload());
  if (writer.party == Party::kGuest) {
    // The guest must leave a buffer alone while the host holds it.
    auto snapshot = snapshots_.find(writer.guest_ptr);
    const size_t offset = size * writer.progress;
    const auto* at = static_cast<const uint8_t*>(writer.guest_ptr) + offset;
    if (snapshot != snapshots_.end() && snapshot->second.size() >= offset + size * n &&
        heap_.CheckHostAccess(at, size * n, "host reads the written value") &&
        std::memcmp(snapshot->second.data() + offset, at, size * n) != 0) {
      log_->Add(Invariant::kMemorySafety,
                absl::StrFormat("%s: the written buffer #%u changed while the host held it",
                                channel.Label(), heap_.IdOf(writer.guest_ptr)));
    }
  }
  std::vector<Value> moved;
  for (uint32_t i = 0; i < n; ++i) {
    Value value;
    if (writer.party == Party::kPeer) {
      value = std::move(writer.peer_values[writer.progress + i]);
    } else {
      void* element = static_cast<char*>(writer.guest_ptr) + size * (writer.progress + i);
      std::optional<Value> lifted = LiftFromGuest(channel.payload(), element, heap_, *this);
      if (lifted.has_value()) value = *std::move(lifted);
    }
    if (reader.party == Party::kPeer) {
      reader.peer_values.push_back(value);
    } else {
      void* element = static_cast<char*>(reader.guest_ptr) + size * (reader.progress + i);
      LowerIntoGuest(channel.payload(), value, element, heap_, *this);
    }
    moved.push_back(std::move(value));
  }
  return moved;
}

void MockHost::ReleaseGuestBuffer(const CopyBuffer& buffer) {
  if (buffer.party != Party::kGuest || buffer.guest_ptr == nullptr) return;
  heap_.Unpin(buffer.guest_ptr);
  snapshots_.erase(buffer.guest_ptr);
}

// ------------------------------------------------------------------ events --

void MockHost::OnPendingEvent(Channel& channel, CopyEnd& end) {
  if (end.holder == Party::kGuest) {
    events_.Push(EventRef{channel.kind(), channel.id(), end.readable});
    return;
  }
  // The peer takes its own events at once.
  CopyBuffer released;
  const uint32_t code = channel.TakePendingEvent(end, &released);
  trace_->Peer([&] {
    return absl::StrFormat("%s %s completes -> %s%s", channel.Label(),
                           end.readable ? "read" : "write", FormatCode(channel, code),
                           ShowReceived(channel, end, released));
  });
}

bool MockHost::InWaitableSet(const Channel& /*channel*/, const CopyEnd& end) const {
  return end.holder == Party::kGuest && end.handle != rt::kNoHandle &&
         sets_.SetOf(end.handle) != rt::kNoHandle;
}

bool MockHost::EventStillPending(const EventRef& ref) const {
  return Channels(ref.kind)[ref.channel].end(ref.readable).pending_event.has_value();
}

Handle MockHost::EventHandle(const EventRef& ref) const {
  return Channels(ref.kind)[ref.channel].end(ref.readable).handle;
}

size_t MockHost::pending_events() const {
  return events_.Count([this](const EventRef& ref) { return EventStillPending(ref); });
}

std::optional<DeliveredEvent> MockHost::TakeEvent(const EventRef& ref) {
  Channel& channel = Channels(ref.kind)[ref.channel];
  CopyEnd& end = channel.end(ref.readable);
  if (!end.pending_event.has_value()) return std::nullopt;  // a cancel already took it
  const Handle handle = end.handle;
  CopyBuffer released;
  const uint32_t code = channel.TakePendingEvent(end, &released);
  ReleaseGuestBuffer(released);
  const rt::EventCode event =
      channel.is_stream()
          ? (ref.readable ? rt::EventCode::kStreamRead : rt::EventCode::kStreamWrite)
          : (ref.readable ? rt::EventCode::kFutureRead : rt::EventCode::kFutureWrite);
  trace_->Event([&] {
    return absl::StrFormat("%s(%s=%u) %s", rt::EventCodeName(event), ref.readable ? "r" : "w",
                           handle, FormatCode(channel, code));
  });
  return DeliveredEvent{event, handle, code};
}

}  // namespace fc::model
