// The mock intrinsic layer: answers the runtime's `future.*` calls (and the
// test payloads' resource calls) from the spec model, playing the other end
// of every channel itself. Where the spec allows several answers (the other
// end may act just before), it asks its ChoiceSource which one happens.
// Traps are recorded as violations, never crashes; after one, the instance
// is dead and later calls are ignored.
//
// It keeps the ledgers: guest heap (memory), handle table (future ends and
// resources), resource ownership, and (through payloads) payload values.
#ifndef FUTURECHECK_MODEL_MOCK_HOST_H_
#define FUTURECHECK_MODEL_MOCK_HOST_H_

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "model/choice_source.h"
#include "model/future_channel.h"
#include "model/guest_heap.h"
#include "model/payload_codec.h"
#include "model/payloads.h"
#include "model/step_budget.h"
#include "model/stream_channel.h"
#include "model/trace.h"
#include "model/value.h"
#include "model/value_ledger.h"
#include "model/violation.h"
#include "runtime/abi.h"
#include "runtime/return_code.h"

namespace fc::model {

struct DeliveredEvent {
  rt::EventCode code;
  rt::Handle waitable;
  uint32_t payload;
};

class MockHost final : public rt::HostAbi,
                       public GuestResources,
                       private ChannelListener,
                       private StreamListener,
                       private ResourceTransfer {
 public:
  MockHost(Trace& trace, ViolationLog& log, ChoiceSource& choices);
  ~MockHost() override;

  // ---- rt::HostAbi
  void* Alloc(size_t size, size_t align) override;
  void Free(void* ptr, size_t size, size_t align) override;
  uint64_t FutureNew(rt::FutureTypeId type) override;
  uint32_t FutureRead(rt::FutureTypeId type, rt::Handle readable, void* ptr) override;
  uint32_t FutureWrite(rt::FutureTypeId type, rt::Handle writable, const void* ptr) override;
  uint32_t FutureCancelRead(rt::FutureTypeId type, rt::Handle readable) override;
  uint32_t FutureCancelWrite(rt::FutureTypeId type, rt::Handle writable) override;
  void FutureDropReadable(rt::FutureTypeId type, rt::Handle readable) override;
  void FutureDropWritable(rt::FutureTypeId type, rt::Handle writable) override;
  // Streams: mock_host_streams.cc.
  uint64_t StreamNew(rt::StreamTypeId type) override;
  uint32_t StreamRead(rt::StreamTypeId type, rt::Handle readable, void* ptr,
                      uint32_t length) override;
  uint32_t StreamWrite(rt::StreamTypeId type, rt::Handle writable, const void* ptr,
                       uint32_t length) override;
  uint32_t StreamCancelRead(rt::StreamTypeId type, rt::Handle readable) override;
  uint32_t StreamCancelWrite(rt::StreamTypeId type, rt::Handle writable) override;
  void StreamDropReadable(rt::StreamTypeId type, rt::Handle readable) override;
  void StreamDropWritable(rt::StreamTypeId type, rt::Handle writable) override;
  // Waitable sets and export tasks: mock_host_tasks.cc.
  rt::Handle WaitableSetNew() override;
  void WaitableSetDrop(rt::Handle set) override;
  void WaitableJoin(rt::Handle waitable, rt::Handle set) override;
  rt::Event WaitableSetWait(rt::Handle set) override;
  rt::Event WaitableSetPoll(rt::Handle set) override;
  void TaskReturn(uint32_t task) override;
  void TaskCancel(uint32_t task) override;

  // ---- GuestResources
  rt::Handle NewResource() override;
  void DropResource(rt::Handle handle) override;
  uint64_t RepOf(rt::Handle handle) const override;

  // ---- what the guest program does besides intrinsics
  // Passes a future end to the other side (lifting it out of the guest, as a
  // call argument would). Traps unless the end is idle.
  void TransferToPeer(rt::Handle end);
  // The other side creates a future<kind> and hands the guest its readable end.
  rt::Handle ReceiveFuture(PayloadKind kind);
  // Channel id behind a guest handle (nullopt if none).
  std::optional<uint32_t> ChannelOf(rt::Handle end) const;
  // Why `handle`, which the guest program holds as the readable (or
  // writable) end of future or stream `channel`, is not that end on the
  // host (nullopt: it is, alive in the guest's table).
  std::optional<std::string> HeldEndProblem(rt::Handle handle, bool stream, bool readable,
                                            uint32_t channel) const;
  // The other side creates a stream<kind> and hands the guest its reader.
  rt::Handle ReceiveStream(PayloadKind kind);
  // Stream id behind a guest handle (nullopt if none).
  std::optional<uint32_t> StreamOf(rt::Handle end) const;
  // The spec's 2^28-1 copy limit, lowered by the harness (with the runtime's)
  // so scenarios can exceed it cheaply.
  void set_max_copy_length(uint32_t n) { max_copy_length_ = n; }
  uint32_t max_copy_length() const { return max_copy_length_; }

  // ---- the other end's own moves (an error status: not legal now)
  enum class PeerAction { kRead, kWrite, kCancel, kDrop };
  // Whether the other end may make `action` on `channel` now.
  bool PeerMay(uint32_t channel, PeerAction action) const;
  // The end of `channel` (future or stream) the other side still holds, or nullptr.
  template <class Channel>
  static auto* PeerEndOf(Channel& channel) {
    if (channel.readable().holder == Party::kPeer && !channel.readable().dropped) {
      return &channel.readable();
    }
    if (channel.writable().holder == Party::kPeer && !channel.writable().dropped) {
      return &channel.writable();
    }
    return static_cast<decltype(&channel.readable())>(nullptr);
  }
  absl::Status PeerRead(uint32_t channel);
  absl::Status PeerWrite(uint32_t channel, Value value);
  absl::Status PeerCancel(uint32_t channel);
  absl::Status PeerDrop(uint32_t channel);
  // A fresh value for the peer to write (its resources owned by the peer).
  Value MakePeerValue(PayloadKind kind);
  // The same moves on a stream: read up to `capacity`, write `count` fresh values.
  bool PeerMayStream(uint32_t stream, PeerAction action) const;
  absl::Status PeerStreamRead(uint32_t stream, uint32_t capacity);
  absl::Status PeerStreamWrite(uint32_t stream, uint32_t count);
  absl::Status PeerStreamCancel(uint32_t stream);
  absl::Status PeerStreamDrop(uint32_t stream);

  // Whether waitable-set.wait on `set` would return at once: one of its
  // members has a pending event (the oldest is delivered first).
  bool HasEventFor(rt::Handle set) const;
  // Pending events, of ends in a set or not.
  size_t pending_events() const;

  // ---- export tasks: the other side calls the guest's async exports
  // Starts an export call; returns its task number (1, 2, ...).
  uint32_t StartExportTask();
  // The caller cancels export task `task`; returns the TASK_CANCELLED event
  // the host delivers to the task's callback at once (the guest is idle in
  // its event loop between steps). An error if the task already resolved.
  absl::StatusOr<rt::Event> CancelExportTask(uint32_t task);
  enum class ExportState { kRunning, kCancelDelivered, kReturned, kCancelled };
  ExportState export_state(uint32_t task) const { return exports_.at(task - 1); }
  size_t export_tasks() const { return exports_.size(); }

  // End of a scenario: the other side completes every write still waiting
  // for a reader, then drops all its ends and whatever it received.
  void PeerSettle();
  // Checks the ledgers are empty; records leaks as violations.
  void CheckLedgersEmpty();
  std::string DescribeLedgers() const;
  // A compact summary of the model and ledger state with no handle numbers,
  // addresses or serials: equal for runs that can behave the same from here.
  std::string Signature() const;

  const FutureChannel& channel(uint32_t id) const { return *channels_[id]; }
  const StreamChannel& stream(uint32_t id) const { return *streams_[id]; }
  size_t stream_count() const { return streams_.size(); }
  size_t channel_count() const { return channels_.size(); }
  bool trapped() const { return trapped_; }
  // Every guest allocation is charged to `budget` (nullptr: unbounded).
  void set_budget(StepBudget* budget) { budget_ = budget; }
  GuestHeap& heap() { return heap_; }
  ValueLedger& values() { return values_; }
  PayloadEnv payload_env() { return PayloadEnv{this, &values_, this}; }

 private:
  struct HandleEntry {
    enum class Kind {
      kReadable,
      kWritable,
      kResource,
      kStreamReadable,
      kStreamWritable,
      kWaitableSet,
    };
    Kind kind;
    uint32_t channel = 0;
    uint64_t rep = 0;
  };
  enum class ResourceOwner { kGuest, kPeer, kDropped };
  enum class PeerMove { kNone, kRead, kWrite, kDrop, kCancel, kCancelAndDrop };
  struct Option {
    uint32_t code;
    PeerMove move;
  };

  // ChannelListener
  Value MoveValue(FutureChannel& channel, CopyBuffer& writer_buffer,
                  CopyBuffer& reader_buffer) override;
  void OnPendingEvent(FutureChannel& channel, FutureEnd& end) override;
  // StreamListener (mock_host_streams.cc)
  std::vector<Value> MoveElements(StreamChannel& channel, StreamBuffer& writer,
                                  StreamBuffer& reader, uint32_t n) override;
  void OnPendingEvent(StreamChannel& channel, StreamEnd& end) override;
  // ResourceTransfer
  std::optional<uint64_t> TakeFromGuest(rt::Handle handle) override;
  rt::Handle GiveToGuest(uint64_t rep) override;

  // ChooseAndMove's / ChooseStreamMove's answer when there was no choice.
  static constexpr uint32_t kNoChoice = 0xffff'fffe;
  // Whether the other side's `end` (nullptr: none) allows `action`. A future
  // writer may drop only once its write finished; a stream writer whenever idle.
  template <class End>
  static bool PeerEndAllows(const End* end, PeerAction action, bool writer_must_finish) {
    if (end == nullptr) return false;
    switch (action) {
      case PeerAction::kRead:
        return end->readable && end->state == CopyState::kIdle;
      case PeerAction::kWrite:
        return !end->readable && end->state == CopyState::kIdle;
      case PeerAction::kCancel:
        return end->state == CopyState::kCopying;
      case PeerAction::kDrop:
        return !end->copying() &&
               (end->readable || !writer_must_finish || end->state == CopyState::kDone);
    }
    return false;
  }
  // Records a script error when the outcome the choice source picked is not
  // the one the model then answered.
  void CheckChosen(const std::string& call, uint32_t chosen, uint32_t code, bool is_stream);
  ChannelListener& AsListener() { return *this; }
  StreamListener& AsStreamListener() { return *this; }
  struct EventRef {
    bool stream;
    uint32_t channel;
    bool readable;
  };
  bool EventStillPending(const EventRef& ref) const;
  // The guest handle of the end an event is for.
  rt::Handle EventHandle(const EventRef& ref) const;
  // Takes the pending event `ref` names (nullopt if a cancel took it).
  std::optional<DeliveredEvent> TakeEvent(const EventRef& ref);
  std::optional<DeliveredEvent> TakeEventFor(rt::Handle set);
  // The set a waitable is in (kNoHandle: none).
  rt::Handle SetOf(rt::Handle waitable) const;
  // Whether `set` names a live waitable set; traps for `call` if not.
  bool CheckSet(rt::Handle set, const std::string& call);
  // A synchronous cancel of an end still in a waitable set traps (CM#647):
  // records the trap and returns true if `handle` is in one.
  bool TrapIfInSet(rt::Handle handle, const std::string& call);
  // Takes a dropped or lifted end out of its set.
  void LeaveSet(rt::Handle waitable) { membership_.erase(waitable); }
  // Export task `task`'s state, or nullptr when no such task was started.
  ExportState* FindExport(uint32_t task) {
    return task == 0 || task > exports_.size() ? nullptr : &exports_[task - 1];
  }
  void CheckTasksSettled();
  std::string DescribeSetsAndTasks() const;
  std::optional<DeliveredEvent> TakeStreamEvent(const EventRef& ref);
  StreamEnd* LookupStreamEnd(rt::Handle handle, bool readable, rt::StreamTypeId type,
                             const std::string& call);
  uint32_t GuestStreamCopy(rt::StreamTypeId type, rt::Handle handle, bool readable, void* ptr,
                           uint32_t length);
  uint32_t GuestStreamCancel(rt::StreamTypeId type, rt::Handle handle, bool readable);
  void GuestStreamDrop(rt::StreamTypeId type, rt::Handle handle, bool readable);
  // Offers the choice source every outcome the other end could cause by
  // acting just before the guest's call, and makes it act; kNoChoice when
  // there was nothing to choose.
  uint32_t ChooseStreamMove(StreamChannel& channel, const StreamEnd& guest_end, bool cancelling,
                            const StreamBuffer* guest_buffer, const std::string& call,
                            std::string* note);
  void TransferStreamEndToPeer(rt::Handle handle, const HandleEntry& entry, const std::string& call);
  void PeerSettleStreams();
  void ReleaseStreamBuffer(const StreamBuffer& buffer);
  void Trap(const std::string& call, const std::string& why);
  rt::Handle AddHandle(HandleEntry entry);
  // The end behind `handle`, or nullptr after recording a trap.
  FutureEnd* LookupEnd(rt::Handle handle, bool readable, rt::FutureTypeId type,
                       const std::string& call);
  uint32_t GuestCopy(rt::FutureTypeId type, rt::Handle handle, bool readable, void* ptr);
  uint32_t GuestCancel(rt::FutureTypeId type, rt::Handle handle, bool readable);
  void GuestDrop(rt::FutureTypeId type, rt::Handle handle, bool readable);
  std::vector<Option> PeerOptions(FutureChannel& channel, const FutureEnd& guest_end,
                                  bool cancelling) const;
  uint32_t ChooseAndMove(FutureChannel& channel, const FutureEnd& guest_end, bool cancelling,
                         const std::string& call, std::string* note);
  void ApplyPeerMove(uint32_t channel, PeerMove move);
  void ReleaseGuestBuffer(const CopyBuffer& buffer);
  void PeerKeeps(CopyBuffer& buffer);
  std::string EndLabel(const FutureEnd& end) const;

  Trace* trace_;
  ViolationLog* log_;
  ChoiceSource* choices_;
  GuestHeap heap_;
  ValueLedger values_;
  std::vector<std::unique_ptr<FutureChannel>> channels_;
  absl::flat_hash_map<rt::Handle, HandleEntry> handles_;
  absl::flat_hash_set<rt::Handle> dropped_handles_;
  rt::Handle next_handle_ = 1;
  absl::flat_hash_map<uint64_t, ResourceOwner> resources_;
  uint64_t next_rep_ = 1;
  uint32_t next_peer_serial_ = 1000;
  std::vector<std::unique_ptr<StreamChannel>> streams_;
  uint32_t max_copy_length_ = rt::kMaxCopyLength;
  std::deque<EventRef> event_queue_;
  absl::flat_hash_map<rt::Handle, rt::Handle> membership_;  // waitable -> its set
  std::vector<ExportState> exports_;                        // export task n at [n-1]
  absl::flat_hash_map<const void*, std::vector<uint8_t>> snapshots_;
  bool trapped_ = false;
  StepBudget* budget_ = nullptr;
};

}  // namespace fc::model

#endif  // FUTURECHECK_MODEL_MOCK_HOST_H_
