#include "runtime/executor.h"

#include <algorithm>

namespace fc::rt {

// The vtable behind every task waker: the data is the task header.
struct TaskWakerOps {
  static void Clone(void* data) {
    auto* task = static_cast<TaskHeader*>(data);
    task->executor->Notify(TaskEvent::kWakerCloned, task);
    task->executor->Retain(task);
  }
  static void Wake(void* data) {
    auto* task = static_cast<TaskHeader*>(data);
    task->executor->Notify(TaskEvent::kWoken, task);
    task->executor->Wake(task);
  }
  static void Drop(void* data) {
    auto* task = static_cast<TaskHeader*>(data);
    task->executor->Notify(TaskEvent::kWakerDropped, task);
    task->executor->Release(task);
  }
  static constexpr WakerVTable kVTable{&Clone, &Wake, &Drop};
};

Executor::~Executor() noexcept(false) { DropAll(); }

void* Executor::AllocateFrame(size_t frame_size, const TaskVTable* vtable) {
  const size_t size = kHeaderSize + frame_size;
  void* storage = abi_->Alloc(size, 16);
  auto* task = new (storage) TaskHeader{};
  task->vtable = vtable;
  task->executor = this;
  task->frame = static_cast<char*>(storage) + kHeaderSize;
  task->storage_size = size;
  task->id = next_id_++;
  tasks_.push_back(task);
  new_header_ = task;
  return task->frame;
}

void Executor::SpawnFrame(TaskHeader* task, uint32_t host_task) {
  task->host_task = host_task;
  Notify(TaskEvent::kSpawned, task);
  if (current_ != nullptr) {
    Poll(task);  // started in place, inside the spawning task's poll
  } else {
    Queue(task);
  }
}

void Executor::Queue(TaskHeader* task) {
  task->queued = true;
  Retain(task);
  queue_.push_back(task);
}

void Executor::Wake(TaskHeader* task) {
  if (!task->frame_live || task->queued) return;
  Queue(task);
}

Waker Executor::CurrentWaker() {
  if (current_ == nullptr) return Waker::Noop();
  Notify(TaskEvent::kWakerCloned, current_);
  Retain(current_);
  return Waker(&TaskWakerOps::kVTable, current_);
}

bool Executor::RunTurn() {
  if (observer_ != nullptr) observer_->OnTurn();
  // Only what was queued when the turn began: a task that wakes itself (a
  // yield) runs again next turn, after the host had its say.
  size_t budget = queue_.size();
  while (!queue_.empty() && budget-- > 0) {
    TaskHeader* task = queue_.front();
    queue_.pop_front();
    task->queued = false;
    if (task->frame_live) Poll(task);
    Release(task);  // the queue entry's reference
  }
  return !queue_.empty();
}

void Executor::Poll(TaskHeader* task) {
  Notify(TaskEvent::kPolled, task);
  TaskHeader* outer = current_;
  current_ = task;
  bool finished;
  try {
    finished = task->vtable->poll(task);
  } catch (...) {
    current_ = outer;
    DropFrame(task);
    throw;
  }
  current_ = outer;
  if (finished) {
    if (task->host_task != 0) abi_->TaskReturn(task->host_task);
    DropFrame(task);
  }
}

void Executor::DropFrame(TaskHeader* task) {
  if (!task->frame_live) return;
  task->frame_live = false;
  task->suspended_on = nullptr;
  task->vtable->drop_frame(task);
  Notify(TaskEvent::kFrameDropped, task);
  Release(task);  // the frame's reference
}

void Executor::Release(TaskHeader* task) {
  if (--task->refs != 0) return;
  Notify(TaskEvent::kFreed, task);
  tasks_.erase(std::remove(tasks_.begin(), tasks_.end(), task), tasks_.end());
  const size_t size = task->storage_size;
  task->~TaskHeader();
  abi_->Free(task, size, 16);
}

bool Executor::CancelHostTask(uint32_t host_task) {
  for (TaskHeader* task : tasks_) {
    if (task->host_task != host_task || !task->frame_live) continue;
    task->cancelled = true;
    DropFrame(task);
    abi_->TaskCancel(host_task);
    return true;
  }
  return false;
}

void Executor::DropAll() {
  // Dropping a frame may spawn (a default write) or free other tasks: take
  // one live frame at a time until none is left.
  for (;;) {
    auto it = std::find_if(tasks_.begin(), tasks_.end(),
                           [](const TaskHeader* t) { return t->frame_live; });
    if (it == tasks_.end()) break;
    DropFrame(*it);
  }
  while (!queue_.empty()) {
    TaskHeader* task = queue_.front();
    queue_.pop_front();
    task->queued = false;
    Release(task);
  }
}

std::vector<Executor::TaskInfo> Executor::LiveTasks() const {
  std::vector<TaskInfo> out;
  for (const TaskHeader* task : tasks_) {
    if (!task->frame_live) continue;
    out.push_back(TaskInfo{task->id, task->host_task, task->queued,
                           task->suspended_on != nullptr && task->suspended_on->WouldProgress()});
  }
  return out;
}

}  // namespace fc::rt
