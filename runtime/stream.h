// stream<T>: writer and reader ends and their pollable operations, on the
// same WaitableOperation state machine as futures (a port of the stream half
// of wit-bindgen's async support).
//
//   auto [writer, reader] = StreamNew<T>(runtime, payload_abi);
//   StreamWrite<T> write = std::move(writer).Write(std::move(values));
//   write.Poll(waker);   // nullopt while the host holds the buffer, then
//                        // {result, sent, unsent values, the writer back}
//
// Ownership rules:
// - A write lowers its values into one guest buffer. When the host reports n
//   elements copied (COMPLETED(n), DROPPED(n), CANCELLED(n)), the lists of
//   the first n are freed (the reader copied them out) and the rest are
//   lifted back and returned unsent, in order.
// - A read lifts exactly the n elements the host reports.
// - After DROPPED the end is done: later writes or reads answer DROPPED(0)
//   without reaching the host (the spec traps on any copy after DONE).
// - One copy moves at most Runtime::max_copy_length() elements (the spec's
//   2^28-1); a longer write sends a prefix and returns the rest unsent.
// - StreamWriteAll loops until every value was sent or the reader is gone,
//   each time writing exactly what remains.
#ifndef FUTURECHECK_RUNTIME_STREAM_H_
#define FUTURECHECK_RUNTIME_STREAM_H_

#include <algorithm>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "runtime/abi.h"
#include "runtime/guest_buffer.h"
#include "runtime/panic.h"
#include "runtime/return_code.h"
#include "runtime/runtime.h"
#include "runtime/waitable_operation.h"

namespace fc::rt {

template <class T>
class StreamWriteOp;
template <class T>
class StreamReadOp;
template <class T>
class StreamWrite;
template <class T>
class StreamRead;

inline StreamTypeId StreamTypeOf(FutureTypeId payload_type) {
  return StreamTypeId{payload_type.index};
}

// --------------------------------------------------------------- writer --

// What both ends of a stream hold: the handle (dropped when the end is
// destroyed), and whether a copy saw DROPPED, after which the end is done.
template <class T, bool kWritable>
class StreamEndBase {
 public:
  StreamEndBase(Runtime& runtime, PayloadAbi<T>& abi, Handle handle)
      : runtime_(&runtime), abi_(&abi), handle_(handle) {}
  StreamEndBase(StreamEndBase&& other) noexcept
      : runtime_(other.runtime_),
        abi_(other.abi_),
        handle_(std::exchange(other.handle_, kNoHandle)),
        done_(other.done_) {}
  StreamEndBase& operator=(StreamEndBase&& other) noexcept {
    if (this != &other) {
      Close();
      runtime_ = other.runtime_;
      abi_ = other.abi_;
      handle_ = std::exchange(other.handle_, kNoHandle);
      done_ = other.done_;
    }
    return *this;
  }
  ~StreamEndBase() { Close(); }

  Handle handle() const { return handle_; }
  // True once a copy saw DROPPED: the other end is gone for good.
  bool done() const { return done_; }

  // Gives up the handle (e.g. to pass the end to another component).
  Handle TakeHandle() && { return std::exchange(handle_, kNoHandle); }

 protected:
  void Close() {
    if (handle_ == kNoHandle) return;
    const Handle handle = std::exchange(handle_, kNoHandle);
    if constexpr (kWritable) {
      runtime_->abi().StreamDropWritable(StreamTypeOf(abi_->type()), handle);
    } else {
      runtime_->abi().StreamDropReadable(StreamTypeOf(abi_->type()), handle);
    }
  }

  Runtime* runtime_;
  PayloadAbi<T>* abi_;
  Handle handle_;
  bool done_ = false;
};

// Element `i` of a buffer of elements `size` bytes each.
inline void* ElementAt(const GuestBuffer& buffer, size_t size, uint32_t i) {
  return static_cast<char*>(buffer.get()) + size * i;
}

template <class T>
class StreamWriter : public StreamEndBase<T, /*kWritable=*/true> {
 public:
  using StreamEndBase<T, true>::StreamEndBase;

  // Starts writing `values`; nothing reaches the host until the first poll.
  StreamWrite<T> Write(std::vector<T> values) &&;

 private:
  friend class StreamWriteOp<T>;
};

// What a finished (or cancelled) stream write reports.
template <class T>
struct StreamWriteResult {
  CopyResult result = CopyResult::kCompleted;
  uint32_t sent = 0;       // elements the reader took
  std::vector<T> unsent;   // the rest, handed back in order
  StreamWriter<T> writer;  // may write again (a done one answers DROPPED)
};

template <class T>
class StreamWriteOp {
 public:
  static constexpr EventCode kEvent = EventCode::kStreamWrite;

  struct Start {
    StreamWriter<T> writer;
    std::vector<T> values;
  };
  struct InProgress {
    StreamWriter<T> writer;
    GuestBuffer buffer;
    uint32_t length;              // elements lowered and offered to the host
    std::vector<T> beyond_limit;  // not offered in this copy
  };
  using Result = StreamWriteResult<T>;
  using CancelResult = StreamWriteResult<T>;

  std::pair<uint32_t, InProgress> StartCopy(Start start) {
    StreamWriter<T>& w = start.writer;
    const size_t size = w.abi_->size();
    const uint32_t length =
        static_cast<uint32_t>(std::min<size_t>(start.values.size(), w.runtime_->max_copy_length()));
    GuestBuffer buffer(w.runtime_->abi(), size * std::max<size_t>(length, 1), w.abi_->align());
    std::vector<T> beyond(std::make_move_iterator(start.values.begin() + length),
                          std::make_move_iterator(start.values.end()));
    for (uint32_t i = 0; i < length; ++i) {
      w.abi_->Lower(std::move(start.values[i]), ElementAt(buffer, size, i));
    }
    if (w.done_) {
      return {ReturnCode::Encode(CopyResult::kDropped, 0),
              InProgress{std::move(w), std::move(buffer), length, std::move(beyond)}};
    }
    const uint32_t raw = w.runtime_->abi().StreamWrite(StreamTypeOf(w.abi_->type()), w.handle_,
                                                       buffer.get(), length);
    return {raw, InProgress{std::move(w), std::move(buffer), length, std::move(beyond)}};
  }

  ReturnCode Decode(uint32_t raw) const { return ReturnCode::Decode(raw); }

  Result Finish(InProgress in_progress, ReturnCode code) {
    StreamWriter<T>& w = in_progress.writer;
    const size_t size = w.abi_->size();
    const uint32_t sent = code.count;
    if (sent > in_progress.length) {
      Panic("stream.write reported more elements copied than were offered");
    }
    for (uint32_t i = 0; i < sent; ++i) {
      w.abi_->DeallocLists(ElementAt(in_progress.buffer, size, i));
    }
    std::vector<T> unsent;
    for (uint32_t i = sent; i < in_progress.length; ++i) {
      unsent.push_back(w.abi_->Lift(ElementAt(in_progress.buffer, size, i)));
    }
    for (T& value : in_progress.beyond_limit) unsent.push_back(std::move(value));
    if (code.result == CopyResult::kDropped) w.done_ = true;
    return Result{code.result, sent, std::move(unsent), std::move(w)};
  }

  CancelResult CancelBeforeStart(Start start) {
    return CancelResult{CopyResult::kCancelled, 0, std::move(start.values),
                        std::move(start.writer)};
  }

  Handle Waitable(const InProgress& in_progress) const { return in_progress.writer.handle_; }

  uint32_t CancelCopy(InProgress& in_progress) {
    StreamWriter<T>& w = in_progress.writer;
    return w.runtime_->abi().StreamCancelWrite(StreamTypeOf(w.abi_->type()), w.handle_);
  }

  CancelResult IntoCancelResult(Result result) { return result; }
};

template <class T>
class StreamWrite {
 public:
  using Op = StreamWriteOp<T>;

  StreamWrite(Runtime& runtime, StreamWriter<T> writer, std::vector<T> values)
      : op_(runtime, Op{}, typename Op::Start{std::move(writer), std::move(values)}) {}

  // nullopt while the host holds the buffer. Panics once finished.
  std::optional<StreamWriteResult<T>> Poll(const Waker& waker) {
    std::optional<StreamWriteResult<T>> result = op_->Poll(waker);
    if (result && result->result == CopyResult::kCancelled) {
      Panic("stream.write reported CANCELLED without a cancel");
    }
    return result;
  }
  StreamWriteResult<T> Cancel() { return op_->Cancel(); }
  OperationState state() const { return op_->state(); }
  bool event_arrived() const { return op_->event_arrived(); }

 private:
  OperationBox<Op> op_;
};

template <class T>
StreamWrite<T> StreamWriter<T>::Write(std::vector<T> values) && {
  Runtime& runtime = *this->runtime_;
  return StreamWrite<T>(runtime, std::move(*this), std::move(values));
}

// Writes every value, one copy after another, until all were sent or the
// reader dropped. Each copy offers exactly the values still unsent.
template <class T>
class StreamWriteAll {
 public:
  StreamWriteAll(StreamWriter<T> writer, std::vector<T> values)
      : write_(std::in_place, std::move(writer).Write(std::move(values))) {}

  // The final result once everything was sent or the reader is gone
  // (`sent` counts every copy); nullopt while a copy is pending.
  std::optional<StreamWriteResult<T>> Poll(const Waker& waker) {
    for (;;) {
      if (!write_) Panic("cannot poll a stream write-all after it finished");
      std::optional<StreamWriteResult<T>> step = write_->Poll(waker);
      if (!step) return std::nullopt;
      sent_ += step->sent;
      if (step->unsent.empty() || step->result == CopyResult::kDropped) {
        write_.reset();
        step->sent = sent_;
        return step;
      }
      std::vector<T> rest = std::move(step->unsent);
      StreamWriter<T> writer = std::move(step->writer);
      write_.reset();
      write_.emplace(std::move(writer).Write(std::move(rest)));
    }
  }

  bool event_arrived() const { return write_ && write_->event_arrived(); }

 private:
  uint32_t sent_ = 0;
  std::optional<StreamWrite<T>> write_;
};

// --------------------------------------------------------------- reader --

template <class T>
class StreamReader : public StreamEndBase<T, /*kWritable=*/false> {
 public:
  using StreamEndBase<T, false>::StreamEndBase;

  // Starts reading up to `capacity` elements.
  StreamRead<T> Read(uint32_t capacity) &&;

 private:
  friend class StreamReadOp<T>;
};

template <class T>
struct StreamReadResult {
  CopyResult result = CopyResult::kCompleted;
  std::vector<T> values;   // exactly the elements copied
  StreamReader<T> reader;  // may read again (a done one answers DROPPED)
};

template <class T>
class StreamReadOp {
 public:
  static constexpr EventCode kEvent = EventCode::kStreamRead;

  struct Start {
    StreamReader<T> reader;
    uint32_t capacity;
  };
  struct InProgress {
    StreamReader<T> reader;
    GuestBuffer buffer;
    uint32_t capacity;
  };
  using Result = StreamReadResult<T>;
  using CancelResult = StreamReadResult<T>;

  std::pair<uint32_t, InProgress> StartCopy(Start start) {
    StreamReader<T>& r = start.reader;
    const uint32_t capacity = std::min(start.capacity, r.runtime_->max_copy_length());
    GuestBuffer buffer(r.runtime_->abi(), r.abi_->size() * std::max<size_t>(capacity, 1),
                       r.abi_->align());
    if (r.done_) {
      return {ReturnCode::Encode(CopyResult::kDropped, 0),
              InProgress{std::move(r), std::move(buffer), capacity}};
    }
    const uint32_t raw = r.runtime_->abi().StreamRead(StreamTypeOf(r.abi_->type()), r.handle_,
                                                      buffer.get(), capacity);
    return {raw, InProgress{std::move(r), std::move(buffer), capacity}};
  }

  ReturnCode Decode(uint32_t raw) const { return ReturnCode::Decode(raw); }

  Result Finish(InProgress in_progress, ReturnCode code) {
    StreamReader<T>& r = in_progress.reader;
    if (code.count > in_progress.capacity) {
      Panic("stream.read reported more elements than the buffer holds");
    }
    std::vector<T> values;
    for (uint32_t i = 0; i < code.count; ++i) {
      values.push_back(r.abi_->Lift(ElementAt(in_progress.buffer, r.abi_->size(), i)));
    }
    if (code.result == CopyResult::kDropped) r.done_ = true;
    return Result{code.result, std::move(values), std::move(r)};
  }

  CancelResult CancelBeforeStart(Start start) {
    return CancelResult{CopyResult::kCancelled, {}, std::move(start.reader)};
  }

  Handle Waitable(const InProgress& in_progress) const { return in_progress.reader.handle_; }

  uint32_t CancelCopy(InProgress& in_progress) {
    StreamReader<T>& r = in_progress.reader;
    return r.runtime_->abi().StreamCancelRead(StreamTypeOf(r.abi_->type()), r.handle_);
  }

  CancelResult IntoCancelResult(Result result) { return result; }
};

template <class T>
class StreamRead {
 public:
  using Op = StreamReadOp<T>;

  StreamRead(Runtime& runtime, StreamReader<T> reader, uint32_t capacity)
      : op_(runtime, Op{}, typename Op::Start{std::move(reader), capacity}) {}

  std::optional<StreamReadResult<T>> Poll(const Waker& waker) {
    std::optional<StreamReadResult<T>> result = op_->Poll(waker);
    if (result && result->result == CopyResult::kCancelled) {
      Panic("stream.read reported CANCELLED without a cancel");
    }
    return result;
  }
  StreamReadResult<T> Cancel() { return op_->Cancel(); }
  OperationState state() const { return op_->state(); }
  bool event_arrived() const { return op_->event_arrived(); }

 private:
  OperationBox<Op> op_;
};

template <class T>
StreamRead<T> StreamReader<T>::Read(uint32_t capacity) && {
  Runtime& runtime = *this->runtime_;
  return StreamRead<T>(runtime, std::move(*this), capacity);
}

// ------------------------------------------------------------------ new --

template <class T>
struct StreamEnds {
  StreamWriter<T> writer;
  StreamReader<T> reader;
};

template <class T>
StreamEnds<T> StreamNew(Runtime& runtime, PayloadAbi<T>& abi) {
  const uint64_t ends = runtime.abi().StreamNew(StreamTypeOf(abi.type()));
  return StreamEnds<T>{StreamWriter<T>(runtime, abi, static_cast<Handle>(ends >> 32)),
                       StreamReader<T>(runtime, abi, static_cast<Handle>(ends & 0xffff'ffffu))};
}

}  // namespace fc::rt

#endif  // FUTURECHECK_RUNTIME_STREAM_H_
