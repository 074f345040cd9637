// The C ABI (futurecheck_host.h) against the mock host: guest moves written
// in C reach the host exactly as the same moves made through rt::HostAbi
// (same intrinsic calls, same return codes, same trace), a panic raised in
// C reaches the harness, and a call with no host bound stops with a clear
// message.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "cabi/c_abi_probe.h"
#include "cabi/futurecheck_host.h"
#include "cabi/host_bridge.h"
#include "model/choice_source.h"
#include "model/mock_host.h"
#include "model/trace.h"
#include "model/violation.h"
#include "runtime/panic.h"

namespace fc::cabi {
namespace {

constexpr model::ChannelKind kFuture = model::ChannelKind::kFuture;
constexpr rt::FutureTypeId kU32{0};
constexpr rt::StreamTypeId kU32Stream{0};

struct Host {
  model::Trace trace;
  model::ViolationLog log;
  model::PassiveChoices passive;
  model::MockHost host{trace, log, passive};
};

// The same moves, through the C ABI and through rt::HostAbi.
std::vector<uint32_t> MovesInC(Host& h) {
  HostBinding binding(h.host);
  std::vector<uint32_t> codes;
  const uint64_t ends = probe_future_new();
  const auto writable = static_cast<uint32_t>(ends >> 32);
  h.host.TransferToPeer(static_cast<uint32_t>(ends));
  void* buffer = nullptr;
  codes.push_back(probe_write_u32(writable, 7, &buffer));
  uint32_t set = 0;
  uint32_t event[2] = {0, 0};
  codes.push_back(probe_poll_once(writable, &set, event));
  fc_waitable_join(writable, 0);  // a synchronous cancel in a set traps
  fc_waitable_set_drop(set);
  codes.push_back(probe_cancel_write(writable));
  fc_free(buffer, sizeof(uint32_t), alignof(uint32_t));
  // The other end reads; the second write completes at once.
  EXPECT_TRUE(h.host.PeerRead(kFuture, h.host.ChannelOf(kFuture, writable).value_or(0)).ok());
  codes.push_back(probe_write_u32(writable, 8, &buffer));
  probe_finish_write(writable, buffer);

  const uint64_t stream = fc_stream_new(0);
  const auto stream_writable = static_cast<uint32_t>(stream >> 32);
  h.host.TransferToPeer(static_cast<uint32_t>(stream));
  codes.push_back(probe_stream_write_u32(stream_writable, 3, &buffer));
  codes.push_back(fc_stream_cancel_write(0, stream_writable));
  fc_free(buffer, 8 * sizeof(uint32_t), alignof(uint32_t));
  fc_stream_drop_writable(0, stream_writable);

  const uint32_t resource = fc_resource_new();
  codes.push_back(resource);
  fc_resource_drop(resource);
  return codes;
}

std::vector<uint32_t> MovesInCpp(Host& h) {
  rt::HostAbi& abi = h.host;
  std::vector<uint32_t> codes;
  const uint64_t ends = abi.FutureNew(kU32);
  const auto writable = static_cast<rt::Handle>(ends >> 32);
  h.host.TransferToPeer(static_cast<rt::Handle>(ends));
  auto* value = static_cast<uint32_t*>(abi.Alloc(sizeof(uint32_t), alignof(uint32_t)));
  *value = 7;
  codes.push_back(abi.FutureWrite(kU32, writable, value));
  const rt::Handle set = abi.WaitableSetNew();
  abi.WaitableJoin(writable, set);
  codes.push_back(static_cast<uint32_t>(abi.WaitableSetPoll(set).code));
  abi.WaitableJoin(writable, rt::kNoHandle);
  abi.WaitableSetDrop(set);
  codes.push_back(abi.FutureCancelWrite(kU32, writable));
  abi.Free(value, sizeof(uint32_t), alignof(uint32_t));
  EXPECT_TRUE(h.host.PeerRead(kFuture, h.host.ChannelOf(kFuture, writable).value_or(0)).ok());
  value = static_cast<uint32_t*>(abi.Alloc(sizeof(uint32_t), alignof(uint32_t)));
  *value = 8;
  codes.push_back(abi.FutureWrite(kU32, writable, value));
  abi.Free(value, sizeof(uint32_t), alignof(uint32_t));
  abi.FutureDropWritable(kU32, writable);

  const uint64_t stream = abi.StreamNew(kU32Stream);
  const auto stream_writable = static_cast<rt::Handle>(stream >> 32);
  h.host.TransferToPeer(static_cast<rt::Handle>(stream));
  auto* values = static_cast<uint32_t*>(abi.Alloc(8 * sizeof(uint32_t), alignof(uint32_t)));
  for (uint32_t i = 0; i < 3; ++i) values[i] = 100 + i;
  codes.push_back(abi.StreamWrite(kU32Stream, stream_writable, values, 3));
  codes.push_back(abi.StreamCancelWrite(kU32Stream, stream_writable));
  abi.Free(values, 8 * sizeof(uint32_t), alignof(uint32_t));
  abi.StreamDropWritable(kU32Stream, stream_writable);

  const rt::Handle resource = abi.ResourceNew();
  codes.push_back(resource);
  abi.ResourceDrop(resource);
  return codes;
}

TEST(CAbiTest, CCallsReachTheHostAsTheCppSeamDoes) {
  Host in_c;
  Host in_cpp;
  const std::vector<uint32_t> c_codes = MovesInC(in_c);
  const std::vector<uint32_t> cpp_codes = MovesInCpp(in_cpp);
  EXPECT_TRUE(in_c.log.empty()) << in_c.log.first().message;
  EXPECT_TRUE(in_cpp.log.empty()) << in_cpp.log.first().message;
  EXPECT_EQ(c_codes, cpp_codes);
  EXPECT_EQ(c_codes.front(), FC_BLOCKED);
  EXPECT_EQ(FC_COPY_RESULT(c_codes[2]), FC_COPY_CANCELLED);
  EXPECT_EQ(c_codes[3], FC_COPY_COMPLETED);
  const std::vector<std::string> calls = in_c.trace.HostCalls();
  EXPECT_EQ(calls, in_cpp.trace.HostCalls());
  EXPECT_GE(calls.size(), 8u);
  EXPECT_EQ(in_c.trace.Render(), in_cpp.trace.Render());
}

TEST(CAbiTest, AHostTrapInCIsRecorded) {
  Host h;
  HostBinding binding(h.host);
  const uint64_t ends = probe_future_new();
  fc_future_drop_readable(0, static_cast<uint32_t>(ends));
  fc_future_drop_readable(0, static_cast<uint32_t>(ends));  // dropped twice: traps
  ASSERT_FALSE(h.log.empty());
  EXPECT_EQ(h.log.first().invariant, model::Invariant::kHostTrap);
}

struct ThrownPanic : std::runtime_error {
  using std::runtime_error::runtime_error;
};
void ThrowPanic(std::string_view message) { throw ThrownPanic(std::string(message)); }

TEST(CAbiTest, APanicRaisedInCReachesTheHarness) {
  const rt::PanicHandler previous = rt::SetPanicHandler(&ThrowPanic);
  try {
    probe_panic();
    ADD_FAILURE() << "fc_runtime_panic returned";
  } catch (const ThrownPanic& panic) {
    EXPECT_STREQ(panic.what(), "cannot cancel a future operation twice");
  }
  rt::SetPanicHandler(previous);
}

TEST(CAbiDeathTest, ACallWithNoHostBoundSaysSo) {
  EXPECT_DEATH((void)probe_future_new(), "fc_future_new called with no host bound");
}

TEST(CAbiTest, BindingsNest) {
  Host outer;
  Host inner;
  HostBinding outer_binding(outer.host);
  {
    HostBinding inner_binding(inner.host);
    (void)probe_future_new();
  }
  (void)probe_future_new();
  EXPECT_EQ(inner.trace.HostCalls().size(), 1u);
  EXPECT_EQ(outer.trace.HostCalls().size(), 1u);
}

}  // namespace
}  // namespace fc::cabi
