// The mock intrinsic layer's `stream.*` half: stream ends in the handle
// table, the guest's copies and cancels, the other end's moves, and the
// choice of which legal outcome happens (computed on copies of the channel).
#include <algorithm>
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

std::string FormatStreamCode(uint32_t raw) { return FormatReturnCode(raw, /*is_stream=*/true); }

std::string DescribeValues(const std::vector<Value>& values) {
  std::string out = "[";
  for (size_t i = 0; i < values.size(); ++i) {
    absl::StrAppend(&out, i == 0 ? "" : ", ", values[i].ToString());
  }
  return out + "]";
}

// Moves placeholders: for computing outcomes on a copy of a channel.
class DryRunListener final : public StreamListener {
 public:
  std::vector<Value> MoveElements(StreamChannel&, StreamBuffer&, StreamBuffer&,
                                  uint32_t n) override {
    return std::vector<Value>(n);
  }
  void OnPendingEvent(StreamChannel& channel, StreamEnd& end) override {
    // The peer takes its own events at once, as the real mock does.
    if (end.holder == Party::kPeer) channel.TakePendingEvent(end);
  }
};

// What the other end may do just before the guest's call.
struct StreamMove {
  enum class Kind { kNone, kRead, kWrite, kCancel, kDrop, kCancelAndDrop } kind;
  uint32_t amount = 0;  // capacity to read, or values to write
};

std::string DescribeMove(const StreamMove& move) {
  switch (move.kind) {
    case StreamMove::Kind::kNone:
      return "";
    case StreamMove::Kind::kRead:
      return absl::StrFormat("the other end reads up to %u first", move.amount);
    case StreamMove::Kind::kWrite:
      return absl::StrFormat("the other end writes %u first", move.amount);
    case StreamMove::Kind::kCancel:
      return "the other end cancels first";
    case StreamMove::Kind::kDrop:
      return "the other end drops first";
    case StreamMove::Kind::kCancelAndDrop:
      return "the other end cancels and drops first";
  }
  return "";
}

// Applies `move` to a channel (real or dry-run); the peer's buffers hold
// `values` (placeholders on a dry run).
absl::Status ApplyMove(StreamChannel& channel, const StreamMove& move,
                       std::vector<Value> values) {
  StreamEnd* end = MockHost::PeerEndOf(channel);
  if (end == nullptr) return absl::FailedPreconditionError("the peer holds no end");
  StreamBuffer released;
  switch (move.kind) {
    case StreamMove::Kind::kNone:
      return absl::OkStatus();
    case StreamMove::Kind::kRead:
      return channel.Copy(*end, StreamBuffer{Party::kPeer, nullptr, move.amount, 0, {}}, &released)
          .status();
    case StreamMove::Kind::kWrite:
      return channel
          .Copy(*end, StreamBuffer{Party::kPeer, nullptr, move.amount, 0, std::move(values)},
                &released)
          .status();
    case StreamMove::Kind::kCancel:
      return channel.Cancel(*end, &released).status();
    case StreamMove::Kind::kDrop:
      return channel.Drop(*end);
    case StreamMove::Kind::kCancelAndDrop: {
      absl::Status status = channel.Cancel(*end, &released).status();
      return status.ok() ? channel.Drop(*end) : status;
    }
  }
  return absl::OkStatus();
}

}  // namespace

// --------------------------------------------------------------- handles --

uint64_t MockHost::StreamNew(rt::StreamTypeId type) {
  if (trapped_) return 0;
  if (type.index >= static_cast<uint32_t>(kNumPayloadKinds)) {
    Trap("stream.new", absl::StrFormat("unknown stream type %u", type.index));
    return 0;
  }
  const auto kind = static_cast<PayloadKind>(type.index);
  const auto id = static_cast<uint32_t>(streams_.size());
  streams_.push_back(
      std::make_unique<StreamChannel>(id, kind, AsStreamListener(), max_copy_length_));
  StreamChannel& stream = *streams_.back();
  stream.readable().handle = AddHandle({HandleEntry::Kind::kStreamReadable, id});
  stream.writable().handle = AddHandle({HandleEntry::Kind::kStreamWritable, id});
  trace_->Host(absl::StrFormat("stream.new<%s>() -> r=%u w=%u (s%u)", PayloadKindName(kind),
                               stream.readable().handle, stream.writable().handle, id));
  return static_cast<uint64_t>(stream.readable().handle) |
         (static_cast<uint64_t>(stream.writable().handle) << 32);
}

Handle MockHost::ReceiveStream(PayloadKind kind) {
  const auto id = static_cast<uint32_t>(streams_.size());
  streams_.push_back(
      std::make_unique<StreamChannel>(id, kind, AsStreamListener(), max_copy_length_));
  StreamChannel& stream = *streams_.back();
  stream.writable().holder = Party::kPeer;
  stream.readable().handle = AddHandle({HandleEntry::Kind::kStreamReadable, id});
  trace_->Host(absl::StrFormat("received stream<%s> from the other side: r=%u (s%u)",
                               PayloadKindName(kind), stream.readable().handle, id));
  return stream.readable().handle;
}

std::optional<uint32_t> MockHost::StreamOf(Handle end) const {
  auto it = handles_.find(end);
  if (it == handles_.end() || (it->second.kind != HandleEntry::Kind::kStreamReadable &&
                               it->second.kind != HandleEntry::Kind::kStreamWritable)) {
    return std::nullopt;
  }
  return it->second.channel;
}

StreamEnd* MockHost::LookupStreamEnd(Handle handle, bool readable, rt::StreamTypeId type,
                                     const std::string& call) {
  auto it = handles_.find(handle);
  if (it == handles_.end()) {
    Trap(call, dropped_handles_.contains(handle)
                   ? absl::StrFormat("handle %u was already dropped", handle)
                   : absl::StrFormat("handle %u does not exist", handle));
    return nullptr;
  }
  const auto want =
      readable ? HandleEntry::Kind::kStreamReadable : HandleEntry::Kind::kStreamWritable;
  if (it->second.kind != want) {
    Trap(call, absl::StrFormat("handle %u is not a %s stream end", handle,
                               readable ? "readable" : "writable"));
    return nullptr;
  }
  StreamChannel& stream = *streams_[it->second.channel];
  if (static_cast<uint32_t>(stream.kind()) != type.index) {
    Trap(call, absl::StrFormat("handle %u is a stream<%s>, the call is for type %u", handle,
                               PayloadKindName(stream.kind()), type.index));
    return nullptr;
  }
  return readable ? &stream.readable() : &stream.writable();
}

void MockHost::TransferStreamEndToPeer(Handle handle, const HandleEntry& entry,
                                       const std::string& call) {
  StreamChannel& stream = *streams_[entry.channel];
  StreamEnd& end = entry.kind == HandleEntry::Kind::kStreamReadable ? stream.readable()
                                                                     : stream.writable();
  if (end.state != CopyState::kIdle) {
    Trap(call, absl::StrFormat("the end is %s, only an IDLE end may be lifted",
                               CopyStateName(end.state)));
    return;
  }
  end.holder = Party::kPeer;
  end.handle = rt::kNoHandle;
  handles_.erase(handle);
  dropped_handles_.insert(handle);
  trace_->Host(absl::StrFormat("%s-end %u of s%u passed to the other side",
                               end.readable ? "readable" : "writable", handle, stream.id()));
}

// ------------------------------------------------------------ intrinsics --

uint32_t MockHost::StreamRead(rt::StreamTypeId type, Handle readable, void* ptr,
                              uint32_t length) {
  return GuestStreamCopy(type, readable, /*readable=*/true, ptr, length);
}

uint32_t MockHost::StreamWrite(rt::StreamTypeId type, Handle writable, const void* ptr,
                               uint32_t length) {
  return GuestStreamCopy(type, writable, /*readable=*/false, const_cast<void*>(ptr), length);
}

uint32_t MockHost::StreamCancelRead(rt::StreamTypeId type, Handle readable) {
  return GuestStreamCancel(type, readable, /*readable=*/true);
}

uint32_t MockHost::StreamCancelWrite(rt::StreamTypeId type, Handle writable) {
  return GuestStreamCancel(type, writable, /*readable=*/false);
}

void MockHost::StreamDropReadable(rt::StreamTypeId type, Handle readable) {
  GuestStreamDrop(type, readable, /*readable=*/true);
}

void MockHost::StreamDropWritable(rt::StreamTypeId type, Handle writable) {
  GuestStreamDrop(type, writable, /*readable=*/false);
}

uint32_t MockHost::GuestStreamCopy(rt::StreamTypeId type, Handle handle, bool readable, void* ptr,
                                   uint32_t length) {
  if (trapped_) return rt::kBlocked;
  const std::string call =
      absl::StrFormat("stream.%s(%s=%u, buf#%u, len=%u)", readable ? "read" : "write",
                      readable ? "r" : "w", handle, heap_.IdOf(ptr), length);
  StreamEnd* end = LookupStreamEnd(handle, readable, type, call);
  if (end == nullptr) return rt::kBlocked;
  StreamChannel& stream = *streams_[*StreamOf(handle)];
  if (length > max_copy_length_) {
    Trap(call, absl::StrFormat("length %u is over the limit of %u", length, max_copy_length_));
    return rt::kBlocked;
  }
  const size_t bytes = static_cast<size_t>(length) * layout::SizeOf(stream.kind());
  if (!heap_.CheckHostAccess(ptr, bytes, call)) {
    trapped_ = true;  // out of bounds: the spec traps; the ledger has the details
    return rt::kBlocked;
  }
  const StreamBuffer mine{Party::kGuest, ptr, length, 0, {}};
  std::string note;
  const uint32_t chosen = ChooseStreamMove(stream, *end, /*cancelling=*/false, &mine, call, &note);
  if (trapped_) return rt::kBlocked;
  StreamBuffer released;
  absl::StatusOr<uint32_t> code = stream.Copy(*end, mine, &released);
  if (!code.ok()) {
    Trap(call, std::string(code.status().message()));
    return rt::kBlocked;
  }
  CheckChosen(call, chosen, *code, /*is_stream=*/true);
  if (*code == rt::kBlocked) {
    heap_.Pin(ptr, absl::StrCat("in-flight ", call));
  } else {
    ReleaseStreamBuffer(released);
  }
  trace_->Host(absl::StrCat(call, " -> ", FormatStreamCode(*code), note));
  return *code;
}

uint32_t MockHost::GuestStreamCancel(rt::StreamTypeId type, Handle handle, bool readable) {
  if (trapped_) return kCancelledCode;
  const std::string call = absl::StrFormat("stream.cancel-%s(%s=%u)", readable ? "read" : "write",
                                           readable ? "r" : "w", handle);
  StreamEnd* end = LookupStreamEnd(handle, readable, type, call);
  if (end == nullptr) return kCancelledCode;
  if (TrapIfInSet(handle, call)) return kCancelledCode;
  StreamChannel& stream = *streams_[*StreamOf(handle)];
  std::string note;
  const uint32_t chosen = ChooseStreamMove(stream, *end, /*cancelling=*/true, nullptr, call, &note);
  if (trapped_) return kCancelledCode;
  StreamBuffer released;
  absl::StatusOr<uint32_t> code = stream.Cancel(*end, &released);
  if (!code.ok()) {
    Trap(call, std::string(code.status().message()));
    return kCancelledCode;
  }
  CheckChosen(call, chosen, *code, /*is_stream=*/true);
  ReleaseStreamBuffer(released);
  trace_->Host(absl::StrCat(call, " -> ", FormatStreamCode(*code), note));
  return *code;
}

void MockHost::GuestStreamDrop(rt::StreamTypeId type, Handle handle, bool readable) {
  if (trapped_) return;
  const std::string call = absl::StrFormat("stream.drop-%s(%s=%u)",
                                           readable ? "readable" : "writable",
                                           readable ? "r" : "w", handle);
  StreamEnd* end = LookupStreamEnd(handle, readable, type, call);
  if (end == nullptr) return;
  StreamChannel& stream = *streams_[*StreamOf(handle)];
  absl::Status status = stream.Drop(*end);
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

// ------------------------------------------------------------- choices --

uint32_t MockHost::ChooseStreamMove(StreamChannel& stream, const StreamEnd& guest_end,
                                    bool cancelling, const StreamBuffer* guest_buffer,
                                    const std::string& call, std::string* note) {
  const StreamEnd& other = guest_end.readable ? stream.writable() : stream.readable();
  if (other.holder != Party::kPeer || other.dropped || other.state == CopyState::kDone ||
      guest_end.pending_event.has_value() ||
      guest_end.state != (cancelling ? CopyState::kCopying : CopyState::kIdle)) {
    return kNoChoice;
  }
  // Candidate moves, the passive one first. A waiting peer may only cancel
  // (or cancel and drop) before acting again.
  std::vector<StreamMove> moves = {{StreamMove::Kind::kNone}};
  if (other.state == CopyState::kCopying) {
    moves.push_back({StreamMove::Kind::kCancel});
    moves.push_back({StreamMove::Kind::kCancelAndDrop});
  } else {
    if (guest_end.readable) {
      moves.push_back({StreamMove::Kind::kWrite, 1});
      moves.push_back({StreamMove::Kind::kWrite, 3});
    } else {
      moves.push_back({StreamMove::Kind::kRead, 1});
      moves.push_back({StreamMove::Kind::kRead, max_copy_length_});
    }
    moves.push_back({StreamMove::Kind::kDrop});
  }
  // The outcome of each, computed on a copy; one option per distinct code.
  DryRunListener dry;
  std::vector<uint32_t> codes;
  std::vector<StreamMove> chosen_moves;
  for (const StreamMove& move : moves) {
    StreamChannel copy = stream;
    copy.set_listener(dry);
    StreamEnd& end = guest_end.readable ? copy.readable() : copy.writable();
    std::vector<Value> placeholders(move.kind == StreamMove::Kind::kWrite ? move.amount : 0);
    if (!ApplyMove(copy, move, std::move(placeholders)).ok()) continue;
    StreamBuffer released;
    absl::StatusOr<uint32_t> code =
        cancelling ? copy.Cancel(end, &released) : copy.Copy(end, *guest_buffer, &released);
    if (!code.ok()) continue;
    if (std::find(codes.begin(), codes.end(), *code) != codes.end()) continue;
    codes.push_back(*code);
    chosen_moves.push_back(move);
  }
  if (codes.size() < 2) return kNoChoice;
  size_t index = choices_->Choose(ChoicePoint{call, codes});
  if (index >= codes.size()) index = 0;
  const StreamMove& move = chosen_moves[index];
  if (move.kind != StreamMove::Kind::kNone) {
    *note = absl::StrCat("  [", DescribeMove(move), "]");
    std::vector<Value> values;
    if (move.kind == StreamMove::Kind::kWrite) {
      for (uint32_t i = 0; i < move.amount; ++i) values.push_back(MakePeerValue(stream.kind()));
    }
    absl::Status status = ApplyMove(stream, move, std::move(values));
    if (!status.ok()) {
      log_->Add(Invariant::kScript, absl::StrCat(call, ": the chosen move failed: ",
                                                 status.message()));
    }
  }
  return codes[index];
}

// ---------------------------------------------------------- the peer --

bool MockHost::PeerMayStream(uint32_t id, PeerAction action) const {
  if (trapped_ || id >= streams_.size()) return false;
  return PeerEndAllows(PeerEndOf(*streams_[id]), action, /*writer_must_finish=*/false);
}

absl::Status MockHost::PeerStreamRead(uint32_t id, uint32_t capacity) {
  if (!PeerMayStream(id, PeerAction::kRead)) {
    return absl::FailedPreconditionError(
        absl::StrFormat("s%u: the peer holds no idle readable end", id));
  }
  StreamChannel& stream = *streams_[id];
  StreamBuffer released;
  absl::StatusOr<uint32_t> code = stream.Copy(
      stream.readable(), StreamBuffer{Party::kPeer, nullptr, capacity, 0, {}}, &released);
  if (!code.ok()) return code.status();
  trace_->Peer(absl::StrFormat("s%u read up to %u -> %s%s", id, capacity, FormatStreamCode(*code),
                               released.peer_values.empty()
                                   ? ""
                                   : " " + DescribeValues(released.peer_values)));
  return absl::OkStatus();
}

absl::Status MockHost::PeerStreamWrite(uint32_t id, uint32_t count) {
  if (!PeerMayStream(id, PeerAction::kWrite)) {
    return absl::FailedPreconditionError(
        absl::StrFormat("s%u: the peer holds no idle writable end", id));
  }
  StreamChannel& stream = *streams_[id];
  std::vector<Value> values;
  for (uint32_t i = 0; i < count; ++i) values.push_back(MakePeerValue(stream.kind()));
  const std::string shown = DescribeValues(values);
  StreamBuffer released;
  absl::StatusOr<uint32_t> code = stream.Copy(
      stream.writable(), StreamBuffer{Party::kPeer, nullptr, count, 0, std::move(values)},
      &released);
  if (!code.ok()) return code.status();
  trace_->Peer(absl::StrFormat("s%u write %s -> %s", id, shown, FormatStreamCode(*code)));
  return absl::OkStatus();
}

absl::Status MockHost::PeerStreamCancel(uint32_t id) {
  if (!PeerMayStream(id, PeerAction::kCancel)) {
    return absl::FailedPreconditionError(absl::StrFormat("s%u: the peer has no copy to cancel", id));
  }
  StreamChannel& stream = *streams_[id];
  StreamEnd* end = PeerEndOf(stream);
  StreamBuffer released;
  absl::StatusOr<uint32_t> code = stream.Cancel(*end, &released);
  if (!code.ok()) return code.status();
  trace_->Peer(absl::StrFormat("s%u cancel-%s -> %s", id, end->readable ? "read" : "write",
                               FormatStreamCode(*code)));
  return absl::OkStatus();
}

absl::Status MockHost::PeerStreamDrop(uint32_t id) {
  if (!PeerMayStream(id, PeerAction::kDrop)) {
    return absl::FailedPreconditionError(
        absl::StrFormat("s%u: the peer holds no end it may drop now", id));
  }
  StreamChannel& stream = *streams_[id];
  StreamEnd* end = PeerEndOf(stream);
  absl::Status status = stream.Drop(*end);
  if (!status.ok()) return status;
  trace_->Peer(absl::StrFormat("s%u drop-%s", id, end->readable ? "readable" : "writable"));
  return absl::OkStatus();
}

void MockHost::PeerSettleStreams() {
  for (auto& stream : streams_) {
    StreamEnd* end = PeerEndOf(*stream);
    if (end == nullptr) continue;
    // A guest write still waiting: the reader takes everything first.
    if (end->readable && end->state == CopyState::kIdle &&
        stream->pending_end() == &stream->writable()) {
      (void)PeerStreamRead(stream->id(), max_copy_length_);
    }
    if (end->state == CopyState::kCopying) (void)PeerStreamCancel(stream->id());
    if (!end->copying()) (void)PeerStreamDrop(stream->id());
  }
}

// ----------------------------------------------------- moving elements --

std::vector<Value> MockHost::MoveElements(StreamChannel& stream, StreamBuffer& writer,
                                          StreamBuffer& reader, uint32_t n) {
  const size_t size = layout::SizeOf(stream.kind());
  std::vector<Value> moved;
  for (uint32_t i = 0; i < n; ++i) {
    Value value;
    if (writer.party == Party::kPeer) {
      value = std::move(writer.peer_values[writer.progress + i]);
    } else {
      void* element = static_cast<char*>(writer.guest_ptr) + size * (writer.progress + i);
      std::optional<Value> lifted = LiftFromGuest(stream.kind(), element, heap_, *this);
      if (lifted.has_value()) value = *std::move(lifted);
    }
    if (reader.party == Party::kPeer) {
      reader.peer_values.push_back(value);
    } else {
      void* element = static_cast<char*>(reader.guest_ptr) + size * (reader.progress + i);
      LowerIntoGuest(stream.kind(), value, element, heap_, *this);
    }
    moved.push_back(std::move(value));
  }
  return moved;
}

void MockHost::OnPendingEvent(StreamChannel& stream, StreamEnd& end) {
  if (end.holder == Party::kGuest) {
    event_queue_.push_back(EventRef{true, stream.id(), end.readable});
    return;
  }
  StreamBuffer released;
  const uint32_t code = stream.TakePendingEvent(end, &released);
  trace_->Peer(absl::StrFormat("s%u %s completes -> %s%s", stream.id(),
                               end.readable ? "read" : "write", FormatStreamCode(code),
                               (end.readable && !released.peer_values.empty())
                                   ? " " + DescribeValues(released.peer_values)
                                   : ""));
}

std::optional<DeliveredEvent> MockHost::TakeStreamEvent(const EventRef& ref) {
  StreamChannel& stream = *streams_[ref.channel];
  StreamEnd& end = ref.readable ? stream.readable() : stream.writable();
  if (!end.pending_event.has_value()) return std::nullopt;  // a cancel already took it
  const Handle handle = end.handle;
  StreamBuffer released;
  const uint32_t code = stream.TakePendingEvent(end, &released);
  ReleaseStreamBuffer(released);
  const auto kind = ref.readable ? rt::EventCode::kStreamRead : rt::EventCode::kStreamWrite;
  trace_->Event(absl::StrFormat("%s(%s=%u) %s", rt::EventCodeName(kind), ref.readable ? "r" : "w",
                                handle, FormatStreamCode(code)));
  return DeliveredEvent{kind, handle, code};
}

void MockHost::ReleaseStreamBuffer(const StreamBuffer& buffer) {
  if (buffer.party != Party::kGuest || buffer.guest_ptr == nullptr) return;
  heap_.Unpin(buffer.guest_ptr);
}

}  // namespace fc::model
