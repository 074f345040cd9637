// What a task program tells the harness about the channel it works on. The
// programs themselves belong to an adapter (they are guest code, written in
// the runtime's own terms); every result they see comes back here, where a
// slot checks it against the model exactly like a result polled by hand.
#ifndef FUTURECHECK_SUT_TASK_REPORTS_H_
#define FUTURECHECK_SUT_TASK_REPORTS_H_

#include <cstdint>
#include <vector>

#include "model/any_payload.h"
#include "sut/channel_ends.h"
#include "sut/task_record.h"

namespace fc::sut {

class FutureTaskReports {
 public:
  // A fresh value to write (the slot remembers it as the value written).
  virtual AnyPayload MakeValue() = 0;
  // The slot now expects `value` to be the value written (a relay's).
  virtual void WillWrite(const AnyPayload& value) = 0;
  // Checks a value the task read; Keep hands the slot one the task is done
  // with (the guest drops it).
  virtual void TaskRead(const TaskRecord& task, const AnyPayload& value) = 0;
  virtual void Keep(AnyPayload value) = 0;
  virtual void TaskWrote(const TaskRecord& task, FutureWriteOutcome outcome) = 0;

 protected:
  ~FutureTaskReports() = default;
};

class StreamTaskReports {
 public:
  // `count` fresh values for a write; the slot remembers them as offered.
  virtual std::vector<AnyPayload> Offer(const TaskRecord& task, uint32_t count) = 0;
  // Check a finished write or read and keep what it handed back (unsent
  // elements, elements read); the end itself stays with the task.
  virtual void TaskWrote(const TaskRecord& task, StreamWriteResult& result) = 0;
  virtual void TaskRead(const TaskRecord& task, StreamReadResult& result) = 0;

 protected:
  ~StreamTaskReports() = default;
};

}  // namespace fc::sut

#endif  // FUTURECHECK_SUT_TASK_REPORTS_H_
