// The task programs of scenarios, written against futurecheck's C++ runtime:
// C++20 coroutines run as export tasks on its executor, each awaiting future
// and stream operations the way guest code would. A program reports every
// result to the harness (sut/task_reports.h), which checks it against the
// model exactly like a result the guest polled by hand.
//
// Every `co_await` is a suspension point the scenario may cancel the task
// at (cancel-task): the frame is destroyed there, and what it owned (an
// operation in flight, a reader, a writer that never wrote) goes with it.
#ifndef FUTURECHECK_ADAPTERS_CPP_TASK_PROGRAMS_H_
#define FUTURECHECK_ADAPTERS_CPP_TASK_PROGRAMS_H_

#include <cstdint>
#include <optional>
#include <utility>

#include "adapters/cpp/payload_conversions.h"
#include "runtime/coroutine.h"
#include "runtime/executor.h"
#include "runtime/future.h"
#include "runtime/stream.h"
#include "sut/task_record.h"
#include "sut/task_reports.h"

namespace fc::adapters::cpp {

using sut::BorrowGuard;
using sut::FutureTaskReports;
using sut::StreamTaskReports;
using sut::TaskRecord;

template <class T>
sut::FutureWriteOutcome ToOutcome(rt::FutureWriteOutcome<T> outcome) {
  return sut::FutureWriteOutcome{outcome.written, ToAny(std::move(outcome.value))};
}

template <class T>
rt::Task ReadTask(rt::Executor&, TaskRecord* task, FutureTaskReports* slot,
                  rt::FutureReader<T> reader) {
  rt::FutureRead<T> read = std::move(reader).Read();
  task->step = 'r';
  AnyPayload value = ToAny(co_await rt::Await(read));
  task->step = 'e';
  slot->TaskRead(*task, value);
  slot->Keep(std::move(value));
}

template <class T>
rt::Task WriteTask(rt::Executor&, TaskRecord* task, FutureTaskReports* slot,
                   rt::FutureWriter<T> writer) {
  task->step = 'y';
  co_await rt::Yield();
  rt::FutureWrite<T> write = std::move(writer).Write(FromAny<T>(slot->MakeValue()));
  task->step = 'w';
  rt::FutureWriteOutcome<T> outcome = co_await rt::Await(write);
  task->step = 'e';
  slot->TaskWrote(*task, ToOutcome(std::move(outcome)));
}

template <class T>
rt::Task RelayTask(rt::Executor&, TaskRecord* task, FutureTaskReports* from,
                   rt::FutureReader<T> reader, FutureTaskReports* to, rt::FutureWriter<T> writer) {
  rt::FutureRead<T> read = std::move(reader).Read();
  task->step = 'r';
  AnyPayload value = ToAny(co_await rt::Await(read));
  from->TaskRead(*task, value);
  to->WillWrite(value);
  rt::FutureWrite<T> write = std::move(writer).Write(FromAny<T>(std::move(value)));
  task->step = 'w';
  rt::FutureWriteOutcome<T> outcome = co_await rt::Await(write);
  task->step = 'e';
  to->TaskWrote(*task, ToOutcome(std::move(outcome)));
}

// Awaits an operation the guest's slot owns (a `&mut` borrow in Rust): the
// operation outlives the task, and so may the task's waker inside it.
template <class Operation, class Report>
rt::Task AwaitTask(rt::Executor&, TaskRecord* task, Operation* op, bool* borrowed, Report report) {
  BorrowGuard guard(borrowed);
  task->step = 'a';
  auto result = co_await rt::Await(*op);
  task->step = 'e';
  report(*task, std::move(result));
}

template <class T>
rt::Task DropWriterTask(rt::Executor&, TaskRecord* task, rt::FutureWriter<T> writer) {
  std::optional<rt::FutureWriter<T>> held(std::move(writer));
  task->step = 'y';
  co_await rt::Yield();
  held.reset();  // never wrote: the runtime starts the default write, inside this poll
  task->step = 'y';
  co_await rt::Yield();
  task->step = 'e';
}

inline rt::Task SpinTask(rt::Executor&, TaskRecord* task) {
  for (;;) {
    task->step = 'y';
    co_await rt::Yield();
  }
}

// A stream result for the harness; the end stays with the task.
template <class T>
sut::StreamWriteResult Report(rt::StreamWriteResult<T>& result) {
  return sut::StreamWriteResult{result.result, result.sent, ToAny(std::move(result.unsent)),
                                nullptr};
}
template <class T>
sut::StreamReadResult Report(rt::StreamReadResult<T>& result) {
  return sut::StreamReadResult{result.result, ToAny(std::move(result.values)), nullptr};
}

// A producer: one write-all of `count` values (more than the copy limit
// means several copies, each awaited), then the writer is dropped.
template <class T>
rt::Task StreamWriteTask(rt::Executor&, TaskRecord* task, StreamTaskReports* slot,
                         rt::StreamWriter<T> writer, uint32_t count, bool* in_task) {
  BorrowGuard guard(in_task);
  task->step = 'y';
  co_await rt::Yield();
  rt::StreamWriteAll<T> write(std::move(writer), FromAny<T>(slot->Offer(*task, count)));
  task->step = 'w';
  rt::StreamWriteResult<T> result = co_await rt::Await(write);
  task->step = 'e';
  sut::StreamWriteResult report = Report(result);
  slot->TaskWrote(*task, report);
}  // result.writer goes with the frame: the stream ends

// A consumer: reads chunks of up to `capacity`, yielding after each, until
// the writer is gone.
template <class T>
rt::Task StreamReadTask(rt::Executor&, TaskRecord* task, StreamTaskReports* slot,
                        rt::StreamReader<T> reader, uint32_t capacity, bool* in_task) {
  BorrowGuard guard(in_task);
  std::optional<rt::StreamReader<T>> held(std::move(reader));
  for (;;) {
    rt::StreamRead<T> read = std::move(*held).Read(capacity);
    held.reset();
    task->step = 'r';
    rt::StreamReadResult<T> result = co_await rt::Await(read);
    sut::StreamReadResult report = Report(result);
    slot->TaskRead(*task, report);
    held.emplace(std::move(result.reader));
    if (result.result == rt::CopyResult::kDropped) break;
    // A fair consumer yields after each chunk: reads that complete at once
    // would otherwise loop inside one poll for as long as the writer writes.
    task->step = 'y';
    co_await rt::Yield();
  }
  task->step = 'e';
}

}  // namespace fc::adapters::cpp

#endif  // FUTURECHECK_ADAPTERS_CPP_TASK_PROGRAMS_H_
