// The coverage table's two lists: what the spec lets the drivers reach
// (ExpectedTransitions) and what only the model does (ModelOnlyTransitions:
// a blocked cancel, the other end cancelling over a pending result). They
// are disjoint, and the model's own runs of those moves land in the second.
#include "explore/coverage.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "model/channel.h"
#include "model/copy_transition.h"
#include "model/spec_rules.h"

namespace fc::explore {
namespace {

using model::Channel;
using model::ChannelKind;
using model::CopyBuffer;
using model::CopyEnd;
using model::Party;
using model::PayloadKind;

class Events final : public model::ChannelListener {
 public:
  std::vector<model::Value> MoveElements(const Channel&, CopyBuffer&, CopyBuffer&,
                                         uint32_t n) override {
    return std::vector<model::Value>(n);
  }
  void OnPendingEvent(Channel&, CopyEnd&) override {}
};

CopyBuffer Buffer(Party party, uint32_t n) {
  return CopyBuffer{party, nullptr, n, 0, std::vector<model::Value>(n)};
}

TEST(Coverage, ModelOnlyTransitionsAreApartFromTheExpectedOnes) {
  for (model::SpecRevision spec : model::kSpecRevisions) {
    const std::vector<std::string>& expected = ExpectedTransitions(spec);
    const std::set<std::string> all(expected.begin(), expected.end());
    EXPECT_FALSE(ModelOnlyTransitions(spec).empty());
    for (const std::string& key : ModelOnlyTransitions(spec)) {
      EXPECT_FALSE(all.contains(key)) << key;
    }
  }
}

// A blocked guest cancel that the host finishes, one the other end's read
// overtakes, and the other end cancelling over its pending result.
TEST(Coverage, BlockedCancelsAndPendingResultCancelsAreModelOnly) {
  for (model::SpecRevision spec : model::kSpecRevisions) {
    SCOPED_TRACE(model::SpecRevisionName(spec));
    Coverage coverage;
    coverage.set_spec(spec);
    {
      const model::ScopedCopyTransitionObserver observe(&coverage);
      Events events;
      CopyBuffer released;
      Channel c(ChannelKind::kStream, 0, PayloadKind::kU32, 4, model::RulesFor(spec));
      c.readable().holder = Party::kPeer;
      CopyEnd& w = c.writable();
      CopyEnd& r = c.readable();
      ASSERT_EQ(*c.Copy(w, Buffer(Party::kGuest, 2), events, &released), rt::kBlocked);
      ASSERT_EQ(*c.Cancel(w, events, &released, /*host_blocks=*/true), rt::kBlocked);
      ASSERT_TRUE(c.FinishCancel(w, events).ok());
      c.TakePendingEvent(w);
      // Blocked again; the other end reads 1 meanwhile.
      ASSERT_EQ(*c.Copy(w, Buffer(Party::kGuest, 2), events, &released), rt::kBlocked);
      ASSERT_EQ(*c.Cancel(w, events, &released, true), rt::kBlocked);
      ASSERT_TRUE(c.Copy(r, Buffer(Party::kPeer, 1), events, &released).ok());
      c.TakePendingEvent(w);
      // The other end waits, the guest writes into it, and the other end
      // cancels with its COMPLETED(1) pending.
      ASSERT_EQ(*c.Copy(r, Buffer(Party::kPeer, 3), events, &released), rt::kBlocked);
      ASSERT_TRUE(c.Copy(w, Buffer(Party::kGuest, 1), events, &released).ok());
      ASSERT_TRUE(c.Cancel(r, events, &released).ok());
    }
    const std::vector<std::string>& model_only = ModelOnlyTransitions(spec);
    const std::vector<std::string>& expected = ExpectedTransitions(spec);
    int model_only_hits = 0;
    for (const auto& [key, n] : coverage.counts()) {
      const bool in_model_only =
          std::find(model_only.begin(), model_only.end(), key) != model_only.end();
      const bool in_expected = std::find(expected.begin(), expected.end(), key) != expected.end();
      EXPECT_TRUE(in_model_only || in_expected) << key;
      model_only_hits += in_model_only ? 1 : 0;
    }
    // By 6d28164: the finished cancel (CANCELLED), the overtaken one
    // (COMPLETED) and the other end's cancel (COMPLETED). Since CM#719 the
    // overtaken cancel ends CANCELLED too, and so does the other end's,
    // which is an expected transition: its plain cancel returns that.
    const bool cm719 = !model::RulesFor(spec).cancel_returns_queued_completion;
    EXPECT_EQ(model_only_hits, cm719 ? 1 : 3) << coverage.Table();
    EXPECT_EQ(coverage.count("stream writable guest CANCELLING_COPY -> IDLE event CANCELLED"),
              cm719 ? 2u : 1u);
    EXPECT_NE(coverage.Table().find("model only ("), std::string::npos) << coverage.Table();
  }
}

}  // namespace
}  // namespace fc::explore
