// The mock intrinsic layer: answers the runtime's `future.*`, `stream.*`,
// `waitable-set.*` and `task.*` calls (and the test payloads' resource calls)
// from the spec model, playing the other end of every channel itself. Where
// the spec allows several answers (the other end may act just before), it
// asks its ChoiceSource which one happens. Traps are recorded as violations,
// never crashes; after one, the instance is dead and later calls are ignored.
//
// It is a facade: the channels are model/channel.h values, and the
// bookkeeping is in small parts under model/host/, each with its own test:
// the handle table, resource ownership, waitable-set membership, the event
// queue, the export tasks, and the other end's legal moves. This class
// turns them into intrinsics, traps, trace lines and the ledger checks at
// the end of a scenario (with the guest heap and the payload values).
#ifndef FUTURECHECK_MODEL_MOCK_HOST_H_
#define FUTURECHECK_MODEL_MOCK_HOST_H_

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "model/channel.h"
#include "model/choice_source.h"
#include "model/guest_heap.h"
#include "model/host/event_queue.h"
#include "model/host/export_tasks.h"
#include "model/host/handle_table.h"
#include "model/host/other_end.h"
#include "model/host/resource_table.h"
#include "model/host/waitable_sets.h"
#include "model/payload_codec.h"
#include "model/payloads.h"
#include "model/step_budget.h"
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
                       public ResourceReps,
                       private ChannelListener,
                       private LiftLowerHost {
 public:
  MockHost(Trace& trace, ViolationLog& log, ChoiceSource& choices);
  ~MockHost() override;

  // ---- rt::HostAbi
  void* Alloc(size_t size, size_t align) override;
  void Free(void* ptr, size_t size, size_t align) override;
  // Futures and streams: one implementation (mock_host_channels.cc).
  uint64_t FutureNew(rt::FutureTypeId type) override;
  uint32_t FutureRead(rt::FutureTypeId type, rt::Handle readable, void* ptr) override;
  uint32_t FutureWrite(rt::FutureTypeId type, rt::Handle writable, const void* ptr) override;
  uint32_t FutureCancelRead(rt::FutureTypeId type, rt::Handle readable) override;
  uint32_t FutureCancelWrite(rt::FutureTypeId type, rt::Handle writable) override;
  void FutureDropReadable(rt::FutureTypeId type, rt::Handle readable) override;
  void FutureDropWritable(rt::FutureTypeId type, rt::Handle writable) override;
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

  // Resources of the other side's type (mock_host.cc).
  rt::Handle ResourceNew() override;
  void ResourceDrop(rt::Handle handle) override;

  // ---- ResourceReps
  uint64_t RepOf(rt::Handle handle) const override;

  // ---- what the guest program does besides intrinsics
  // Passes a future or stream end to the other side (lifting it out of the
  // guest, as a call argument would). Traps unless the end is idle.
  void TransferToPeer(rt::Handle end);
  // The other side creates a future or stream of `payload` and hands the
  // guest its readable end.
  rt::Handle Receive(ChannelKind kind, PayloadKind payload);
  // Index of the channel of `kind` behind a guest handle (nullopt if none).
  std::optional<uint32_t> ChannelOf(ChannelKind kind, rt::Handle end) const;
  // Why `handle`, which the guest program holds as the readable (or
  // writable) end of channel `id` of `kind`, is not that end on the host
  // (nullopt: it is, alive in the guest's table).
  std::optional<std::string> HeldEndProblem(rt::Handle handle, ChannelKind kind, bool readable,
                                            uint32_t id) const;
  // The spec's 2^28-1 copy limit, lowered by the harness (with the runtime's)
  // so scenarios can exceed it cheaply.
  void set_max_copy_length(uint32_t n) { max_copy_length_ = n; }
  // The spec rules channels created from now on follow.
  void set_spec_rules(const SpecRules& rules) { rules_ = rules; }
  uint32_t max_copy_length() const { return max_copy_length_; }

  // ---- the other end's own moves (an error status: not legal now)
  using PeerAction = model::PeerAction;
  // Whether the other end may make `action` on channel `id` of `kind` now.
  bool PeerMay(ChannelKind kind, uint32_t id, PeerAction action) const;
  // Read up to `capacity` elements (a future: 1).
  absl::Status PeerRead(ChannelKind kind, uint32_t id, uint32_t capacity = 1);
  // Write `count` fresh values (a future: 1), their resources owned by the peer.
  absl::Status PeerWrite(ChannelKind kind, uint32_t id, uint32_t count = 1);
  absl::Status PeerCancel(ChannelKind kind, uint32_t id);
  absl::Status PeerDrop(ChannelKind kind, uint32_t id);

  // Whether waitable-set.wait on `set` would return at once: one of its
  // members has a pending event (the oldest is delivered first).
  bool HasEventFor(rt::Handle set) const;
  // Pending events, of ends in a set or not.
  size_t pending_events() const;
  // How many times the guest called waitable-set.poll (on a live set), so
  // the oracle can tell whether a runtime polled between two points.
  uint64_t polls() const { return polls_; }

  // ---- export tasks: the other side calls the guest's async exports
  // Starts an export call; returns its task number (1, 2, ...).
  uint32_t StartExportTask();
  // The caller cancels export task `task`; returns the TASK_CANCELLED event
  // the host delivers to the task's callback at once (the guest is idle in
  // its event loop between steps). An error if the task already resolved.
  absl::StatusOr<rt::Event> CancelExportTask(uint32_t task);
  using ExportState = ExportTasks::State;
  ExportState export_state(uint32_t task) const { return exports_.state(task); }
  size_t export_tasks() const { return exports_.size(); }

  // A channel by kind and id (for orders of channels).
  struct ChannelRef {
    ChannelKind kind;
    uint32_t id;
  };
  // End of a scenario: the other side completes every write still waiting
  // for a reader, then drops all its ends and whatever it received. Channels
  // in `order` go first, in that order (Session's symmetry: two states that
  // differ only in which channel was made first settle alike), then the
  // rest by id.
  void PeerSettle(const std::vector<ChannelRef>& order = {});
  // Checks the ledgers are empty; records leaks as violations.
  void CheckLedgersEmpty();
  std::string DescribeLedgers() const;
  // The model and ledger state, with no handle numbers, addresses or
  // serials, for Session::StateSignature: equal for runs that can behave the
  // same from here. In two parts, so that states differing only in which
  // channel was made first get one signature (Session's symmetry):
  // One channel's part: its payload kind, both ends, its pending end. It
  // names no other channel, so it is the same in every order.
  std::string ChannelSignature(const ChannelRef& ref) const;
  // The rest (trap, pending events, set memberships, export tasks, ledger
  // counts), with channels named by their position in `order`.
  std::string SharedSignature(const std::vector<ChannelRef>& order) const;

  const Channel& channel(ChannelKind kind, uint32_t id) const { return Channels(kind)[id]; }
  size_t channel_count(ChannelKind kind) const { return Channels(kind).size(); }
  bool trapped() const { return trapped_; }
  // Every guest allocation is charged to `budget` (nullptr: unbounded).
  void set_budget(StepBudget* budget) { budget_ = budget; }
  GuestHeap& heap() { return heap_; }
  ValueLedger& values() { return values_; }
  PayloadEnv payload_env() { return PayloadEnv{this, &values_, this}; }

 private:
  // The text of an intrinsic call, for traps, the trace and reports: made
  // only while the trace records (a run without one reads no message).
  template <typename Make>
  std::string CallText(Make&& make) const {
    return trace_->recording() ? make() : std::string();
  }
  std::deque<Channel>& Channels(ChannelKind kind) {
    return kind == ChannelKind::kFuture ? futures_ : streams_;
  }
  const std::deque<Channel>& Channels(ChannelKind kind) const {
    return kind == ChannelKind::kFuture ? futures_ : streams_;
  }
  Channel& ChannelOfEntry(const HandleEntry& entry) {
    return Channels(entry.channel_kind)[entry.channel];
  }

  // ChannelListener (mock_host_channels.cc)
  std::vector<Value> MoveElements(const Channel& channel, CopyBuffer& writer, CopyBuffer& reader,
                                  uint32_t n) override;
  void OnPendingEvent(Channel& channel, CopyEnd& end) override;
  bool InWaitableSet(const Channel& channel, const CopyEnd& end) const override;
  // LiftLowerHost
  std::optional<uint64_t> TakeFromGuest(rt::Handle handle) override;
  rt::Handle GiveToGuest(uint64_t rep) override;
  void Trap(const std::string& call, const std::string& why) override;

  // The guest's intrinsics, for both kinds (mock_host_channels.cc).
  uint64_t NewChannel(ChannelKind kind, uint32_t type_index);
  // The end behind `handle`, or nullptr after recording a trap.
  CopyEnd* LookupEnd(ChannelKind kind, rt::Handle handle, bool readable, uint32_t type_index,
                     const std::string& call);
  uint32_t GuestCopy(ChannelKind kind, uint32_t type_index, rt::Handle handle, bool readable,
                     void* ptr, uint32_t length);
  uint32_t GuestCancel(ChannelKind kind, uint32_t type_index, rt::Handle handle, bool readable);
  void GuestDrop(ChannelKind kind, uint32_t type_index, rt::Handle handle, bool readable);
  // ChooseOtherEndMove's answer when there was no choice.
  static constexpr uint32_t kNoChoice = 0xffff'fffe;
  // Offers the choice source every outcome the other end could cause by
  // acting just before the guest's call (each computed by trying the move
  // on a copy of the channel), and makes the other end act; kNoChoice when
  // there was nothing to choose.
  uint32_t ChooseOtherEndMove(Channel& channel, const CopyEnd& guest_end, bool cancelling,
                              const CopyBuffer* guest_buffer, const std::string& call,
                              std::string* note);
  // Records a script error when the outcome the choice source picked is not
  // the one the model then answered.
  void CheckChosen(const std::string& call, uint32_t chosen, uint32_t code, bool is_stream);
  // Values the other end writes: fresh ones, their resources its own.
  std::vector<Value> MakePeerValues(PayloadKind payload, uint32_t count);
  Value MakePeerValue(PayloadKind payload);
  void ReleaseGuestBuffer(const CopyBuffer& buffer);
  void TransferEndToPeer(rt::Handle handle, const HandleEntry& entry, const std::string& call);
  void PeerSettleFutures(const std::vector<uint32_t>& ids);
  void PeerSettleStreams(const std::vector<uint32_t>& ids);

  // Events and waitable sets (mock_host_tasks.cc).
  bool EventStillPending(const EventRef& ref) const;
  // The guest handle of the end an event is for.
  rt::Handle EventHandle(const EventRef& ref) const;
  // Takes the pending event `ref` names (nullopt if a cancel took it).
  std::optional<DeliveredEvent> TakeEvent(const EventRef& ref);
  std::optional<DeliveredEvent> TakeEventFor(rt::Handle set);
  // Whether `ref`'s event is still pending and its end sits in `set`.
  bool EventReadyIn(const EventRef& ref, rt::Handle set) const;
  // Whether `set` names a live waitable set; traps for `call` if not.
  bool CheckSet(rt::Handle set, const std::string& call);
  // A synchronous cancel of an end still in a waitable set traps (CM#647):
  // records the trap and returns true if `handle` is in one.
  bool TrapIfInSet(rt::Handle handle, const std::string& call);
  void CheckTasksSettled();
  std::string DescribeSetsAndTasks() const;
  // A trap about `handle`: `why`, then what its index named in turn when it
  // was reused (HandleTable::ReuseNote), so a stale handle that hit another
  // entry says so.
  void TrapOnHandle(const std::string& call, rt::Handle handle, absl::string_view why);
  // `text` with the same note, for a report that is not a trap.
  std::string WithReuseNote(rt::Handle handle, absl::string_view text) const;
  // Forgets a guest handle that was dropped or moved away (and takes it out
  // of its waitable set).
  void RemoveHandle(rt::Handle handle);

  Trace* trace_;
  ViolationLog* log_;
  ChoiceSource* choices_;
  GuestHeap heap_;
  ValueLedger values_;
  // A deque, so a reference to a channel (or one of its ends) stays valid
  // when another channel is made.
  std::deque<Channel> futures_;  // f0, f1, ...
  std::deque<Channel> streams_;  // s0, s1, ...
  HandleTable handles_;
  ResourceTable resources_;
  WaitableSets sets_;
  EventQueue events_;
  ExportTasks exports_;
  uint32_t next_peer_serial_ = 1000;
  uint32_t max_copy_length_ = rt::kMaxCopyLength;
  SpecRules rules_;
  // A guest writer's buffer as it was when the host took it, to catch the
  // guest changing it while the copy is in flight.
  absl::flat_hash_map<const void*, std::vector<uint8_t>> snapshots_;
  bool trapped_ = false;
  uint64_t polls_ = 0;
  StepBudget* budget_ = nullptr;
};

}  // namespace fc::model

#endif  // FUTURECHECK_MODEL_MOCK_HOST_H_
