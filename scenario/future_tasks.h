// The task programs of scenarios: C++20 coroutines run as export tasks on
// the runtime's executor, each awaiting future operations the way guest code
// would. A task reports every result to the slot of its future, which checks
// it against the model exactly like a result the guest polled by hand.
//
// Every `co_await` is a suspension point the scenario may cancel the task
// at (cancel-task): the frame is destroyed there, and what it owned (an
// operation in flight, a reader, a writer that never wrote) goes with it.
#ifndef FUTURECHECK_SCENARIO_FUTURE_TASKS_H_
#define FUTURECHECK_SCENARIO_FUTURE_TASKS_H_

#include <cstdint>
#include <optional>
#include <utility>

#include "runtime/coroutine.h"
#include "runtime/executor.h"
#include "runtime/future.h"
#include "scenario/task_record.h"

namespace fc::scenario {

// What a task tells the slot of the future it works on.
template <class T>
class FutureTaskReports {
 public:
  // A fresh value to write (the slot remembers it as the value written).
  virtual T MakeValue() = 0;
  // The slot now expects `value` to be the value written (a relay's).
  virtual void WillWrite(const T& value) = 0;
  // Checks a value the task read; Keep hands the slot one to hold.
  virtual void TaskRead(const TaskRecord& task, const T& value) = 0;
  virtual void Keep(T value) = 0;
  virtual void TaskWrote(const TaskRecord& task, rt::FutureWriteOutcome<T> outcome) = 0;

 protected:
  ~FutureTaskReports() = default;
};

template <class T>
rt::Task ReadTask(rt::Executor&, TaskRecord* task, FutureTaskReports<T>* slot,
                  rt::FutureReader<T> reader) {
  rt::FutureRead<T> read = std::move(reader).Read();
  task->step = 'r';
  T value = co_await rt::Await(read);
  task->step = 'e';
  slot->TaskRead(*task, value);
  slot->Keep(std::move(value));
}

template <class T>
rt::Task WriteTask(rt::Executor&, TaskRecord* task, FutureTaskReports<T>* slot,
                   rt::FutureWriter<T> writer) {
  task->step = 'y';
  co_await rt::Yield();
  rt::FutureWrite<T> write = std::move(writer).Write(slot->MakeValue());
  task->step = 'w';
  rt::FutureWriteOutcome<T> outcome = co_await rt::Await(write);
  task->step = 'e';
  slot->TaskWrote(*task, std::move(outcome));
}

template <class T>
rt::Task RelayTask(rt::Executor&, TaskRecord* task, FutureTaskReports<T>* from,
                   rt::FutureReader<T> reader, FutureTaskReports<T>* to,
                   rt::FutureWriter<T> writer) {
  rt::FutureRead<T> read = std::move(reader).Read();
  task->step = 'r';
  T value = co_await rt::Await(read);
  from->TaskRead(*task, value);
  to->WillWrite(value);
  rt::FutureWrite<T> write = std::move(writer).Write(std::move(value));
  task->step = 'w';
  rt::FutureWriteOutcome<T> outcome = co_await rt::Await(write);
  task->step = 'e';
  to->TaskWrote(*task, std::move(outcome));
}

// Awaits an operation the guest's slot owns (a `&mut` borrow in Rust): the
// operation outlives the task, and so may the task's waker inside it.
template <class Operation, class Report>
rt::Task AwaitTask(rt::Executor&, TaskRecord* task, Operation* op, bool* borrowed,
                   Report report) {
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

}  // namespace fc::scenario

#endif  // FUTURECHECK_SCENARIO_FUTURE_TASKS_H_
