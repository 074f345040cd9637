// fcrt, futurecheck's C runtime (c_runtime/), behind the runtime-under-test
// interface. Each end and operation class owns one fcrt object; payload
// values cross into C as boxed AnyPayloads (`void*`), which the per-kind
// operations tables lower, lift and drop with the test payloads' own traits.
// The runtime calls the mock host through the C ABI (cabi/), bound to this
// run's host for the adapter's lifetime; its panics (fc_runtime_panic) reach
// the harness as sut::RuntimePanic, unwinding through the C frames.
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "c_runtime/fcrt.h"
#include "cabi/host_bridge.h"
#include "model/any_payload.h"
#include "model/payload_layout.h"
#include "model/payloads.h"
#include "runtime/panic.h"
#include "sut/runtime_under_test.h"

namespace fc::adapters::c {
namespace {

using model::AnyPayload;

// ---- payload values as C sees them

void* Box(AnyPayload value) { return new AnyPayload(std::move(value)); }

// A value fcrt must hand back. NULL is fcrt's bug: it reaches the oracle as
// an exception where a value was due (reported, never a harness crash).
AnyPayload Unbox(void* value) {
  if (value == nullptr) throw std::logic_error("fcrt handed back no value where one was due");
  std::unique_ptr<AnyPayload> box(static_cast<AnyPayload*>(value));
  return std::move(*box);
}

// A value fcrt may hand back: NULL is none, which the oracle then judges.
std::optional<AnyPayload> UnboxIfAny(void* value) {
  if (value == nullptr) return std::nullopt;
  return Unbox(value);
}

std::vector<AnyPayload> UnboxAll(void** values, uint32_t count) {
  std::vector<AnyPayload> out;
  out.reserve(count);
  bool missing = false;
  for (uint32_t i = 0; i < count; ++i) {
    if (values[i] == nullptr) {
      missing = true;
    } else {
      out.push_back(Unbox(values[i]));
    }
  }
  fcrt_values_free(values);
  if (missing) throw std::logic_error("fcrt handed back a list with a missing value");
  return out;
}

// An end fcrt hands back; NULL stays no end, which the oracle then judges.
template <class Wrapper, class End>
std::unique_ptr<Wrapper> WrapEnd(End* end) {
  if (end == nullptr) return nullptr;
  return std::make_unique<Wrapper>(end);
}

// One payload kind's operations table; `ctx` points back at this struct.
struct PayloadOps {
  fcrt_payload_ops table;
  model::PayloadEnv env;
};

template <class T>
struct OpsFor {
  static const model::PayloadEnv& Env(void* ctx) { return static_cast<PayloadOps*>(ctx)->env; }
  static void Lower(void* ctx, void* value, void* dst) {
    std::unique_ptr<AnyPayload> box(static_cast<AnyPayload*>(value));
    model::PayloadTraits<T>::Lower(Env(ctx), std::get<T>(std::move(*box)), dst);
  }
  static void* Lift(void* ctx, void* src) {
    return new AnyPayload(std::in_place_type<T>, model::PayloadTraits<T>::Lift(Env(ctx), src));
  }
  static void DeallocLists(void* ctx, void* dst) {
    model::PayloadTraits<T>::DeallocLists(Env(ctx), dst);
  }
  // The default value is serial 0 of the kind (what the oracle expects).
  static void* MakeDefault(void* ctx) {
    return new AnyPayload(std::in_place_type<T>, model::PayloadTraits<T>::Make(Env(ctx), 0));
  }
  static void Drop(void*, void* value) { delete static_cast<AnyPayload*>(value); }

  static void Fill(PayloadOps& ops, const model::PayloadEnv& env) {
    constexpr model::PayloadKind kind = model::PayloadTraits<T>::kKind;
    ops.env = env;
    ops.table = fcrt_payload_ops{static_cast<uint32_t>(kind),
                                 model::layout::SizeOf(kind),
                                 model::layout::AlignOf(kind),
                                 &Lower,
                                 &Lift,
                                 &DeallocLists,
                                 &MakeDefault,
                                 &Drop,
                                 &ops};
  }
};

sut::OpState ToOpState(fcrt_op_state state) {
  switch (state) {
    case FCRT_OP_NOT_STARTED:
      return sut::OpState::kNotStarted;
    case FCRT_OP_IN_PROGRESS:
      return sut::OpState::kInProgress;
    case FCRT_OP_DONE:
      return sut::OpState::kDone;
    case FCRT_OP_CANCELLED:
      return sut::OpState::kCancelled;
  }
  return sut::OpState::kNotStarted;
}

sut::CopyResult ToCopyResult(fcrt_copy_result result) {
  switch (result) {
    case FCRT_COPY_COMPLETED:
      return sut::CopyResult::kCompleted;
    case FCRT_COPY_DROPPED:
      return sut::CopyResult::kDropped;
    case FCRT_COPY_CANCELLED:
      return sut::CopyResult::kCancelled;
  }
  return sut::CopyResult::kCompleted;
}

// ---- the end and operation classes

// One fcrt object behind the sut interface `Base`, freed (the guest
// dropping it, which may call the host or panic) when the wrapper goes.
template <class Base, class T, void (*kFree)(T*)>
class COwned : public Base {
 public:
  explicit COwned(T* object) : object_(object) {}
  ~COwned() noexcept(false) override { kFree(std::exchange(object_, nullptr)); }

 protected:
  T* object_;
};

// An end: starting an operation takes it (Take), leaving the wrapper empty.
template <class Base, class End, void (*kFree)(End*), uint32_t (*kHandle)(const End*)>
class CEnd : public COwned<Base, End, kFree> {
 public:
  using COwned<Base, End, kFree>::COwned;
  sut::Handle handle() const override {
    return this->object_ != nullptr ? kHandle(this->object_) : rt::kNoHandle;
  }

 protected:
  End* Take() { return std::exchange(this->object_, nullptr); }
};

// An operation that reports its state.
template <class Base, class Op, void (*kFree)(Op*), fcrt_op_state (*kState)(const Op*)>
class COp : public COwned<Base, Op, kFree> {
 public:
  using COwned<Base, Op, kFree>::COwned;
  sut::OpState state() const override { return ToOpState(kState(this->object_)); }
};

// ---- futures

class CFutureWrite final : public COp<sut::FutureWrite, fcrt_future_write, fcrt_future_write_free,
                                      fcrt_future_write_state> {
 public:
  using COp::COp;
  std::optional<sut::FutureWriteOutcome> Poll() override {
    fcrt_future_write_outcome out{};
    if (!fcrt_future_write_poll(object_, &out)) return std::nullopt;
    sut::FutureWriteOutcome outcome;
    outcome.written = out.written != 0;
    if (!outcome.written) outcome.value = UnboxIfAny(out.value);
    return outcome;
  }
  sut::FutureWriteCancel Cancel() override;
};

class CFutureWriter final : public CEnd<sut::FutureWriter, fcrt_future_writer,
                                        fcrt_future_writer_free, fcrt_future_writer_handle> {
 public:
  using CEnd::CEnd;
  std::unique_ptr<sut::FutureWrite> Write(AnyPayload value) override {
    return std::make_unique<CFutureWrite>(fcrt_future_write_new(Take(), Box(std::move(value))));
  }
};

sut::FutureWriteCancel CFutureWrite::Cancel() {
  fcrt_future_write_cancel_result result{};
  fcrt_future_write_cancel(object_, &result);
  sut::FutureWriteCancel out;
  switch (result.kind) {
    case FCRT_WRITE_ALREADY_SENT:
      out.kind = sut::FutureWriteCancel::Kind::kAlreadySent;
      return out;
    case FCRT_WRITE_READER_DROPPED:
      out.kind = sut::FutureWriteCancel::Kind::kDropped;
      break;
    case FCRT_WRITE_CANCELLED:
      out.kind = sut::FutureWriteCancel::Kind::kCancelled;
      out.writer = WrapEnd<CFutureWriter>(result.writer);
      break;
  }
  out.value = UnboxIfAny(result.value);
  return out;
}

class CFutureRead final
    : public COp<sut::FutureRead, fcrt_future_read, fcrt_future_read_free, fcrt_future_read_state> {
 public:
  using COp::COp;
  std::optional<AnyPayload> Poll() override {
    void* value = nullptr;
    if (!fcrt_future_read_poll(object_, &value)) return std::nullopt;
    return Unbox(value);
  }
  sut::FutureReadCancel Cancel() override;
};

class CFutureReader final : public CEnd<sut::FutureReader, fcrt_future_reader,
                                        fcrt_future_reader_free, fcrt_future_reader_handle> {
 public:
  using CEnd::CEnd;
  std::unique_ptr<sut::FutureRead> Read() override {
    return std::make_unique<CFutureRead>(fcrt_future_read_new(Take()));
  }
};

sut::FutureReadCancel CFutureRead::Cancel() {
  fcrt_future_read_cancel_result result{};
  fcrt_future_read_cancel(object_, &result);
  sut::FutureReadCancel out;
  if (result.ready) {
    out.kind = sut::FutureReadCancel::Kind::kReady;
    out.value = UnboxIfAny(result.value);
  } else {
    out.kind = sut::FutureReadCancel::Kind::kCancelled;
    out.reader = WrapEnd<CFutureReader>(result.reader);
  }
  return out;
}

// ---- streams

std::vector<void*> BoxAll(std::vector<AnyPayload> values) {
  std::vector<void*> boxes;
  boxes.reserve(values.size());
  for (AnyPayload& value : values) boxes.push_back(Box(std::move(value)));
  return boxes;
}

class CStreamWriter final : public CEnd<sut::StreamWriter, fcrt_stream_writer,
                                        fcrt_stream_writer_free, fcrt_stream_writer_handle> {
 public:
  using CEnd::CEnd;
  std::unique_ptr<sut::StreamWrite> Write(std::vector<AnyPayload> values) override;
  std::unique_ptr<sut::StreamWriteAll> WriteAll(std::vector<AnyPayload> values) override;
};

class CStreamReader final : public CEnd<sut::StreamReader, fcrt_stream_reader,
                                        fcrt_stream_reader_free, fcrt_stream_reader_handle> {
 public:
  using CEnd::CEnd;
  std::unique_ptr<sut::StreamRead> Read(uint32_t capacity) override;
};

sut::StreamWriteResult FromC(fcrt_stream_write_result& result) {
  sut::StreamWriteResult out;
  out.result = ToCopyResult(result.result);
  out.sent = result.sent;
  out.unsent = UnboxAll(result.unsent, result.unsent_count);
  out.writer = WrapEnd<CStreamWriter>(result.writer);
  return out;
}

sut::StreamReadResult FromC(fcrt_stream_read_result& result) {
  sut::StreamReadResult out;
  out.result = ToCopyResult(result.result);
  out.values = UnboxAll(result.values, result.count);
  out.reader = WrapEnd<CStreamReader>(result.reader);
  return out;
}

// What fcrt's stream result `Result` is to the harness.
template <class Result>
using FromCResult = decltype(FromC(std::declval<Result&>()));

// A poll of a stream operation: its result once it finished.
template <class Op, class Result>
std::optional<FromCResult<Result>> PollStream(int (*poll)(Op*, Result*), Op* op) {
  Result result{};
  if (!poll(op, &result)) return std::nullopt;
  return FromC(result);
}

// A stream write or read: polled and cancelled into the same result.
template <class Base, class Op, class Result, void (*kFree)(Op*),
          fcrt_op_state (*kState)(const Op*), int (*kPoll)(Op*, Result*),
          void (*kCancel)(Op*, Result*)>
class CStreamOp final : public COp<Base, Op, kFree, kState> {
 public:
  using COp<Base, Op, kFree, kState>::COp;
  std::optional<FromCResult<Result>> Poll() override { return PollStream(kPoll, this->object_); }
  FromCResult<Result> Cancel() override {
    Result result{};
    kCancel(this->object_, &result);
    return FromC(result);
  }
};

using CStreamWrite =
    CStreamOp<sut::StreamWrite, fcrt_stream_write, fcrt_stream_write_result, fcrt_stream_write_free,
              fcrt_stream_write_state, fcrt_stream_write_poll, fcrt_stream_write_cancel>;
using CStreamRead =
    CStreamOp<sut::StreamRead, fcrt_stream_read, fcrt_stream_read_result, fcrt_stream_read_free,
              fcrt_stream_read_state, fcrt_stream_read_poll, fcrt_stream_read_cancel>;

class CStreamWriteAll final
    : public COwned<sut::StreamWriteAll, fcrt_stream_write_all, fcrt_stream_write_all_free> {
 public:
  using COwned::COwned;
  std::optional<sut::StreamWriteResult> Poll() override {
    return PollStream(fcrt_stream_write_all_poll, object_);
  }
};

std::unique_ptr<sut::StreamWrite> CStreamWriter::Write(std::vector<AnyPayload> values) {
  std::vector<void*> boxes = BoxAll(std::move(values));
  return std::make_unique<CStreamWrite>(
      fcrt_stream_write_new(Take(), boxes.data(), static_cast<uint32_t>(boxes.size())));
}

std::unique_ptr<sut::StreamWriteAll> CStreamWriter::WriteAll(std::vector<AnyPayload> values) {
  std::vector<void*> boxes = BoxAll(std::move(values));
  return std::make_unique<CStreamWriteAll>(
      fcrt_stream_write_all_new(Take(), boxes.data(), static_cast<uint32_t>(boxes.size())));
}

std::unique_ptr<sut::StreamRead> CStreamReader::Read(uint32_t capacity) {
  return std::make_unique<CStreamRead>(fcrt_stream_read_new(Take(), capacity));
}

// ---- the runtime

[[noreturn]] void NoTasks() {
  throw std::logic_error("the futurecheck C runtime runs no task programs");
}

class CRuntime final : public sut::Runtime {
 public:
  explicit CRuntime(const sut::Environment& env)
      : host_(env.host), runtime_((MakeCurrent(), fcrt_runtime_new())) {
    OpsFor<model::U32Payload>::Fill(ops_[Index(model::PayloadKind::kU32)], env.payloads);
    OpsFor<model::StringPayload>::Fill(ops_[Index(model::PayloadKind::kString)], env.payloads);
    OpsFor<model::ResourcePayload>::Fill(ops_[Index(model::PayloadKind::kResource)], env.payloads);
    OpsFor<model::RecordPayload>::Fill(ops_[Index(model::PayloadKind::kRecord)], env.payloads);
  }
  ~CRuntime() noexcept(false) override {
    // Background writes still in flight are cancelled while the host is
    // still bound and panics still throw.
    MakeCurrent();
    fcrt_runtime_free(std::exchange(runtime_, nullptr));
    cabi::BindHost(nullptr);  // a stray call after this is an error, not a stale host
  }
  // fcrt reaches the host through cabi's thread-local binding.
  void MakeCurrent() override { cabi::BindHost(host_); }

  std::string name() const override { return sut::LinkedRuntimeName(); }
  void SetMaxCopyLength(uint32_t n) override { fcrt_set_max_copy_length(runtime_, n); }
  bool RunsTaskPrograms() const override { return sut::LinkedRuntimeRunsTaskPrograms(); }

  sut::NewFuture CreateFuture(model::PayloadKind kind) override {
    sut::NewFuture out;
    fcrt_future_writer* writer = fcrt_future_new(runtime_, Ops(kind), &out.readable);
    out.writer = std::make_unique<CFutureWriter>(writer);
    return out;
  }
  sut::NewStream CreateStream(model::PayloadKind kind) override {
    sut::NewStream out;
    fcrt_stream_writer* writer = fcrt_stream_new(runtime_, Ops(kind), &out.readable);
    out.writer = std::make_unique<CStreamWriter>(writer);
    return out;
  }
  std::unique_ptr<sut::FutureReader> ReceiveFuture(model::PayloadKind kind,
                                                   sut::Handle handle) override {
    return std::make_unique<CFutureReader>(fcrt_future_reader_new(runtime_, Ops(kind), handle));
  }
  std::unique_ptr<sut::StreamReader> ReceiveStream(model::PayloadKind kind,
                                                   sut::Handle handle) override {
    return std::make_unique<CStreamReader>(fcrt_stream_reader_new(runtime_, Ops(kind), handle));
  }

  sut::Handle waitable_set() const override { return fcrt_waitable_set(runtime_); }
  void WaitForEvent() override { fcrt_wait_for_event(runtime_); }
  void Dispatch(const rt::Event& event) override {
    fcrt_dispatch(runtime_, static_cast<uint32_t>(event.code), event.index, event.payload);
  }
  // No tasks: background work finishes from its event inside WaitForEvent.
  void RunTasks() override {}
  bool HasQueuedTasks() const override { return false; }
  void Shutdown() override { fcrt_shutdown(runtime_); }

  void SpawnFutureRead(sut::TaskRecord&, sut::FutureTaskReports&,
                       std::unique_ptr<sut::FutureReader>) override {
    NoTasks();
  }
  void SpawnFutureWrite(sut::TaskRecord&, sut::FutureTaskReports&,
                        std::unique_ptr<sut::FutureWriter>) override {
    NoTasks();
  }
  void SpawnFutureRelay(sut::TaskRecord&, sut::FutureTaskReports&,
                        std::unique_ptr<sut::FutureReader>, sut::FutureTaskReports&,
                        std::unique_ptr<sut::FutureWriter>) override {
    NoTasks();
  }
  void SpawnFutureDropWriter(sut::TaskRecord&, std::unique_ptr<sut::FutureWriter>) override {
    NoTasks();
  }
  void SpawnAwaitRead(sut::TaskRecord&, sut::FutureTaskReports&, sut::FutureRead&, bool*) override {
    NoTasks();
  }
  void SpawnAwaitWrite(sut::TaskRecord&, sut::FutureTaskReports&, sut::FutureWrite&,
                       bool*) override {
    NoTasks();
  }
  void SpawnStreamWrite(sut::TaskRecord&, sut::StreamTaskReports&,
                        std::unique_ptr<sut::StreamWriter>, uint32_t, bool*) override {
    NoTasks();
  }
  void SpawnStreamRead(sut::TaskRecord&, sut::StreamTaskReports&,
                       std::unique_ptr<sut::StreamReader>, uint32_t, bool*) override {
    NoTasks();
  }
  void SpawnSpin(sut::TaskRecord&) override { NoTasks(); }

  std::vector<sut::TaskInfo> LiveTasks() const override { return {}; }
  size_t RegisteredWaitables() const override { return fcrt_registered_waitables(runtime_); }

 private:
  static size_t Index(model::PayloadKind kind) { return static_cast<size_t>(kind); }
  const fcrt_payload_ops* Ops(model::PayloadKind kind) const { return &ops_[Index(kind)].table; }

  rt::HostAbi* host_;
  PayloadOps ops_[model::kNumPayloadKinds];
  fcrt_runtime* runtime_;
};

}  // namespace
}  // namespace fc::adapters::c

namespace fc::sut {

std::unique_ptr<Runtime> MakeRuntime(const Environment& environment) {
  return std::make_unique<adapters::c::CRuntime>(environment);
}

std::string LinkedRuntimeName() { return "futurecheck C runtime"; }
// fcrt has no executor: the scenarios' task programs have nothing to run on.
bool LinkedRuntimeRunsTaskPrograms() { return false; }

}  // namespace fc::sut
