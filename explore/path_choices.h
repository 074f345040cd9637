// The explorer's ChoiceSource: replays the choice indices of a search path
// and, at every choice point beyond the path, picks option 0 and records the
// arity, so the explorer can enumerate the siblings.
//
// A path is one flat list of indices: for each step, an index into the
// template's enabled actions, then one index per Choose() call that step.
// The explorer and this source share the read position.
#ifndef FUTURECHECK_EXPLORE_PATH_CHOICES_H_
#define FUTURECHECK_EXPLORE_PATH_CHOICES_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "model/choice_source.h"

namespace fc::explore {

using Path = std::vector<uint8_t>;

class PathChoices final : public model::ChoiceSource {
 public:
  explicit PathChoices(const Path& path) : path_(&path) {}

  size_t Choose(const model::ChoicePoint& point) override;

  // The next index of the path (an action index), advancing; false at its end.
  bool NextIndex(uint8_t* index);
  bool at_end() const { return pos_ >= path_->size(); }
  // Arity of each choice point met beyond the path, in order (all answered 0).
  const std::vector<uint8_t>& discovered() const { return discovered_; }
  // A replayed index was out of range: the path does not fit the run.
  bool mismatch() const { return mismatch_; }

 private:
  const Path* path_;
  size_t pos_ = 0;
  std::vector<uint8_t> discovered_;
  bool mismatch_ = false;
};

}  // namespace fc::explore

#endif  // FUTURECHECK_EXPLORE_PATH_CHOICES_H_
