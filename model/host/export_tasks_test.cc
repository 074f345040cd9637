#include "model/host/export_tasks.h"

#include <gtest/gtest.h>

namespace fc::model {
namespace {

using State = ExportTasks::State;

TEST(ExportTasksTest, ReturnEndsARunningTaskOnce) {
  ExportTasks tasks;
  const uint32_t t = tasks.Start();
  EXPECT_EQ(t, 1u);
  EXPECT_EQ(tasks.Unresolved(), std::vector<std::string>{"task 1 (running)"});
  EXPECT_EQ(tasks.Return(t).value_or(State::kCancelled), State::kRunning) << "the state it left";
  EXPECT_EQ(tasks.state(t), State::kReturned);
  EXPECT_FALSE(tasks.Return(t).ok()) << "resolved twice";
  EXPECT_FALSE(tasks.Cancel(t).ok());
  EXPECT_TRUE(tasks.Unresolved().empty());
}

TEST(ExportTasksTest, CancelOnlyAfterADeliveredCancellation) {
  ExportTasks tasks;
  const uint32_t t = tasks.Start();
  EXPECT_FALSE(tasks.Cancel(t).ok()) << "nothing delivered yet";
  ASSERT_TRUE(tasks.DeliverCancel(t).ok());
  EXPECT_FALSE(tasks.DeliverCancel(t).ok()) << "delivered twice";
  EXPECT_EQ(tasks.Unresolved(), std::vector<std::string>{"task 1 (cancel delivered)"});
  EXPECT_TRUE(tasks.Cancel(t).ok());
  EXPECT_EQ(tasks.state(t), State::kCancelled);
  EXPECT_EQ(tasks.Describe(), "1 cancelled");
}

TEST(ExportTasksTest, ATaskMayStillReturnAfterItsCancelWasDelivered) {
  ExportTasks tasks;
  const uint32_t t = tasks.Start();
  ASSERT_TRUE(tasks.DeliverCancel(t).ok());
  EXPECT_EQ(tasks.Return(t).value_or(State::kRunning), State::kCancelDelivered);
}

TEST(ExportTasksTest, UnknownTasksAreNotFound) {
  ExportTasks tasks;
  EXPECT_EQ(tasks.DeliverCancel(1).code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(tasks.Return(0).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(tasks.Cancel(2).code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace fc::model
