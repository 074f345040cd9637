// What the executor tells an observer about each task: the seam a checker
// (model/task_ledger.h) keeps its own books through, independent of the
// executor's reference counts. A shipped runtime has no observer.
#ifndef FUTURECHECK_RUNTIME_TASK_OBSERVER_H_
#define FUTURECHECK_RUNTIME_TASK_OBSERVER_H_

#include <cstdint>

namespace fc::rt {

enum class TaskEvent : uint8_t {
  kSpawned,       // storage allocated, frame built
  kPolled,        // about to poll the task
  kWakerCloned,   // a waker for it was made or copied
  kWakerDropped,  // a waker for it went away
  kWoken,         // a waker for it was woken
  kFrameDropped,  // its frame was destroyed (completed or cancelled)
  kFreed,         // its storage is about to be freed
};

class TaskObserver {
 public:
  virtual ~TaskObserver() = default;
  // `storage` is the task's allocation. It may already be freed when the
  // runtime is wrong: the observer must not read it.
  virtual void OnTask(TaskEvent event, const void* storage, uint32_t id) = 0;
  // A turn of the loop begins (RunTurn).
  virtual void OnTurn() = 0;
};

}  // namespace fc::rt

#endif  // FUTURECHECK_RUNTIME_TASK_OBSERVER_H_
