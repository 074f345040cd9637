// A host that breaks the ABI on purpose. Each case makes one intrinsic
// return what the spec never allows there (or hands the runtime an event it
// cannot be waiting for), and the C++ runtime must stop with its panic, the
// documented reaction to a host it cannot trust, naming what went wrong,
// rather than carry on with a corrupt state. The mock host follows the
// spec, so no other driver reaches these panics; tools/coverage.sh runs
// this test for them.
#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/choice_source.h"
#include "model/mock_host.h"
#include "model/payloads.h"
#include "model/task_ledger.h"
#include "model/trace.h"
#include "model/violation.h"
#include "runtime/abi.h"
#include "runtime/panic.h"
#include "runtime/return_code.h"
#include "sut/runtime_under_test.h"

namespace fc::adapters::cpp {
namespace {

using rt::CopyResult;
using rt::EventCode;
using rt::Handle;
using rt::ReturnCode;

// Forwards every intrinsic to the mock host, except the one named by
// LieAt: its first call after that returns `code` instead of the truth.
class LyingHost final : public rt::HostAbi {
 public:
  explicit LyingHost(rt::HostAbi& real) : real_(&real) {}
  void LieAt(std::string call, uint32_t code) {
    call_ = std::move(call);
    code_ = code;
  }

  void* Alloc(size_t size, size_t align) override { return real_->Alloc(size, align); }
  void Free(void* ptr, size_t size, size_t align) override { real_->Free(ptr, size, align); }
  uint64_t FutureNew(rt::FutureTypeId type) override { return real_->FutureNew(type); }
  uint32_t FutureRead(rt::FutureTypeId type, Handle readable, void* ptr) override {
    return Answer("future.read", real_->FutureRead(type, readable, ptr));
  }
  uint32_t FutureWrite(rt::FutureTypeId type, Handle writable, const void* ptr) override {
    return Answer("future.write", real_->FutureWrite(type, writable, ptr));
  }
  uint32_t FutureCancelRead(rt::FutureTypeId type, Handle readable) override {
    return Answer("future.cancel-read", real_->FutureCancelRead(type, readable));
  }
  uint32_t FutureCancelWrite(rt::FutureTypeId type, Handle writable) override {
    return Answer("future.cancel-write", real_->FutureCancelWrite(type, writable));
  }
  void FutureDropReadable(rt::FutureTypeId type, Handle readable) override {
    real_->FutureDropReadable(type, readable);
  }
  void FutureDropWritable(rt::FutureTypeId type, Handle writable) override {
    real_->FutureDropWritable(type, writable);
  }
  uint64_t StreamNew(rt::StreamTypeId type) override { return real_->StreamNew(type); }
  uint32_t StreamRead(rt::StreamTypeId type, Handle readable, void* ptr, uint32_t n) override {
    return Answer("stream.read", real_->StreamRead(type, readable, ptr, n));
  }
  uint32_t StreamWrite(rt::StreamTypeId type, Handle writable, const void* ptr,
                       uint32_t n) override {
    return Answer("stream.write", real_->StreamWrite(type, writable, ptr, n));
  }
  uint32_t StreamCancelRead(rt::StreamTypeId type, Handle readable) override {
    return Answer("stream.cancel-read", real_->StreamCancelRead(type, readable));
  }
  uint32_t StreamCancelWrite(rt::StreamTypeId type, Handle writable) override {
    return Answer("stream.cancel-write", real_->StreamCancelWrite(type, writable));
  }
  void StreamDropReadable(rt::StreamTypeId type, Handle readable) override {
    real_->StreamDropReadable(type, readable);
  }
  void StreamDropWritable(rt::StreamTypeId type, Handle writable) override {
    real_->StreamDropWritable(type, writable);
  }
  Handle WaitableSetNew() override { return real_->WaitableSetNew(); }
  void WaitableSetDrop(Handle set) override { real_->WaitableSetDrop(set); }
  void WaitableJoin(Handle waitable, Handle set) override { real_->WaitableJoin(waitable, set); }
  rt::Event WaitableSetWait(Handle set) override { return real_->WaitableSetWait(set); }
  rt::Event WaitableSetPoll(Handle set) override { return real_->WaitableSetPoll(set); }
  void TaskReturn(uint32_t task) override { real_->TaskReturn(task); }
  void TaskCancel(uint32_t task) override { real_->TaskCancel(task); }
  Handle ResourceNew() override { return real_->ResourceNew(); }
  void ResourceDrop(Handle handle) override { real_->ResourceDrop(handle); }

 private:
  uint32_t Answer(std::string_view call, uint32_t truth) {
    if (call != call_) return truth;
    call_.clear();
    return code_;
  }

  rt::HostAbi* real_;
  std::string call_;
  uint32_t code_ = 0;
};

struct RuntimePanicked {
  std::string message;
};
void ThrowPanic(std::string_view message) { throw RuntimePanicked{std::string(message)}; }

// One runtime over a lying host. After a panic the runtime's state is
// unknown, so a world that saw one is parked (kept, never torn down), as
// the scenario engine parks a failed run.
struct LieWorld {
  LieWorld()
      : host(trace, log, choices),
        liar(host),
        tasks_ledger(log, trace),
        runtime(sut::MakeRuntime(sut::Environment{
            &liar, model::PayloadEnv{&liar, host.payload_env().values, host.payload_env().reps},
            &tasks_ledger})) {
    runtime->SetMaxCopyLength(4);
    host.set_max_copy_length(4);
  }
  model::AnyPayload U32(uint32_t serial) {
    return model::MakePayload(model::PayloadKind::kU32, host.payload_env(), serial);
  }

  model::PassiveChoices choices;
  model::Trace trace;
  model::ViolationLog log;
  model::MockHost host;
  LyingHost liar;
  model::TaskLedger tasks_ledger;
  std::unique_ptr<sut::Runtime> runtime;
};

struct ParkedWorld {
  std::unique_ptr<LieWorld> world;
  std::vector<std::shared_ptr<void>> kept;
};
std::vector<ParkedWorld>& Parked() {
  static auto* parked = new std::vector<ParkedWorld>;
  return *parked;
}

class LyingHostTest : public testing::Test {
 protected:
  void SetUp() override { previous_ = rt::SetPanicHandler(&ThrowPanic); }
  void TearDown() override { rt::SetPanicHandler(previous_); }

  // Runs `body` on a fresh world and expects the runtime to panic with a
  // message containing `expected`. Anything else the body makes (ends,
  // operations) must be moved into `keep`, which is parked with the world.
  void ExpectPanic(
      const std::string& expected,
      const std::function<void(LieWorld&, std::vector<std::shared_ptr<void>>&)>& body) {
    auto world = std::make_unique<LieWorld>();
    std::vector<std::shared_ptr<void>> keep;
    try {
      body(*world, keep);
      ADD_FAILURE() << "no panic; expected one saying: " << expected;
    } catch (const RuntimePanicked& panic) {
      EXPECT_NE(panic.message.find(expected), std::string::npos)
          << "panic: " << panic.message << "\nexpected it to say: " << expected;
    }
    Parked().push_back(ParkedWorld{std::move(world), std::move(keep)});
  }

 private:
  rt::PanicHandler previous_ = nullptr;
};

// Parks what `p` owns with the world (never destroyed: its destructor
// would call into a runtime that panicked) and returns it.
template <class T>
T* Keep(std::unique_ptr<T> p, std::vector<std::shared_ptr<void>>& keep) {
  T* raw = p.release();
  keep.push_back(std::shared_ptr<void>(raw, [](void*) {}));
  return raw;
}

uint32_t Code(CopyResult result, uint32_t count = 0) { return ReturnCode::Encode(result, count); }

using Kept = std::vector<std::shared_ptr<void>>;

// The guest's operations, each started on a fresh end and polled once.
void PollFutureWrite(LieWorld& w, Kept& keep) {
  sut::FutureWriter* writer = Keep(w.runtime->CreateFuture(model::PayloadKind::kU32).writer, keep);
  Keep(writer->Write(w.U32(1)), keep)->Poll();
}
void PollFutureRead(LieWorld& w, Kept& keep) {
  const Handle readable = w.host.Receive(model::ChannelKind::kFuture, model::PayloadKind::kU32);
  sut::FutureReader* reader =
      Keep(w.runtime->ReceiveFuture(model::PayloadKind::kU32, readable), keep);
  Keep(reader->Read(), keep)->Poll();
}
void PollStreamWrite(LieWorld& w, Kept& keep) {
  sut::StreamWriter* writer = Keep(w.runtime->CreateStream(model::PayloadKind::kU32).writer, keep);
  std::vector<model::AnyPayload> values;
  values.push_back(w.U32(1));
  Keep(writer->Write(std::move(values)), keep)->Poll();
}
void PollStreamRead(LieWorld& w, Kept& keep) {
  const Handle readable = w.host.Receive(model::ChannelKind::kStream, model::PayloadKind::kU32);
  sut::StreamReader* reader =
      Keep(w.runtime->ReceiveStream(model::PayloadKind::kU32, readable), keep);
  Keep(reader->Read(2), keep)->Poll();
}

// One lie told to one operation: the intrinsic, the code it returns, and
// what the runtime's panic must say.
struct Lie {
  const char* name;
  void (*operation)(LieWorld&, Kept&);
  const char* intrinsic;
  uint32_t code;
  const char* panic;
};

const Lie kLies[] = {
    {"FutureWriteCancelledWithoutACancel", PollFutureWrite, "future.write",
     Code(CopyResult::kCancelled), "future.write reported CANCELLED without a cancel"},
    {"FutureReadDropped", PollFutureRead, "future.read", Code(CopyResult::kDropped),
     "future.read returned DROPPED"},
    {"FutureReadCancelledWithoutACancel", PollFutureRead, "future.read",
     Code(CopyResult::kCancelled), "future.read reported CANCELLED without a cancel"},
    {"FutureCodeWithACount", PollFutureWrite, "future.write", Code(CopyResult::kCompleted, 1),
     "carries a count"},
    {"UnknownReturnCode", PollFutureWrite, "future.write", 0x7, "unknown async return code"},
    {"StreamWriteCopiedMoreThanOffered", PollStreamWrite, "stream.write",
     Code(CopyResult::kCompleted, 3), "more elements copied than were offered"},
    {"StreamWriteCancelledWithoutACancel", PollStreamWrite, "stream.write",
     Code(CopyResult::kCancelled), "stream.write reported CANCELLED without a cancel"},
    {"StreamReadMoreThanTheBufferHolds", PollStreamRead, "stream.read",
     Code(CopyResult::kCompleted, 3), "more elements than the buffer holds"},
    {"StreamReadCancelledWithoutACancel", PollStreamRead, "stream.read",
     Code(CopyResult::kCancelled), "stream.read reported CANCELLED without a cancel"},
};

class LyingIntrinsicTest : public LyingHostTest, public testing::WithParamInterface<Lie> {};

TEST_P(LyingIntrinsicTest, RuntimePanicsNamingIt) {
  const Lie& lie = GetParam();
  ExpectPanic(lie.panic, [&](LieWorld& w, Kept& keep) {
    w.liar.LieAt(lie.intrinsic, lie.code);
    lie.operation(w, keep);
  });
}

INSTANTIATE_TEST_SUITE_P(Lies, LyingIntrinsicTest, testing::ValuesIn(kLies),
                         [](const testing::TestParamInfo<Lie>& info) { return info.param.name; });

// A future write left in flight (the host says BLOCKED); its writable end.
std::pair<sut::FutureWrite*, Handle> BlockedFutureWrite(LieWorld& w, Kept& keep) {
  sut::FutureWriter* writer = Keep(w.runtime->CreateFuture(model::PayloadKind::kU32).writer, keep);
  const Handle writable = writer->handle();
  w.liar.LieAt("future.write", rt::kBlocked);
  sut::FutureWrite* write = Keep(writer->Write(w.U32(1)), keep);
  write->Poll();
  return {write, writable};
}

TEST_F(LyingHostTest, SynchronousCancelBlocked) {
  ExpectPanic("synchronous cancel returned BLOCKED", [](LieWorld& w, Kept& keep) {
    sut::FutureWrite* write = BlockedFutureWrite(w, keep).first;
    w.liar.LieAt("future.cancel-write", rt::kBlocked);
    write->Cancel();
  });
}

TEST_F(LyingHostTest, EventForAWaitableWithNothingInFlight) {
  ExpectPanic("which has no operation in flight", [](LieWorld& w, Kept& keep) {
    sut::FutureWriter* writer =
        Keep(w.runtime->CreateFuture(model::PayloadKind::kU32).writer, keep);
    w.runtime->Dispatch(
        rt::Event{EventCode::kFutureWrite, writer->handle(), Code(CopyResult::kCompleted)});
  });
}

TEST_F(LyingHostTest, EventOfTheWrongKind) {
  ExpectPanic("which waits for", [](LieWorld& w, Kept& keep) {
    const Handle writable = BlockedFutureWrite(w, keep).second;
    w.runtime->Dispatch(rt::Event{EventCode::kFutureRead, writable, Code(CopyResult::kCompleted)});
  });
}

// The runtime takes an end out of its set (and forgets its slot) at the
// first event, so a second event for the same copy finds no operation in
// flight; the "second event before the first was consumed" check in
// Runtime::Dispatch is no longer reachable by any host.
TEST_F(LyingHostTest, SecondEventForTheSameCopy) {
  ExpectPanic("which has no operation in flight", [](LieWorld& w, Kept& keep) {
    const Handle writable = BlockedFutureWrite(w, keep).second;
    const rt::Event event{EventCode::kFutureWrite, writable, Code(CopyResult::kCompleted)};
    w.runtime->Dispatch(event);
    w.runtime->Dispatch(event);
  });
}

TEST_F(LyingHostTest, TaskCancelledForNoTask) {
  ExpectPanic("which runs no task", [](LieWorld& w, Kept&) {
    w.runtime->Dispatch(rt::Event{EventCode::kTaskCancelled, 7, 0});
  });
}

}  // namespace
}  // namespace fc::adapters::cpp
