// futurecheck's C++ runtime ends and operations behind the neutral channel
// interface (sut/channel_ends.h): each class owns one runtime object of
// element type T and converts what goes in and comes out. The task programs
// that take an end or borrow an operation start here too, since only these
// classes know T.
#ifndef FUTURECHECK_ADAPTERS_CPP_CPP_ENDS_H_
#define FUTURECHECK_ADAPTERS_CPP_CPP_ENDS_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "adapters/cpp/payload_conversions.h"
#include "adapters/cpp/task_programs.h"
#include "runtime/coroutine.h"
#include "runtime/executor.h"
#include "runtime/future.h"
#include "runtime/stream.h"
#include "runtime/waker.h"
#include "sut/channel_ends.h"
#include "sut/task_reports.h"

namespace fc::adapters::cpp {

// An operation a task may borrow and await (task-await).
class AwaitableOperation {
 public:
  virtual rt::Task AwaitProgram(rt::Executor& executor, TaskRecord& task,
                                FutureTaskReports& reports, bool* borrowed) = 0;

 protected:
  ~AwaitableOperation() = default;
};

// Non-template bases, so the runtime adapter can start a task program on an
// end without knowing its element type.
class CppFutureWriterBase : public sut::FutureWriter {
 public:
  virtual rt::Task WriteProgram(rt::Executor& executor, TaskRecord& task,
                                FutureTaskReports& reports) = 0;
  virtual rt::Task DropProgram(rt::Executor& executor, TaskRecord& task) = 0;
};

class CppFutureReaderBase : public sut::FutureReader {
 public:
  virtual rt::Task ReadProgram(rt::Executor& executor, TaskRecord& task,
                               FutureTaskReports& reports) = 0;
  // Relays into `writer`, a writer of the same payload kind (the harness
  // checks kinds before it starts a relay).
  virtual rt::Task RelayProgram(rt::Executor& executor, TaskRecord& task, FutureTaskReports& from,
                                FutureTaskReports& to, sut::FutureWriter& writer) = 0;
};

class CppStreamWriterBase : public sut::StreamWriter {
 public:
  virtual rt::Task WriteProgram(rt::Executor& executor, TaskRecord& task,
                                StreamTaskReports& reports, uint32_t count, bool* in_task) = 0;
};

class CppStreamReaderBase : public sut::StreamReader {
 public:
  virtual rt::Task ReadProgram(rt::Executor& executor, TaskRecord& task, StreamTaskReports& reports,
                               uint32_t capacity, bool* in_task) = 0;
};

template <class T>
class CppFutureWrite final : public sut::FutureWrite, public AwaitableOperation {
 public:
  CppFutureWrite(rt::FutureWriter<T>&& writer, T value)
      : op_(std::move(writer).Write(std::move(value))) {}
  sut::OpState state() const override { return ToOpState(op_.state()); }
  std::optional<sut::FutureWriteOutcome> Poll() override {
    std::optional<rt::FutureWriteOutcome<T>> outcome = op_.Poll(rt::Waker::Noop());
    if (!outcome) return std::nullopt;
    return ToOutcome(std::move(*outcome));
  }
  sut::FutureWriteCancel Cancel() override;
  rt::Task AwaitProgram(rt::Executor& executor, TaskRecord& task, FutureTaskReports& reports,
                        bool* borrowed) override {
    auto report = [&reports](const TaskRecord& t, rt::FutureWriteOutcome<T> outcome) {
      reports.TaskWrote(t, ToOutcome(std::move(outcome)));
    };
    return AwaitTask(executor, &task, &op_, borrowed, report);
  }

 private:
  rt::FutureWrite<T> op_;
};

template <class T>
class CppFutureRead final : public sut::FutureRead, public AwaitableOperation {
 public:
  explicit CppFutureRead(rt::FutureReader<T>&& reader) : op_(std::move(reader).Read()) {}
  sut::OpState state() const override { return ToOpState(op_.state()); }
  std::optional<AnyPayload> Poll() override { return ToAny(op_.Poll(rt::Waker::Noop())); }
  sut::FutureReadCancel Cancel() override;
  rt::Task AwaitProgram(rt::Executor& executor, TaskRecord& task, FutureTaskReports& reports,
                        bool* borrowed) override {
    auto report = [&reports](const TaskRecord& t, T value) {
      AnyPayload any = ToAny(std::move(value));
      reports.TaskRead(t, any);
      reports.Keep(std::move(any));
    };
    return AwaitTask(executor, &task, &op_, borrowed, report);
  }

 private:
  rt::FutureRead<T> op_;
};

template <class T>
class CppFutureWriter final : public CppFutureWriterBase {
 public:
  explicit CppFutureWriter(rt::FutureWriter<T> end) : end_(std::move(end)) {}
  sut::Handle handle() const override { return end_.handle(); }
  std::unique_ptr<sut::FutureWrite> Write(AnyPayload value) override {
    return std::make_unique<CppFutureWrite<T>>(std::move(end_), FromAny<T>(std::move(value)));
  }
  rt::FutureWriter<T> Take() { return std::move(end_); }
  rt::Task WriteProgram(rt::Executor& executor, TaskRecord& task,
                        FutureTaskReports& reports) override {
    return WriteTask<T>(executor, &task, &reports, Take());
  }
  rt::Task DropProgram(rt::Executor& executor, TaskRecord& task) override {
    return DropWriterTask<T>(executor, &task, Take());
  }

 private:
  rt::FutureWriter<T> end_;
};

template <class T>
class CppFutureReader final : public CppFutureReaderBase {
 public:
  explicit CppFutureReader(rt::FutureReader<T> end) : end_(std::move(end)) {}
  sut::Handle handle() const override { return end_.handle(); }
  std::unique_ptr<sut::FutureRead> Read() override {
    return std::make_unique<CppFutureRead<T>>(std::move(end_));
  }
  rt::FutureReader<T> Take() { return std::move(end_); }

  rt::Task ReadProgram(rt::Executor& executor, TaskRecord& task,
                       FutureTaskReports& reports) override {
    return ReadTask<T>(executor, &task, &reports, Take());
  }
  rt::Task RelayProgram(rt::Executor& executor, TaskRecord& task, FutureTaskReports& from,
                        FutureTaskReports& to, sut::FutureWriter& writer) override {
    auto& to_writer = dynamic_cast<CppFutureWriter<T>&>(writer);  // before anything moves
    return RelayTask<T>(executor, &task, &from, Take(), &to, to_writer.Take());
  }

 private:
  rt::FutureReader<T> end_;
};

template <class T>
sut::FutureWriteCancel CppFutureWrite<T>::Cancel() {
  rt::FutureWriteCancel<T> result = op_.Cancel();
  sut::FutureWriteCancel out;
  switch (result.kind) {
    case rt::FutureWriteCancel<T>::Kind::kAlreadySent:
      out.kind = sut::FutureWriteCancel::Kind::kAlreadySent;
      break;
    case rt::FutureWriteCancel<T>::Kind::kDropped:
      out.kind = sut::FutureWriteCancel::Kind::kDropped;
      break;
    case rt::FutureWriteCancel<T>::Kind::kCancelled:
      out.kind = sut::FutureWriteCancel::Kind::kCancelled;
      break;
  }
  out.value = ToAny(std::move(result.value));
  if (result.writer) out.writer = std::make_unique<CppFutureWriter<T>>(std::move(*result.writer));
  return out;
}

template <class T>
sut::FutureReadCancel CppFutureRead<T>::Cancel() {
  rt::FutureReadCancel<T> result = op_.Cancel();
  sut::FutureReadCancel out;
  out.kind = result.kind == rt::FutureReadCancel<T>::Kind::kReady
                 ? sut::FutureReadCancel::Kind::kReady
                 : sut::FutureReadCancel::Kind::kCancelled;
  out.value = ToAny(std::move(result.value));
  if (result.reader) out.reader = std::make_unique<CppFutureReader<T>>(std::move(*result.reader));
  return out;
}

// ---- streams

template <class T>
class CppStreamWriter final : public CppStreamWriterBase {
 public:
  explicit CppStreamWriter(rt::StreamWriter<T> end) : end_(std::move(end)) {}
  sut::Handle handle() const override { return end_.handle(); }
  std::unique_ptr<sut::StreamWrite> Write(std::vector<AnyPayload> values) override;
  std::unique_ptr<sut::StreamWriteAll> WriteAll(std::vector<AnyPayload> values) override;
  rt::Task WriteProgram(rt::Executor& executor, TaskRecord& task, StreamTaskReports& reports,
                        uint32_t count, bool* in_task) override {
    return StreamWriteTask<T>(executor, &task, &reports, std::move(end_), count, in_task);
  }

 private:
  rt::StreamWriter<T> end_;
};

template <class T>
class CppStreamReader final : public CppStreamReaderBase {
 public:
  explicit CppStreamReader(rt::StreamReader<T> end) : end_(std::move(end)) {}
  sut::Handle handle() const override { return end_.handle(); }
  std::unique_ptr<sut::StreamRead> Read(uint32_t capacity) override;
  rt::Task ReadProgram(rt::Executor& executor, TaskRecord& task, StreamTaskReports& reports,
                       uint32_t capacity, bool* in_task) override {
    return StreamReadTask<T>(executor, &task, &reports, std::move(end_), capacity, in_task);
  }

 private:
  rt::StreamReader<T> end_;
};

// A stream result for the guest: the end comes back with it.
template <class T>
sut::StreamWriteResult WithEnd(rt::StreamWriteResult<T>& result) {
  sut::StreamWriteResult out = Report(result);
  out.writer = std::make_unique<CppStreamWriter<T>>(std::move(result.writer));
  return out;
}
template <class T>
sut::StreamReadResult WithEnd(rt::StreamReadResult<T>& result) {
  sut::StreamReadResult out = Report(result);
  out.reader = std::make_unique<CppStreamReader<T>>(std::move(result.reader));
  return out;
}

template <class T>
class CppStreamWrite final : public sut::StreamWrite {
 public:
  CppStreamWrite(rt::StreamWriter<T>&& writer, std::vector<T> values)
      : op_(std::move(writer).Write(std::move(values))) {}
  sut::OpState state() const override { return ToOpState(op_.state()); }
  std::optional<sut::StreamWriteResult> Poll() override {
    std::optional<rt::StreamWriteResult<T>> result = op_.Poll(rt::Waker::Noop());
    if (!result) return std::nullopt;
    return WithEnd(*result);
  }
  sut::StreamWriteResult Cancel() override {
    rt::StreamWriteResult<T> result = op_.Cancel();
    return WithEnd(result);
  }

 private:
  rt::StreamWrite<T> op_;
};

template <class T>
class CppStreamWriteAll final : public sut::StreamWriteAll {
 public:
  CppStreamWriteAll(rt::StreamWriter<T>&& writer, std::vector<T> values)
      : op_(std::move(writer), std::move(values)) {}
  std::optional<sut::StreamWriteResult> Poll() override {
    std::optional<rt::StreamWriteResult<T>> result = op_.Poll(rt::Waker::Noop());
    if (!result) return std::nullopt;
    return WithEnd(*result);
  }

 private:
  rt::StreamWriteAll<T> op_;
};

template <class T>
class CppStreamRead final : public sut::StreamRead {
 public:
  CppStreamRead(rt::StreamReader<T>&& reader, uint32_t capacity)
      : op_(std::move(reader).Read(capacity)) {}
  sut::OpState state() const override { return ToOpState(op_.state()); }
  std::optional<sut::StreamReadResult> Poll() override {
    std::optional<rt::StreamReadResult<T>> result = op_.Poll(rt::Waker::Noop());
    if (!result) return std::nullopt;
    return WithEnd(*result);
  }
  sut::StreamReadResult Cancel() override {
    rt::StreamReadResult<T> result = op_.Cancel();
    return WithEnd(result);
  }

 private:
  rt::StreamRead<T> op_;
};

template <class T>
std::unique_ptr<sut::StreamWrite> CppStreamWriter<T>::Write(std::vector<AnyPayload> values) {
  return std::make_unique<CppStreamWrite<T>>(std::move(end_), FromAny<T>(std::move(values)));
}
template <class T>
std::unique_ptr<sut::StreamWriteAll> CppStreamWriter<T>::WriteAll(std::vector<AnyPayload> values) {
  return std::make_unique<CppStreamWriteAll<T>>(std::move(end_), FromAny<T>(std::move(values)));
}
template <class T>
std::unique_ptr<sut::StreamRead> CppStreamReader<T>::Read(uint32_t capacity) {
  return std::make_unique<CppStreamRead<T>>(std::move(end_), capacity);
}

}  // namespace fc::adapters::cpp

#endif  // FUTURECHECK_ADAPTERS_CPP_CPP_ENDS_H_
