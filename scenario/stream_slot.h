// One stream of a scenario as the guest holds it (what every channel slot
// shares is in slot.h): its write or write-all, the counts drivers offer,
// and the checks of per-element ownership: every element written is either
// delivered to the reader (exactly the first `sent`, in order, unchanged)
// or handed back unsent (exactly the rest, in order, unchanged), never
// both, never lost; a read returns exactly the elements the writer
// delivered, in order. The task programs over streams.
#ifndef FUTURECHECK_SCENARIO_STREAM_SLOT_H_
#define FUTURECHECK_SCENARIO_STREAM_SLOT_H_

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "model/any_payload.h"
#include "model/channel.h"
#include "model/payloads.h"
#include "model/value.h"
#include "scenario/scenario.h"
#include "scenario/slot.h"
#include "scenario/world.h"
#include "sut/channel_ends.h"
#include "sut/runtime_under_test.h"
#include "sut/task_reports.h"

namespace fc::scenario {

// Counts a scenario may use for stream writes and reads (the harness lowers
// the copy limit to kScenarioCopyLimit). The guest's writes and reads cover
// every length class: zero, below, at and above the copy limit (a runtime
// must clamp a read as it clamps a write).
inline constexpr uint32_t kScenarioCopyLimit = 4;
inline constexpr uint32_t kWriteCounts[] = {0, 1, 3, 4, 5};
inline constexpr uint32_t kReadCounts[] = {0, 1, 4, 5};
inline constexpr uint32_t kWriteAllCounts[] = {0, 3, 5};
inline constexpr uint32_t kPeerReadCounts[] = {1, 4};
inline constexpr uint32_t kPeerWriteCounts[] = {1, 3};
// A task's write-all of 5 takes two copies; a read task's chunks hold 1 or 4.
inline constexpr uint32_t kTaskWriteCounts[] = {1, 5};
inline constexpr uint32_t kTaskReadCapacities[] = {1, 4};

class StreamSlot final : public ChannelSlot<model::ChannelKind::kStream, sut::StreamWriter,
                                            sut::StreamWrite, sut::StreamReader, sut::StreamRead>,
                         public sut::StreamTaskReports {
 public:
  StreamSlot(World& world, uint32_t index, model::PayloadKind payload, bool guest_writes)
      : ChannelSlot(world, index, payload, guest_writes, &sut::Runtime::CreateStream,
                    &sut::Runtime::ReceiveStream) {}

  // Per-element checks happen at each result; the value and resource
  // ledgers catch anything lost or duplicated once everything is dropped.
  void CheckEnd() override {}

  // Everything that decides what can happen next: the ends and operations
  // held, the length of the write (its offer) or read in flight, and how
  // many delivered elements the guest's side has not had a result for yet
  // (a difference: the absolute count grows with every copy and would make
  // the explorer's state space infinite).
  std::string Signature() const override {
    const size_t delivered = Channel().delivered().size();
    // Built once per state the explorer meets: appends, not a format.
    std::string out = guest_writes_ ? "sw" : "sr";
    absl::StrAppend(&out, model::PayloadKindName(payload_), ":W", writer_ ? "1" : "0", "w");
    out.push_back(StateLetter(write_));
    absl::StrAppend(&out, write_all_ ? 1 : 0, "R", reader_ ? 1 : 0, "r");
    out.push_back(StateLetter(read_));
    absl::StrAppend(&out, read_ ? read_capacity_ : 0, ":i", in_flight_.size(), ":d",
                    delivered - (guest_writes_ ? delivered_seen_ : read_seen_),
                    in_task_ ? ":T" : "");
    return out;
  }

  // ---- tasks: a task takes the guest's end of the stream for good.
  void AppendTaskEnabled(uint32_t index, std::vector<Action>& out) const override {
    if (writer_) {
      for (uint32_t n : kTaskWriteCounts) {
        out.push_back(Action{Op::kTaskStreamWrite, index, model::PayloadKind::kU32, n});
      }
    }
    if (reader_) {
      for (uint32_t n : kTaskReadCapacities) {
        out.push_back(Action{Op::kTaskStreamRead, index, model::PayloadKind::kU32, n});
      }
    }
  }

  absl::Status StartTask(const Action& action, Slot*) override {
    sut::Runtime& runtime = *world_->runtime;
    switch (action.op) {
      case Op::kTaskStreamWrite: {
        if (!writer_) return Missing("writer");
        sut::TaskRecord* task = world_->StartTask('W', index_, action.count);
        runtime.SpawnStreamWrite(*task, *this, std::move(writer_), action.count, &in_task_);
        return absl::OkStatus();
      }
      case Op::kTaskStreamRead: {
        if (!reader_) return Missing("reader");
        sut::TaskRecord* task = world_->StartTask('R', index_, action.count);
        runtime.SpawnStreamRead(*task, *this, std::move(reader_), action.count, &in_task_);
        return absl::OkStatus();
      }
      default:
        return absl::InvalidArgumentError("not a task action on a stream");
    }
  }

  // ---- StreamTaskReports
  std::vector<AnyPayload> Offer(const sut::TaskRecord& task, uint32_t count) override {
    return MakeValues(count, absl::StrFormat("t%u writing all of ", task.host_task));
  }
  void TaskWrote(const sut::TaskRecord& task, sut::StreamWriteResult& result) override {
    CheckWriteAllDone(result);  // a write task writes all
    CheckWrite(absl::StrFormat("t%u: ", task.host_task), result);
  }
  void TaskRead(const sut::TaskRecord& task, sut::StreamReadResult& result) override {
    CheckRead(absl::StrFormat("t%u: ", task.host_task), result);
  }

 private:
  std::string Show(const std::vector<AnyPayload>& values) const {
    std::vector<std::string> shown;
    for (const AnyPayload& v : values) shown.push_back(ValueOf(v).ToString());
    return absl::StrCat("[", absl::StrJoin(shown, ", "), "]");
  }

  std::span<const uint32_t> Counts(Move move) const override {
    switch (move) {
      case Move::kStartWrite:
        return kWriteCounts;
      case Move::kStartWriteAll:
        return kWriteAllCounts;
      case Move::kStartRead:
        return kReadCounts;
      case Move::kPeerRead:
        return kPeerReadCounts;
      case Move::kPeerWrite:
        return kPeerWriteCounts;
      default:
        return kNoCount;
    }
  }

  bool Writing() const override { return write_ || write_all_; }

  void StartWrite(const Action& action) override {
    const bool all = action.op == Op::kStreamWriteAll;
    std::vector<AnyPayload> values = MakeValues(action.count, all ? "writing all of " : "writing ");
    if (all) {
      write_all_ = writer_->WriteAll(std::move(values));
    } else {
      write_ = writer_->Write(std::move(values));
    }
  }

  // Only an unfinished write still owns the offer: a finished one was
  // accounted for, and its writer may since be writing in a task.
  void DropWrites(bool teardown) override {
    const bool unfinished = teardown || write_all_ || !Finished(write_->state());
    DropNow(write_);
    DropNow(write_all_);
    if (unfinished) in_flight_.clear();
  }

  // `count` fresh values, remembered in order as the write's offer.
  std::vector<AnyPayload> MakeValues(uint32_t count, const std::string& what) {
    std::vector<AnyPayload> values;
    in_flight_.clear();
    for (uint32_t i = 0; i < count; ++i) {
      values.push_back(model::MakePayload(payload_, world_->env, world_->next_serial++));
      in_flight_.push_back(ValueOf(values.back()));
    }
    Result(absl::StrCat(what, Show(values)));
    return values;
  }

  // A write the guest polled or cancelled finished: check it, keep what
  // came back, writer included.
  void Account(sut::StreamWriteResult& result) {
    CheckWrite("", result);
    writer_ = std::move(result.writer);
  }

  // Checks a finished write against what the reader took; keeps the unsent
  // elements (the writer is the caller's).
  void CheckWrite(const std::string& who, sut::StreamWriteResult& result) {
    const model::Channel& ch = Channel();
    Result(absl::StrFormat("%s%s, %u sent, unsent back: %s", who,
                           sut::CopyResultName(result.result), result.sent, Show(result.unsent)));
    const std::vector<model::Value>& delivered = ch.delivered();
    if (result.sent > in_flight_.size() || delivered.size() != delivered_seen_ + result.sent) {
      Violate(model::Invariant::kOutcome,
              absl::StrFormat("the write reported %u sent, but the reader took %u of %u offered",
                              result.sent, delivered.size() - delivered_seen_, in_flight_.size()));
    } else {
      for (uint32_t i = 0; i < result.sent; ++i) {
        if (delivered[delivered_seen_ + i] != in_flight_[i]) {
          Violate(
              model::Invariant::kOutcome,
              absl::StrFormat("element %u: the reader got %s, but %s was written", i,
                              delivered[delivered_seen_ + i].ToString(), in_flight_[i].ToString()));
          break;
        }
      }
      const size_t expected_unsent = in_flight_.size() - result.sent;
      if (result.unsent.size() != expected_unsent) {
        Violate(model::Invariant::kOutcome,
                absl::StrFormat("%u unsent elements handed back, %u expected", result.unsent.size(),
                                expected_unsent));
      } else {
        for (size_t i = 0; i < expected_unsent; ++i) {
          if (ValueOf(result.unsent[i]) != in_flight_[result.sent + i]) {
            Violate(model::Invariant::kOutcome,
                    absl::StrFormat("unsent element %u came back as %s, but %s was written", i,
                                    ValueOf(result.unsent[i]).ToString(),
                                    in_flight_[result.sent + i].ToString()));
            break;
          }
        }
      }
    }
    delivered_seen_ = delivered.size();
    if (result.result == sut::CopyResult::kDropped && !ch.readable().dropped) {
      Violate(model::Invariant::kOutcome, "the write reported DROPPED, but the reader is alive");
    }
    in_flight_.clear();
    for (AnyPayload& value : result.unsent) DropHandedBack(std::move(value));
    result.unsent.clear();
  }

  // A write-all finishes only once everything was sent or the reader is gone.
  void CheckWriteAllDone(const sut::StreamWriteResult& result) {
    if (result.result != sut::CopyResult::kDropped && !result.unsent.empty()) {
      Violate(model::Invariant::kOutcome,
              absl::StrFormat("the write-all finished (%s) with %u of %u values unsent, though "
                              "the reader is alive",
                              sut::CopyResultName(result.result), result.unsent.size(),
                              in_flight_.size()));
    }
  }

  absl::Status PollWrite() override {
    if (!Writing()) return Missing("write operation");
    const bool documented = write_ ? Finished(write_->state()) : false;
    Guard(documented, "poll-stream-write", [&] {
      std::optional<sut::StreamWriteResult> result = write_ ? write_->Poll() : write_all_->Poll();
      if (!result) {
        Result("pending");
        return;
      }
      if (write_all_) CheckWriteAllDone(*result);
      Account(*result);
      DropNow(write_all_);  // finished: a write-all cannot be polled again
    });
    return absl::OkStatus();
  }

  absl::Status CancelWrite() override {
    return PollOrCancel(write_, "write operation (write-all cannot be cancelled)",
                        "cancel-stream-write", [&] {
                          sut::StreamWriteResult result = write_->Cancel();
                          Account(result);
                        });
  }

  // A read the guest polled or cancelled finished: check it, keep the
  // elements and the reader.
  void AccountRead(sut::StreamReadResult& result) {
    CheckRead("", result);
    reader_ = std::move(result.reader);
  }

  // Checks a finished read against what the writer delivered; keeps the
  // elements read (the reader is the caller's).
  void CheckRead(const std::string& who, sut::StreamReadResult& result) {
    const model::Channel& ch = Channel();
    Result(absl::StrFormat("%s%s, read %s", who, sut::CopyResultName(result.result),
                           Show(result.values)));
    const std::vector<model::Value>& delivered = ch.delivered();
    if (delivered.size() != read_seen_ + result.values.size()) {
      Violate(model::Invariant::kOutcome,
              absl::StrFormat("the read returned %u elements, but %u were delivered to it",
                              result.values.size(), delivered.size() - read_seen_));
    } else {
      for (size_t i = 0; i < result.values.size(); ++i) {
        if (ValueOf(result.values[i]) != delivered[read_seen_ + i]) {
          Violate(model::Invariant::kOutcome,
                  absl::StrFormat("element %u: the read returned %s, but %s was delivered", i,
                                  ValueOf(result.values[i]).ToString(),
                                  delivered[read_seen_ + i].ToString()));
          break;
        }
      }
    }
    read_seen_ = delivered.size();
    if (result.result == sut::CopyResult::kDropped && !ch.writable().dropped) {
      Violate(model::Invariant::kOutcome, "the read reported DROPPED, but the writer is alive");
    }
    for (AnyPayload& value : result.values) DropHandedBack(std::move(value));
    result.values.clear();
  }

  std::unique_ptr<sut::StreamRead> StartRead(const Action& action) override {
    std::unique_ptr<sut::StreamRead> read = reader_->Read(action.count);
    read_capacity_ = action.count;
    return read;
  }

  absl::Status PollRead() override {
    return PollOrCancel(read_, "read operation", "poll-stream-read", [&] {
      std::optional<sut::StreamReadResult> result = read_->Poll();
      if (!result) {
        Result("pending");
        return;
      }
      AccountRead(*result);
    });
  }

  absl::Status CancelRead() override {
    return PollOrCancel(read_, "read operation", "cancel-stream-read", [&] {
      sut::StreamReadResult result = read_->Cancel();
      AccountRead(result);
    });
  }

  std::unique_ptr<sut::StreamWriteAll> write_all_;  // instead of write_
  std::vector<model::Value> in_flight_;             // what the current write offered, in order
  size_t delivered_seen_ = 0;                       // delivered elements already accounted for
  uint32_t read_capacity_ = 0;                      // what the read in flight asked for
  size_t read_seen_ = 0;                            // delivered elements already read
  bool in_task_ = false;                            // a task owns this stream's guest end
};

}  // namespace fc::scenario

#endif  // FUTURECHECK_SCENARIO_STREAM_SLOT_H_
