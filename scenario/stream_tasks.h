// The task programs of scenarios over streams: coroutines that own a stream
// end and co_await its copies, as a guest's producer or consumer task would.
// Like the future programs (scenario/future_tasks.h), each reports every
// result to its stream's slot, which checks it element by element against
// the model; cancel-task destroys the frame at whichever co_await it is
// suspended on, and the copy in flight is cancelled by its own destructor.
#ifndef FUTURECHECK_SCENARIO_STREAM_TASKS_H_
#define FUTURECHECK_SCENARIO_STREAM_TASKS_H_

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "runtime/coroutine.h"
#include "runtime/executor.h"
#include "runtime/stream.h"
#include "scenario/task_record.h"

namespace fc::scenario {

// What a task tells the slot of the stream it works on.
template <class T>
class StreamTaskReports {
 public:
  // `count` fresh values for a write; the slot remembers them as offered.
  virtual std::vector<T> Offer(const TaskRecord& task, uint32_t count) = 0;
  // Check a finished write or read and keep what it handed back (unsent
  // elements, elements read); the end itself stays with the task.
  virtual void TaskWrote(const TaskRecord& task, rt::StreamWriteResult<T>& result) = 0;
  virtual void TaskRead(const TaskRecord& task, rt::StreamReadResult<T>& result) = 0;

 protected:
  ~StreamTaskReports() = default;
};

// A producer: one write-all of `count` values (more than the copy limit
// means several copies, each awaited), then the writer is dropped.
template <class T>
rt::Task StreamWriteTask(rt::Executor&, TaskRecord* task, StreamTaskReports<T>* slot,
                         rt::StreamWriter<T> writer, uint32_t count, bool* in_task) {
  BorrowGuard guard(in_task);
  task->step = 'y';
  co_await rt::Yield();
  rt::StreamWriteAll<T> write(std::move(writer), slot->Offer(*task, count));
  task->step = 'w';
  rt::StreamWriteResult<T> result = co_await rt::Await(write);
  task->step = 'e';
  slot->TaskWrote(*task, result);
}  // result.writer goes with the frame: the stream ends

// A consumer: reads chunks of up to `capacity`, yielding after each, until
// the writer is gone.
template <class T>
rt::Task StreamReadTask(rt::Executor&, TaskRecord* task, StreamTaskReports<T>* slot,
                        rt::StreamReader<T> reader, uint32_t capacity, bool* in_task) {
  BorrowGuard guard(in_task);
  std::optional<rt::StreamReader<T>> held(std::move(reader));
  for (;;) {
    rt::StreamRead<T> read = std::move(*held).Read(capacity);
    held.reset();
    task->step = 'r';
    rt::StreamReadResult<T> result = co_await rt::Await(read);
    slot->TaskRead(*task, result);
    held.emplace(std::move(result.reader));
    if (result.result == rt::CopyResult::kDropped) break;
    // A fair consumer yields after each chunk: reads that complete at once
    // would otherwise loop inside one poll for as long as the writer writes.
    task->step = 'y';
    co_await rt::Yield();
  }
  task->step = 'e';
}

}  // namespace fc::scenario

#endif  // FUTURECHECK_SCENARIO_STREAM_TASKS_H_
