// For tests of the channel model on its own.
//
// RecordingListener moves the peer's values (an element with no value
// behind it, such as a guest buffer's, becomes U32(filler + its index)),
// and records every event made pending, in order, by end.
//
// ChannelUnderTest is a channel with its listener, its ends and a buffer
// for what a call releases:
//
//   class FutureTest : public testing::Test, protected ChannelUnderTest {
//    protected:
//     FutureTest() : ChannelUnderTest(ChannelKind::kFuture, PayloadKind::kU32) {}
//   };
//   EXPECT_EQ(*channel.Copy(w, buffer, listener, &released), rt::kBlocked);
#ifndef FUTURECHECK_MODEL_CHANNEL_TESTING_H_
#define FUTURECHECK_MODEL_CHANNEL_TESTING_H_

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "model/channel.h"
#include "model/spec_rules.h"
#include "runtime/return_code.h"

namespace fc::model {

// A future's results, and a stream's with the count moved (code >> 4).
inline constexpr uint32_t kCompleted = 0;
inline constexpr uint32_t kDropped = 1;
inline constexpr uint32_t kCancelled = 2;
inline uint32_t Code(rt::CopyResult result, uint32_t n) {
  return rt::ReturnCode::Encode(result, n);
}

class RecordingListener : public ChannelListener {
 public:
  explicit RecordingListener(uint32_t filler = 0) : filler_(filler) {}

  std::vector<Value> MoveElements(const Channel&, CopyBuffer& from, CopyBuffer& to,
                                  uint32_t n) override {
    std::vector<Value> moved;
    for (uint32_t i = 0; i < n; ++i) {
      const size_t at = from.progress + i;
      moved.push_back(at < from.peer_values.size()
                          ? from.peer_values[at]
                          : Value::U32(filler_ + static_cast<uint32_t>(at)));
      to.peer_values.push_back(moved.back());
    }
    ++moves;
    return moved;
  }
  void OnPendingEvent(Channel&, CopyEnd& end) override {
    events.push_back(end.readable);
    (end.readable ? readable_events : writable_events)++;
  }

  int moves = 0;
  std::vector<bool> events;  // readable? per event made pending
  int readable_events = 0;
  int writable_events = 0;

 private:
  uint32_t filler_;
};

struct ChannelUnderTest {
  ChannelUnderTest(ChannelKind kind, PayloadKind payload, uint32_t max_length = 8,
                   uint32_t filler = 0, SpecRules rules = SpecRules())
      : listener(filler), channel(kind, 0, payload, max_length, rules) {}

  RecordingListener listener;
  Channel channel;
  CopyEnd& w = channel.writable();
  CopyEnd& r = channel.readable();
  CopyBuffer released;
};

// Names a test parameterized over model::kSpecRevisions: "r2026_08".
inline std::string RevisionTestName(const testing::TestParamInfo<SpecRevision>& info) {
  std::string name = std::string("r") + SpecRevisionName(info.param);
  for (char& c : name) {
    if (c == '-') c = '_';
  }
  return name;
}

}  // namespace fc::model

#endif  // FUTURECHECK_MODEL_CHANNEL_TESTING_H_
