#include "model/value_ledger.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "model/ledger_test_util.h"
#include "model/value.h"
#include "model/violation.h"

namespace fc::model {
namespace {

using testing::ElementsAre;
using testing::IsEmpty;

class ValueLedgerTest : public testing::Test {
 protected:
  ViolationLog log_;
  ValueLedger ledger_{log_};
};

TEST_F(ValueLedgerTest, CountsConstructionsAndDestructions) {
  EXPECT_EQ(ledger_.live_count(), 0u);
  EXPECT_EQ(ledger_.constructed(), 0u);
  EXPECT_EQ(ledger_.Construct(), 1u);
  EXPECT_EQ(ledger_.Construct(), 2u);
  EXPECT_EQ(ledger_.Construct(), 3u);
  EXPECT_EQ(ledger_.live_count(), 3u);
  ledger_.Destroy(2);
  EXPECT_EQ(ledger_.live_count(), 2u);
  EXPECT_EQ(ledger_.constructed(), 3u);  // a destroyed object still counts
  ledger_.Destroy(1);
  ledger_.Destroy(3);
  EXPECT_EQ(ledger_.live_count(), 0u);
  EXPECT_EQ(ledger_.Construct(), 4u);  // ids are never reused
  EXPECT_THAT(log_.all(), IsEmpty());
}

TEST_F(ValueLedgerTest, DestroyingTwiceIsAViolation) {
  const uint64_t a = ledger_.Construct();
  const uint64_t b = ledger_.Construct();
  ledger_.Destroy(b);
  EXPECT_THAT(log_.all(), IsEmpty());
  ledger_.Destroy(b);
  EXPECT_THAT(log_.all(), ElementsAre(IsViolation(Invariant::kValueLifetime,
                                                  "payload object #2 destroyed twice")));
  EXPECT_EQ(ledger_.live_count(), 1u);  // #1 is untouched
  ledger_.Destroy(a);
  EXPECT_EQ(ledger_.live_count(), 0u);
}

TEST_F(ValueLedgerTest, DestroyingAnObjectNeverConstructedIsAViolation) {
  ledger_.Construct();
  ledger_.Destroy(7);
  EXPECT_THAT(log_.all(), ElementsAre(IsViolation(Invariant::kValueLifetime,
                                                  "payload object #7 destroyed twice")));
  EXPECT_EQ(ledger_.live_count(), 1u);
}

TEST_F(ValueLedgerTest, DescribeLiveListsTheLeakedObjectsInIdOrder) {
  EXPECT_EQ(ledger_.DescribeLive(), "");
  for (int i = 0; i < 40; ++i) ledger_.Construct();
  for (uint64_t id = 1; id <= 40; ++id) {
    if (id != 3 && id != 17 && id != 25 && id != 40) ledger_.Destroy(id);
  }
  EXPECT_EQ(ledger_.DescribeLive(), "#3, #17, #25, #40");
  EXPECT_THAT(log_.all(), IsEmpty());
}

TEST_F(ValueLedgerTest, TrackedRegistersForItsLifetime) {
  {
    Tracked a(ledger_);
    Tracked b(ledger_);
    EXPECT_EQ(a.id(), 1u);
    EXPECT_EQ(b.id(), 2u);
    EXPECT_EQ(ledger_.live_count(), 2u);
    EXPECT_EQ(ledger_.DescribeLive(), "#1, #2");
  }
  EXPECT_EQ(ledger_.live_count(), 0u);
  EXPECT_EQ(ledger_.constructed(), 2u);
  EXPECT_THAT(log_.all(), IsEmpty());
}

TEST_F(ValueLedgerTest, AMovedToTrackedIsANewObjectAndTheHuskStaysOne) {
  std::optional<Tracked> original(std::in_place, ledger_);
  Tracked moved(std::move(*original));
  EXPECT_EQ(original->id(), 1u);
  EXPECT_EQ(moved.id(), 2u);
  EXPECT_EQ(ledger_.live_count(), 2u);
  original.reset();  // the husk is destroyed once, like any object
  EXPECT_EQ(ledger_.DescribeLive(), "#2");
  EXPECT_THAT(log_.all(), IsEmpty());
}

TEST_F(ValueLedgerTest, MoveAssignmentKeepsEachObjectsIdentity) {
  Tracked a(ledger_);
  Tracked b(ledger_);
  b = std::move(a);
  EXPECT_EQ(a.id(), 1u);
  EXPECT_EQ(b.id(), 2u);
  EXPECT_EQ(ledger_.constructed(), 2u);  // assignment makes no object
  EXPECT_EQ(ledger_.live_count(), 2u);
}

// ---- the host's view of a payload value (model/value.h)

TEST(ValueTest, EqualityComparesKindAndEveryField) {
  EXPECT_EQ(Value::U32(7), Value::U32(7));
  EXPECT_NE(Value::U32(7), Value::U32(8));
  EXPECT_NE(Value::String("a"), Value::String("b"));
  EXPECT_NE(Value::Resource(1), Value::Resource(2));
  EXPECT_NE(Value::List({}), Value::Record({}));  // same fields, other kind
  EXPECT_EQ(Value::Record({Value::String("n"), Value::List({Value::String("t")})}),
            Value::Record({Value::String("n"), Value::List({Value::String("t")})}));
  EXPECT_NE(Value::Record({Value::String("n"), Value::List({Value::String("t")})}),
            Value::Record({Value::String("n"), Value::List({Value::String("u")})}));
}

TEST(ValueTest, ToStringShowsNestedValues) {
  const Value record =
      Value::Record({Value::String("name"), Value::List({Value::String("x"), Value::String("y")}),
                     Value::Resource(4)});
  EXPECT_EQ(record.ToString(), R"({"name", ["x", "y"], res#4})");
  EXPECT_EQ(Value::U32(42).ToString(), "42");
  EXPECT_EQ(Value::List({}).ToString(), "[]");
}

TEST(ValueTest, CollectResourcesFindsEveryResourceInOrder) {
  const Value value =
      Value::List({Value::Resource(5), Value::U32(1),
                   Value::Record({Value::String("s"), Value::Resource(9)}), Value::Resource(2)});
  std::vector<uint64_t> found = {100};  // appended to, not replaced
  value.CollectResources(found);
  EXPECT_EQ(found, (std::vector<uint64_t>{100, 5, 9, 2}));
}

TEST(ValueTest, PayloadKindNamesAndNumbers) {
  EXPECT_STREQ(PayloadKindName(PayloadKind::kU32), "u32");
  EXPECT_STREQ(PayloadKindName(PayloadKind::kString), "string");
  EXPECT_STREQ(PayloadKindName(PayloadKind::kResource), "own<res>");
  EXPECT_STREQ(PayloadKindName(PayloadKind::kRecord), "record");
  EXPECT_TRUE(IsNumberPayload(PayloadKind::kU32));
  EXPECT_FALSE(IsNumberPayload(PayloadKind::kString));
  EXPECT_FALSE(IsNumberPayload(PayloadKind::kResource));
  EXPECT_FALSE(IsNumberPayload(PayloadKind::kRecord));
}

}  // namespace
}  // namespace fc::model
