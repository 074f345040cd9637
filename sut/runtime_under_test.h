// The runtime under test, behind one interface: what the harness asks of any
// guest-side bindings runtime for futures and streams, in the oracle's
// vocabulary. An adapter (adapters/<runtime>/) implements it over one
// runtime and defines MakeRuntime; a binary picks its runtime by the adapter
// it links, so the harness (model, mock host, ledgers, session, drivers)
// compiles once for every runtime and every seeded bug of the zoo.
//
//   std::unique_ptr<sut::Runtime> runtime = sut::MakeRuntime(environment);
//   sut::NewFuture f = runtime->CreateFuture(model::PayloadKind::kU32);
//   std::unique_ptr<sut::FutureWrite> write = f.writer->Write(value);
//   std::optional<sut::FutureWriteOutcome> outcome = write->Poll();
//
// A runtime panic (the runtime's own, documented failure) reaches the
// harness as a thrown sut::RuntimePanic, from any call here: the session
// installs the panic handler of the host seam (runtime/panic.h) that throws
// it, for as long as it lives. Everything
// under "inspection" is the runtime's report about itself: the oracle uses
// it only as a cross-check or to describe a state, never as the truth about
// what the host saw (the mock host and the ledgers are).
#ifndef FUTURECHECK_SUT_RUNTIME_UNDER_TEST_H_
#define FUTURECHECK_SUT_RUNTIME_UNDER_TEST_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "model/payloads.h"
#include "runtime/abi.h"
#include "runtime/task_observer.h"
#include "sut/channel_ends.h"
#include "sut/task_record.h"
#include "sut/task_reports.h"

namespace fc::sut {

// What a runtime panic turns into under the harness.
struct RuntimePanic {
  std::string message;
};

// What a runtime is made with: the host intrinsics it calls, how test
// payloads are made, lowered and lifted, and (inspection, optional) who is
// told about each task's life.
struct Environment {
  rt::HostAbi* host = nullptr;
  model::PayloadEnv payloads;
  rt::TaskObserver* task_observer = nullptr;
};

// A guest-created channel: the writer the guest keeps and the readable end
// it hands to the other side.
struct NewFuture {
  std::unique_ptr<FutureWriter> writer;
  Handle readable = rt::kNoHandle;
};
struct NewStream {
  std::unique_ptr<StreamWriter> writer;
  Handle readable = rt::kNoHandle;
};

// Inspection: a task whose frame lives.
struct TaskInfo {
  uint32_t id;         // spawn order, as the task observer numbers it
  uint32_t host_task;  // the export task it runs (0: background work)
  bool queued;
  bool would_progress;  // what it awaits would make progress if polled
};

class Runtime {
 public:
  virtual ~Runtime() noexcept(false) = default;

  // Which runtime this is ("futurecheck C++ runtime", "zoo: kNoDefaultWrite").
  virtual std::string name() const = 0;
  // The most elements one stream copy may move: the harness lowers the
  // spec's limit on both sides so scenarios can exceed it cheaply.
  virtual void SetMaxCopyLength(uint32_t n) = 0;
  // Several runtimes may be alive at once on one thread (the property
  // suite's model runs a session next to the one under test) and go away in
  // any order. A runtime that reaches its host through thread- or
  // process-global state (a C runtime calling cabi's functions) points that
  // state at its own host here; the harness calls it before each of its
  // calls into this runtime and its ends. Nothing to do for a runtime that
  // holds its host itself.
  virtual void MakeCurrent() {}

  // ---- channels
  virtual NewFuture CreateFuture(model::PayloadKind kind) = 0;
  virtual NewStream CreateStream(model::PayloadKind kind) = 0;
  // The guest receives the readable end `handle` from the other side.
  virtual std::unique_ptr<FutureReader> ReceiveFuture(model::PayloadKind kind, Handle handle) = 0;
  virtual std::unique_ptr<StreamReader> ReceiveStream(model::PayloadKind kind, Handle handle) = 0;

  // ---- the event loop (the callback ABI)
  virtual Handle waitable_set() const = 0;
  // waitable-set.wait on the runtime's set, and the event dispatched; only
  // called when the host has an event for that set.
  virtual void WaitForEvent() = 0;
  // The host's event entry point (a TASK_CANCELLED, say), then a turn.
  virtual void Dispatch(const rt::Event& event) = 0;
  // One turn of the task loop (a callback's body); a runtime whose turn
  // leaves tasks queued polls its set before it returns.
  virtual void RunTasks() = 0;
  // Whether tasks are queued: what the callback returns, YIELD (true: the
  // host calls it again with no event) or WAIT (false: it waits on its set).
  virtual bool HasQueuedTasks() const = 0;
  // Drops every task and the waitable set (teardown, before the ledgers
  // are checked).
  virtual void Shutdown() = 0;

  // ---- task programs, each run as the export task `task.host_task`. A
  // program reports every result to `reports`; one that takes an end keeps
  // it until its frame ends. A runtime without an executor (the C runtime)
  // says so here, and its Spawn* methods throw std::logic_error: the
  // harness then offers no task actions.
  virtual bool RunsTaskPrograms() const = 0;
  virtual void SpawnFutureRead(TaskRecord& task, FutureTaskReports& reports,
                               std::unique_ptr<FutureReader> reader) = 0;
  // Yields once, then writes a fresh value.
  virtual void SpawnFutureWrite(TaskRecord& task, FutureTaskReports& reports,
                                std::unique_ptr<FutureWriter> writer) = 0;
  // Reads from one future and writes what it read to another.
  virtual void SpawnFutureRelay(TaskRecord& task, FutureTaskReports& from,
                                std::unique_ptr<FutureReader> reader, FutureTaskReports& to,
                                std::unique_ptr<FutureWriter> writer) = 0;
  // Yields, drops the writer unwritten (its default write starts inside
  // this task's poll), yields again.
  virtual void SpawnFutureDropWriter(TaskRecord& task, std::unique_ptr<FutureWriter> writer) = 0;
  // Awaits an operation the guest keeps (a `&mut` borrow): `*borrowed` is
  // true while the task's frame lives.
  virtual void SpawnAwaitRead(TaskRecord& task, FutureTaskReports& reports, FutureRead& read,
                              bool* borrowed) = 0;
  virtual void SpawnAwaitWrite(TaskRecord& task, FutureTaskReports& reports, FutureWrite& write,
                               bool* borrowed) = 0;
  // A producer: yields, one write-all of `count` fresh values, then the
  // writer goes with the frame. `*in_task` is true while the frame lives.
  virtual void SpawnStreamWrite(TaskRecord& task, StreamTaskReports& reports,
                                std::unique_ptr<StreamWriter> writer, uint32_t count,
                                bool* in_task) = 0;
  // A consumer: reads chunks of up to `capacity`, yielding after each,
  // until the writer is gone.
  virtual void SpawnStreamRead(TaskRecord& task, StreamTaskReports& reports,
                               std::unique_ptr<StreamReader> reader, uint32_t capacity,
                               bool* in_task) = 0;
  // Yields forever.
  virtual void SpawnSpin(TaskRecord& task) = 0;

  // ---- inspection
  virtual std::vector<TaskInfo> LiveTasks() const = 0;
  // Waitables the runtime still waits on for events (0 once all settled).
  virtual size_t RegisteredWaitables() const = 0;
};

// Defined by the adapter the binary links (adapters/cpp for futurecheck's
// own runtime; zoo variants link the same adapter over a patched runtime).
std::unique_ptr<Runtime> MakeRuntime(const Environment& environment);
// The name of the runtime MakeRuntime makes, without making one (reports).
std::string LinkedRuntimeName();
// Whether it runs the scenarios' task programs, without making one (tests
// that replay stored scenarios leave task scenarios out when it does not).
bool LinkedRuntimeRunsTaskPrograms();

}  // namespace fc::sut

#endif  // FUTURECHECK_SUT_RUNTIME_UNDER_TEST_H_
