// fcrt's own paths the harness's drivers never reach on a passing run,
// against a scripted fake host: the shutdown of a default write still in
// flight, the allocation-free DROPPED(0) of a done stream end, the
// documented panics, and codes a host must never answer. The oracle's
// checks of everything else run in //adapters/c.
#include "c_runtime/fcrt.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cabi/host_bridge.h"
#include "runtime/abi.h"
#include "runtime/panic.h"

namespace fc {
namespace {

struct PanicThrown {
  std::string message;
};

void ThrowPanic(std::string_view message) { throw PanicThrown{std::string(message)}; }

// The message `call` panics with ("" if it returns).
std::string PanicOf(const std::function<void()>& call) {
  try {
    call();
  } catch (const PanicThrown& panic) {
    return panic.message;
  }
  return "";
}

// Answers each copy and cancel with the next scripted code and logs every
// call; counts live allocations.
class FakeHost final : public rt::HostAbi {
 public:
  std::vector<std::string> calls;
  std::deque<uint32_t> codes;
  int live_allocations = 0;

  void* Alloc(size_t size, size_t) override {
    ++live_allocations;
    return std::calloc(1, size == 0 ? 1 : size);
  }
  void Free(void* ptr, size_t, size_t) override {
    --live_allocations;
    std::free(ptr);
  }
  uint64_t FutureNew(rt::FutureTypeId) override { return (uint64_t{2} << 32) | 1; }
  uint32_t FutureRead(rt::FutureTypeId, rt::Handle h, void*) override {
    return Next(absl::StrCat("future.read ", h));
  }
  uint32_t FutureWrite(rt::FutureTypeId, rt::Handle h, const void*) override {
    return Next(absl::StrCat("future.write ", h));
  }
  uint32_t FutureCancelRead(rt::FutureTypeId, rt::Handle h) override {
    return Next(absl::StrCat("future.cancel-read ", h));
  }
  uint32_t FutureCancelWrite(rt::FutureTypeId, rt::Handle h) override {
    return Next(absl::StrCat("future.cancel-write ", h));
  }
  void FutureDropReadable(rt::FutureTypeId, rt::Handle h) override {
    calls.push_back(absl::StrCat("future.drop-readable ", h));
  }
  void FutureDropWritable(rt::FutureTypeId, rt::Handle h) override {
    calls.push_back(absl::StrCat("future.drop-writable ", h));
  }
  uint64_t StreamNew(rt::StreamTypeId) override { return (uint64_t{2} << 32) | 1; }
  uint32_t StreamRead(rt::StreamTypeId, rt::Handle h, void*, uint32_t n) override {
    return Next(absl::StrCat("stream.read ", h, " len=", n));
  }
  uint32_t StreamWrite(rt::StreamTypeId, rt::Handle h, const void*, uint32_t n) override {
    return Next(absl::StrCat("stream.write ", h, " len=", n));
  }
  uint32_t StreamCancelRead(rt::StreamTypeId, rt::Handle h) override {
    return Next(absl::StrCat("stream.cancel-read ", h));
  }
  uint32_t StreamCancelWrite(rt::StreamTypeId, rt::Handle h) override {
    return Next(absl::StrCat("stream.cancel-write ", h));
  }
  void StreamDropReadable(rt::StreamTypeId, rt::Handle h) override {
    calls.push_back(absl::StrCat("stream.drop-readable ", h));
  }
  void StreamDropWritable(rt::StreamTypeId, rt::Handle h) override {
    calls.push_back(absl::StrCat("stream.drop-writable ", h));
  }
  rt::Handle WaitableSetNew() override {
    calls.push_back("waitable-set.new");
    return 3;
  }
  void WaitableSetDrop(rt::Handle set) override {
    calls.push_back(absl::StrCat("waitable-set.drop ", set));
  }
  void WaitableJoin(rt::Handle w, rt::Handle set) override {
    calls.push_back(absl::StrCat("waitable.join ", w, " ", set));
  }
  rt::Event WaitableSetWait(rt::Handle) override { return {}; }
  rt::Event WaitableSetPoll(rt::Handle) override { return {}; }
  void TaskReturn(uint32_t) override {}
  void TaskCancel(uint32_t) override {}
  rt::Handle ResourceNew() override { return rt::kNoHandle; }
  void ResourceDrop(rt::Handle) override {}

 private:
  uint32_t Next(std::string call) {
    calls.push_back(std::move(call));
    if (codes.empty()) return rt::kBlocked;
    const uint32_t code = codes.front();
    codes.pop_front();
    return code;
  }
};

// u32 values as malloc'd words; counts the live ones.
int live_values = 0;
void* NewValue(uint32_t v) {
  ++live_values;
  auto* p = static_cast<uint32_t*>(std::malloc(sizeof(uint32_t)));
  *p = v;
  return p;
}
void Lower(void*, void* value, void* dst) {
  std::memcpy(dst, value, sizeof(uint32_t));
  --live_values;
  std::free(value);
}
void* Lift(void*, void* src) { return NewValue(*static_cast<uint32_t*>(src)); }
void DeallocLists(void*, void*) {}
void* MakeDefault(void*) { return NewValue(0); }
void Drop(void*, void* value) {
  --live_values;
  std::free(value);
}

const fcrt_payload_ops kU32Ops = {0,      sizeof(uint32_t), alignof(uint32_t), &Lower,
                                  &Lift,  &DeallocLists,    &MakeDefault,      &Drop,
                                  nullptr};

class FcrtTest : public testing::Test {
 protected:
  FcrtTest() : previous_(rt::SetPanicHandler(&ThrowPanic)), binding_(host_) {
    live_values = 0;
    runtime_ = fcrt_runtime_new();
  }
  ~FcrtTest() override {
    fcrt_runtime_free(runtime_);
    rt::SetPanicHandler(previous_);
  }

  FakeHost host_;
  rt::PanicHandler previous_;
  cabi::HostBinding binding_;
  fcrt_runtime* runtime_;
};

TEST_F(FcrtTest, ShutdownCancelsADefaultWriteStillInFlight) {
  uint32_t readable = 0;
  fcrt_future_writer* writer = fcrt_future_new(runtime_, &kU32Ops, &readable);
  EXPECT_EQ(readable, 1u);
  fcrt_future_writer_free(writer);  // never wrote: the default write blocks
  EXPECT_EQ(fcrt_registered_waitables(runtime_), 1u);
  EXPECT_EQ(host_.live_allocations, 2);  // the write's record and its buffer
  host_.codes.push_back(2);              // the cancel: CANCELLED
  fcrt_shutdown(runtime_);
  EXPECT_EQ(host_.calls,
            (std::vector<std::string>{"future.write 2", "waitable-set.new", "waitable.join 2 3",
                                      "waitable.join 2 0", "future.cancel-write 2",
                                      "future.drop-writable 2", "waitable-set.drop 3"}));
  EXPECT_EQ(fcrt_registered_waitables(runtime_), 0u);
  EXPECT_EQ(host_.live_allocations, 0);
  EXPECT_EQ(live_values, 0);  // the default value came back and was dropped
}

TEST_F(FcrtTest, DefaultWriteFinishesFromItsEvent) {
  uint32_t readable = 0;
  fcrt_future_writer_free(fcrt_future_new(runtime_, &kU32Ops, &readable));
  fcrt_dispatch(runtime_, /*FUTURE_WRITE*/ 5, 2, /*COMPLETED*/ 0);
  EXPECT_EQ(host_.calls.back(), "future.drop-writable 2");
  EXPECT_EQ(fcrt_registered_waitables(runtime_), 0u);
  EXPECT_EQ(host_.live_allocations, 0);
  EXPECT_EQ(live_values, 0);
}

TEST_F(FcrtTest, DoneStreamEndAnswersDroppedWithoutTheHost) {
  uint32_t readable = 0;
  fcrt_stream_writer* writer = fcrt_stream_new(runtime_, &kU32Ops, &readable);
  void* values[] = {NewValue(1), NewValue(2)};
  fcrt_stream_write* op = fcrt_stream_write_new(writer, values, 2);
  host_.codes.push_back((1u << 4) | 1);  // DROPPED(1)
  fcrt_stream_write_result result{};
  ASSERT_TRUE(fcrt_stream_write_poll(op, &result));
  EXPECT_EQ(result.result, FCRT_COPY_DROPPED);
  EXPECT_EQ(result.sent, 1u);
  ASSERT_EQ(result.unsent_count, 1u);
  EXPECT_EQ(*static_cast<uint32_t*>(result.unsent[0]), 2u);
  fcrt_stream_write_free(op);

  const size_t calls = host_.calls.size();
  fcrt_stream_write* again = fcrt_stream_write_new(result.writer, result.unsent, 1);
  fcrt_values_free(result.unsent);
  fcrt_stream_write_result second{};
  ASSERT_TRUE(fcrt_stream_write_poll(again, &second));
  EXPECT_EQ(second.result, FCRT_COPY_DROPPED);
  EXPECT_EQ(second.sent, 0u);
  ASSERT_EQ(second.unsent_count, 1u);
  EXPECT_EQ(host_.calls.size(), calls);  // nothing reached the host
  EXPECT_EQ(host_.live_allocations, 0);  // nor was anything allocated
  Drop(nullptr, second.unsent[0]);
  fcrt_values_free(second.unsent);
  fcrt_stream_write_free(again);
  fcrt_stream_writer_free(second.writer);
  EXPECT_EQ(host_.calls.back(), "stream.drop-writable 2");
  EXPECT_EQ(live_values, 0);
}

TEST_F(FcrtTest, PollAfterCompletionPanics) {
  uint32_t readable = 0;
  fcrt_future_write* op =
      fcrt_future_write_new(fcrt_future_new(runtime_, &kU32Ops, &readable), NewValue(7));
  host_.codes.push_back(0);  // COMPLETED at once
  fcrt_future_write_outcome outcome{};
  ASSERT_TRUE(fcrt_future_write_poll(op, &outcome));
  EXPECT_TRUE(outcome.written);
  EXPECT_EQ(PanicOf([&] { fcrt_future_write_poll(op, &outcome); }),
            "cannot poll a future operation after it completed");
  fcrt_future_write_cancel_result cancel{};
  EXPECT_EQ(PanicOf([&] { fcrt_future_write_cancel(op, &cancel); }),
            "cannot cancel a future operation after it completed");
  fcrt_future_write_free(op);
  EXPECT_EQ(live_values, 0);
}

TEST_F(FcrtTest, PollOrCancelAfterACancelPanics) {
  fcrt_stream_read* op = fcrt_stream_read_new(fcrt_stream_reader_new(runtime_, &kU32Ops, 5), 4);
  fcrt_stream_read_result result{};
  fcrt_stream_read_cancel(op, &result);  // before the start: nothing reaches the host
  EXPECT_EQ(result.result, FCRT_COPY_CANCELLED);
  EXPECT_EQ(PanicOf([&] { fcrt_stream_read_poll(op, &result); }),
            "cannot poll a future operation after it was cancelled");
  EXPECT_EQ(PanicOf([&] { fcrt_stream_read_cancel(op, &result); }),
            "cannot cancel a future operation twice");
  fcrt_stream_read_free(op);
  fcrt_values_free(result.values);
  fcrt_stream_reader_free(result.reader);
  EXPECT_EQ(host_.calls, (std::vector<std::string>{"stream.drop-readable 5"}));
}

// Each copy kind names its built-in when the host reports CANCELLED for a
// copy nobody cancelled (a host bug fcrt refuses to paper over).
TEST_F(FcrtTest, CancelledWithoutACancelPanicsNamingTheBuiltIn) {
  host_.codes = {2, 2};  // CANCELLED, at once
  fcrt_future_read* read = fcrt_future_read_new(fcrt_future_reader_new(runtime_, &kU32Ops, 7));
  void* value = nullptr;
  EXPECT_EQ(PanicOf([&] { fcrt_future_read_poll(read, &value); }),
            "future.read reported CANCELLED without a cancel");
  uint32_t readable = 0;
  void* values[] = {NewValue(1)};
  fcrt_stream_write* write =
      fcrt_stream_write_new(fcrt_stream_new(runtime_, &kU32Ops, &readable), values, 1);
  fcrt_stream_write_result result{};
  EXPECT_EQ(PanicOf([&] { fcrt_stream_write_poll(write, &result); }),
            "stream.write reported CANCELLED without a cancel");
  EXPECT_EQ(host_.calls, (std::vector<std::string>{"future.read 7", "stream.write 2 len=1"}));
  host_.codes = {2, 2};  // the cancels of the frees below: CANCELLED
  fcrt_future_read_free(read);
  fcrt_stream_write_free(write);
  EXPECT_EQ(host_.live_allocations, 0);
  EXPECT_EQ(live_values, 0);
}

TEST_F(FcrtTest, ASynchronousCancelAnsweringBlockedPanics) {
  fcrt_future_read* op = fcrt_future_read_new(fcrt_future_reader_new(runtime_, &kU32Ops, 7));
  void* value = nullptr;
  ASSERT_FALSE(fcrt_future_read_poll(op, &value));  // BLOCKED: joins the set
  host_.codes.push_back(rt::kBlocked);
  fcrt_future_read_cancel_result cancel{};
  EXPECT_EQ(PanicOf([&] { fcrt_future_read_cancel(op, &cancel); }),
            "synchronous cancel returned BLOCKED");
  EXPECT_EQ(host_.calls,
            (std::vector<std::string>{"future.read 7", "waitable-set.new", "waitable.join 7 3",
                                      "waitable.join 7 0", "future.cancel-read 7"}));
  host_.codes.push_back(2);  // the free cancels again: CANCELLED
  fcrt_future_read_free(op);
  EXPECT_EQ(host_.live_allocations, 0);
}

}  // namespace
}  // namespace fc
