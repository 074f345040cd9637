// futurecheck's own C++ runtime (runtime/) behind the runtime-under-test
// interface: the only code that instantiates the runtime's templates. Zoo
// variants compile this same file against a patched copy of the runtime.
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "adapters/cpp/cpp_ends.h"
#include "adapters/cpp/task_programs.h"
#include "model/payloads.h"
#include "runtime/coroutine.h"
#include "runtime/future.h"
#include "runtime/runtime.h"
#include "runtime/stream.h"
#include "sut/runtime_under_test.h"

// A zoo build names its seeded bug (see zoo/BUILD.bazel).
#ifndef FUTURECHECK_RUNTIME_NAME
#define FUTURECHECK_RUNTIME_NAME "futurecheck C++ runtime"
#endif

namespace fc::adapters::cpp {
namespace {

class CppRuntime final : public sut::Runtime {
 public:
  explicit CppRuntime(const sut::Environment& env)
      : env_(env.payloads),
        runtime_(*env.host),
        u32_abi_(env_),
        string_abi_(env_),
        resource_abi_(env_),
        record_abi_(env_) {
    if (env.task_observer != nullptr) runtime_.executor().set_observer(env.task_observer);
  }

  std::string name() const override { return sut::LinkedRuntimeName(); }
  void SetMaxCopyLength(uint32_t n) override { runtime_.set_max_copy_length(n); }
  bool RunsTaskPrograms() const override { return sut::LinkedRuntimeRunsTaskPrograms(); }

  sut::NewFuture CreateFuture(model::PayloadKind kind) override {
    return model::WithPayloadType(kind, [&](auto* tag) {
      using T = std::remove_pointer_t<decltype(tag)>;
      model::PayloadEnv env = env_;
      rt::FutureEnds<T> ends = rt::FutureNew<T>(
          runtime_, Abi(tag), [env] { return model::PayloadTraits<T>::Make(env, 0); });
      sut::NewFuture out;
      out.readable = std::move(ends.reader).TakeHandle();
      out.writer = std::make_unique<CppFutureWriter<T>>(std::move(ends.writer));
      return out;
    });
  }
  sut::NewStream CreateStream(model::PayloadKind kind) override {
    return model::WithPayloadType(kind, [&](auto* tag) {
      using T = std::remove_pointer_t<decltype(tag)>;
      rt::StreamEnds<T> ends = rt::StreamNew<T>(runtime_, Abi(tag));
      sut::NewStream out;
      out.readable = std::move(ends.reader).TakeHandle();
      out.writer = std::make_unique<CppStreamWriter<T>>(std::move(ends.writer));
      return out;
    });
  }
  std::unique_ptr<sut::FutureReader> ReceiveFuture(model::PayloadKind kind,
                                                   sut::Handle handle) override {
    return model::WithPayloadType(kind, [&](auto* tag) -> std::unique_ptr<sut::FutureReader> {
      using T = std::remove_pointer_t<decltype(tag)>;
      return std::make_unique<CppFutureReader<T>>(rt::FutureReader<T>(runtime_, Abi(tag), handle));
    });
  }
  std::unique_ptr<sut::StreamReader> ReceiveStream(model::PayloadKind kind,
                                                   sut::Handle handle) override {
    return model::WithPayloadType(kind, [&](auto* tag) -> std::unique_ptr<sut::StreamReader> {
      using T = std::remove_pointer_t<decltype(tag)>;
      return std::make_unique<CppStreamReader<T>>(rt::StreamReader<T>(runtime_, Abi(tag), handle));
    });
  }

  sut::Handle waitable_set() const override { return runtime_.waitable_set(); }
  void WaitForEvent() override { runtime_.WaitForEvent(); }
  void Dispatch(const rt::Event& event) override { runtime_.Dispatch(event); }
  void RunTasks() override { runtime_.RunTasks(); }
  bool HasQueuedTasks() const override {
    return const_cast<rt::Runtime&>(runtime_).executor().has_queued();
  }
  void Shutdown() override { runtime_.Shutdown(); }

  void SpawnFutureRead(TaskRecord& task, FutureTaskReports& reports,
                       std::unique_ptr<sut::FutureReader> reader) override {
    Spawn(task, Typed<CppFutureReaderBase>(*reader).ReadProgram(executor(), task, reports));
  }
  void SpawnFutureWrite(TaskRecord& task, FutureTaskReports& reports,
                        std::unique_ptr<sut::FutureWriter> writer) override {
    Spawn(task, Typed<CppFutureWriterBase>(*writer).WriteProgram(executor(), task, reports));
  }
  void SpawnFutureRelay(TaskRecord& task, FutureTaskReports& from,
                        std::unique_ptr<sut::FutureReader> reader, FutureTaskReports& to,
                        std::unique_ptr<sut::FutureWriter> writer) override {
    Spawn(task,
          Typed<CppFutureReaderBase>(*reader).RelayProgram(executor(), task, from, to, *writer));
  }
  void SpawnFutureDropWriter(TaskRecord& task, std::unique_ptr<sut::FutureWriter> writer) override {
    Spawn(task, Typed<CppFutureWriterBase>(*writer).DropProgram(executor(), task));
  }
  void SpawnAwaitRead(TaskRecord& task, FutureTaskReports& reports, sut::FutureRead& read,
                      bool* borrowed) override {
    Spawn(task, Typed<AwaitableOperation>(read).AwaitProgram(executor(), task, reports, borrowed));
  }
  void SpawnAwaitWrite(TaskRecord& task, FutureTaskReports& reports, sut::FutureWrite& write,
                       bool* borrowed) override {
    Spawn(task, Typed<AwaitableOperation>(write).AwaitProgram(executor(), task, reports, borrowed));
  }
  void SpawnStreamWrite(TaskRecord& task, StreamTaskReports& reports,
                        std::unique_ptr<sut::StreamWriter> writer, uint32_t count,
                        bool* in_task) override {
    Spawn(task, Typed<CppStreamWriterBase>(*writer).WriteProgram(executor(), task, reports, count,
                                                                 in_task));
  }
  void SpawnStreamRead(TaskRecord& task, StreamTaskReports& reports,
                       std::unique_ptr<sut::StreamReader> reader, uint32_t capacity,
                       bool* in_task) override {
    Spawn(task, Typed<CppStreamReaderBase>(*reader).ReadProgram(executor(), task, reports, capacity,
                                                                in_task));
  }
  void SpawnSpin(TaskRecord& task) override { Spawn(task, SpinTask(executor(), &task)); }

  std::vector<sut::TaskInfo> LiveTasks() const override {
    std::vector<sut::TaskInfo> out;
    for (const rt::Executor::TaskInfo& t :
         const_cast<rt::Runtime&>(runtime_).executor().LiveTasks()) {
      out.push_back(sut::TaskInfo{t.id, t.host_task, t.queued, t.would_progress});
    }
    return out;
  }
  size_t RegisteredWaitables() const override { return runtime_.registered_waitables(); }

 private:
  // The harness only hands this runtime the ends and operations it made.
  template <class Base, class Object>
  static Base& Typed(Object& object) {
    return dynamic_cast<Base&>(object);
  }

  rt::Executor& executor() { return runtime_.executor(); }
  void Spawn(const TaskRecord& task, rt::Task frame) {
    executor().SpawnFrame(std::move(frame).Release(), task.host_task);
  }

  rt::PayloadAbi<model::U32Payload>& Abi(model::U32Payload*) { return u32_abi_; }
  rt::PayloadAbi<model::StringPayload>& Abi(model::StringPayload*) { return string_abi_; }
  rt::PayloadAbi<model::ResourcePayload>& Abi(model::ResourcePayload*) { return resource_abi_; }
  rt::PayloadAbi<model::RecordPayload>& Abi(model::RecordPayload*) { return record_abi_; }

  model::PayloadEnv env_;
  rt::Runtime runtime_;
  model::TestPayloadAbi<model::U32Payload> u32_abi_;
  model::TestPayloadAbi<model::StringPayload> string_abi_;
  model::TestPayloadAbi<model::ResourcePayload> resource_abi_;
  model::TestPayloadAbi<model::RecordPayload> record_abi_;
};

}  // namespace
}  // namespace fc::adapters::cpp

namespace fc::sut {

std::unique_ptr<Runtime> MakeRuntime(const Environment& environment) {
  return std::make_unique<adapters::cpp::CppRuntime>(environment);
}

std::string LinkedRuntimeName() { return FUTURECHECK_RUNTIME_NAME; }
bool LinkedRuntimeRunsTaskPrograms() { return true; }

}  // namespace fc::sut
