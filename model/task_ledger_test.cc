#include "model/task_ledger.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>

#include "model/ledger_test_util.h"
#include "model/trace.h"
#include "model/violation.h"
#include "runtime/task_observer.h"

namespace fc::model {
namespace {

using rt::TaskEvent;
using testing::ElementsAre;
using testing::HasSubstr;
using testing::IsEmpty;

class TaskLedgerTest : public testing::Test {
 protected:
  // Task `i` lives in storage_[i], so the ledger's order (by storage) is
  // the tasks' order.
  void Report(int i, std::initializer_list<TaskEvent> events) {
    for (TaskEvent event : events) ledger_.OnTask(event, &storage_[i], static_cast<uint32_t>(i));
  }
  // Spawned, polled once, completed: the whole life of a task done right.
  void RunToCompletion(int i) {
    Report(i,
           {TaskEvent::kSpawned, TaskEvent::kPolled, TaskEvent::kFrameDropped, TaskEvent::kFreed});
  }

  ViolationLog log_;
  Trace trace_;
  TaskLedger ledger_{log_, trace_, /*poll_budget=*/3};
  char storage_[8] = {};
};

TEST_F(TaskLedgerTest, ATaskDoneRightLeavesNoViolation) {
  Report(1,
         {TaskEvent::kSpawned, TaskEvent::kWakerCloned, TaskEvent::kPolled, TaskEvent::kWakerCloned,
          TaskEvent::kWoken, TaskEvent::kWakerDropped, TaskEvent::kPolled, TaskEvent::kFrameDropped,
          TaskEvent::kWakerDropped, TaskEvent::kFreed});
  ledger_.CheckAllFreed();
  EXPECT_THAT(log_.all(), IsEmpty());
  EXPECT_THAT(trace_.lines(), IsEmpty());
  EXPECT_EQ(ledger_.live(), 0u);
}

TEST_F(TaskLedgerTest, CountsLiveTasksAndTheirWakers) {
  EXPECT_EQ(ledger_.live(), 0u);
  EXPECT_EQ(ledger_.wakers(1), std::nullopt);  // never spawned
  Report(1, {TaskEvent::kSpawned});
  Report(2, {TaskEvent::kSpawned, TaskEvent::kWakerCloned, TaskEvent::kWakerCloned,
             TaskEvent::kWakerCloned, TaskEvent::kWakerDropped});
  EXPECT_EQ(ledger_.live(), 2u);
  EXPECT_EQ(ledger_.wakers(1), 0);
  EXPECT_EQ(ledger_.wakers(2), 2);
  Report(1, {TaskEvent::kFrameDropped, TaskEvent::kFreed});
  EXPECT_EQ(ledger_.live(), 1u);
  EXPECT_EQ(ledger_.wakers(1), std::nullopt);  // freed: no longer a task
  EXPECT_THAT(log_.all(), IsEmpty());
}

TEST_F(TaskLedgerTest, EveryEventAfterTheStorageWasFreedIsAUseAfterFree) {
  const struct {
    TaskEvent event;
    const char* name;
  } kEvents[] = {
      {TaskEvent::kPolled, "polled"},
      {TaskEvent::kWakerCloned, "waker cloned"},
      {TaskEvent::kWakerDropped, "waker dropped"},
      {TaskEvent::kWoken, "woken"},
      {TaskEvent::kFrameDropped, "frame dropped"},
      {TaskEvent::kFreed, "freed"},
  };
  for (const auto& [event, name] : kEvents) {
    ViolationLog log;
    Trace trace;
    TaskLedger ledger(log, trace);
    char storage = 0;
    for (TaskEvent e : {TaskEvent::kSpawned, TaskEvent::kFrameDropped, TaskEvent::kFreed, event}) {
      ledger.OnTask(e, &storage, 4);
    }
    const std::string message =
        std::string("task 4: ") + name + " after its storage was freed (use after free)";
    EXPECT_THAT(log.all(), ElementsAre(IsViolation(Invariant::kTaskMemory, message))) << name;
    EXPECT_THAT(trace.lines(), ElementsAre(HasSubstr("VIOLATION: " + message))) << name;
  }
}

TEST_F(TaskLedgerTest, AnEventOnStorageNoTaskWasSpawnedInIsAViolation) {
  Report(1, {TaskEvent::kSpawned});
  Report(2, {TaskEvent::kWoken});
  EXPECT_THAT(log_.all(), ElementsAre(IsViolation(Invariant::kTaskMemory,
                                                  "woken on storage no task was spawned in")));
  EXPECT_EQ(ledger_.live(), 1u);  // nothing was made up for the stranger
}

TEST_F(TaskLedgerTest, PollAfterTheFrameWasDroppedIsAViolation) {
  Report(1, {TaskEvent::kSpawned, TaskEvent::kFrameDropped, TaskEvent::kPolled});
  EXPECT_THAT(log_.all(), ElementsAre(IsViolation(Invariant::kTaskMemory,
                                                  "task 1: polled after its frame was dropped")));
  EXPECT_THAT(trace_.lines(),
              ElementsAre(HasSubstr("VIOLATION: task 1: polled after its frame was dropped")));
}

TEST_F(TaskLedgerTest, MoreWakersDroppedThanMadeIsAViolation) {
  Report(1, {TaskEvent::kSpawned, TaskEvent::kWakerCloned, TaskEvent::kWakerDropped});
  EXPECT_THAT(log_.all(), IsEmpty());
  Report(1, {TaskEvent::kWakerDropped});
  EXPECT_THAT(log_.all(), ElementsAre(IsViolation(Invariant::kTaskMemory,
                                                  "task 1: more wakers dropped than made")));
  EXPECT_EQ(ledger_.wakers(1), -1);
}

TEST_F(TaskLedgerTest, FrameDroppedTwiceIsAViolation) {
  Report(1, {TaskEvent::kSpawned, TaskEvent::kFrameDropped, TaskEvent::kFrameDropped});
  EXPECT_THAT(log_.all(),
              ElementsAre(IsViolation(Invariant::kTaskMemory, "task 1: frame dropped twice")));
}

TEST_F(TaskLedgerTest, StorageFreedWhileTheFrameLivesIsAViolation) {
  Report(1, {TaskEvent::kSpawned, TaskEvent::kFreed});
  EXPECT_THAT(log_.all(),
              ElementsAre(IsViolation(Invariant::kTaskMemory,
                                      "task 1: storage freed while its frame is still live")));
  EXPECT_EQ(ledger_.live(), 0u);  // counted as freed all the same
}

TEST_F(TaskLedgerTest, StorageFreedWhileWakersPointAtItIsAViolation) {
  Report(1, {TaskEvent::kSpawned, TaskEvent::kWakerCloned, TaskEvent::kWakerCloned,
             TaskEvent::kFrameDropped, TaskEvent::kFreed});
  EXPECT_THAT(log_.all(),
              ElementsAre(IsViolation(Invariant::kTaskMemory,
                                      "task 1: storage freed while 2 waker(s) still point at it")));
}

TEST_F(TaskLedgerTest, OneTurnPollingPastTheBudgetIsStarvation) {
  Report(1, {TaskEvent::kSpawned});
  ledger_.OnTurn();
  Report(1, {TaskEvent::kPolled, TaskEvent::kPolled, TaskEvent::kPolled});  // the budget: 3
  EXPECT_THAT(log_.all(), IsEmpty());
  try {
    Report(1, {TaskEvent::kPolled});
    ADD_FAILURE() << "the poll past the budget did not throw";
  } catch (const TurnBudgetExceeded& e) {
    EXPECT_EQ(e.polls, 3u);
  }
  EXPECT_THAT(log_.all(), ElementsAre(IsViolation(
                              Invariant::kStarvation,
                              "task 1: one turn of the task loop polled 3 times and is still "
                              "going: a busy task keeps events from the guest")));
}

TEST_F(TaskLedgerTest, EachTurnStartsTheBudgetAgain) {
  Report(1, {TaskEvent::kSpawned});
  Report(2, {TaskEvent::kSpawned});
  for (int turn = 0; turn < 4; ++turn) {
    ledger_.OnTurn();
    Report(1, {TaskEvent::kPolled, TaskEvent::kPolled});
    EXPECT_NO_THROW(Report(2, {TaskEvent::kPolled})) << "turn " << turn;
  }
  EXPECT_THAT(log_.all(), IsEmpty());
}

TEST_F(TaskLedgerTest, CheckAllFreedReportsEveryTaskNeverFreed) {
  RunToCompletion(1);
  Report(2, {TaskEvent::kSpawned, TaskEvent::kWakerCloned});
  Report(3, {TaskEvent::kSpawned, TaskEvent::kFrameDropped});
  ledger_.CheckAllFreed();
  EXPECT_THAT(log_.all(),
              ElementsAre(IsViolation(Invariant::kTaskLeak,
                                      "task storage never freed: task 2 (frame live, 1 waker(s)), "
                                      "task 3 (frame dropped, 0 waker(s))")));
}

TEST_F(TaskLedgerTest, DescribeShowsEachTasksState) {
  EXPECT_EQ(ledger_.Describe(), "");
  RunToCompletion(1);
  Report(2, {TaskEvent::kSpawned, TaskEvent::kWakerCloned});
  Report(3, {TaskEvent::kSpawned, TaskEvent::kWakerCloned, TaskEvent::kWakerCloned,
             TaskEvent::kFrameDropped});
  EXPECT_EQ(ledger_.Describe(), "  tasks: 1:freed, 2:live/1w, 3:dropped/2w\n");
}

// Reports list tasks by id, wherever the heap put their storage: a later
// task at a lower address (as a real allocator may do) changes nothing.
TEST_F(TaskLedgerTest, ReportsAreInTaskIdOrderNotAddressOrder) {
  ledger_.OnTask(TaskEvent::kSpawned, &storage_[5], 1);
  ledger_.OnTask(TaskEvent::kSpawned, &storage_[2], 2);
  EXPECT_EQ(ledger_.Describe(), "  tasks: 1:live/0w, 2:live/0w\n");
  ledger_.CheckAllFreed();
  EXPECT_THAT(log_.all(),
              ElementsAre(IsViolation(Invariant::kTaskLeak,
                                      "task storage never freed: task 1 (frame live, 0 waker(s)), "
                                      "task 2 (frame live, 0 waker(s))")));
}

}  // namespace
}  // namespace fc::model
