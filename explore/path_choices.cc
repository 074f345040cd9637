#include "explore/path_choices.h"

#include <algorithm>

namespace fc::explore {

size_t PathChoices::Choose(const model::ChoicePoint& point) {
  if (pos_ < path_->size()) {
    const size_t index = (*path_)[pos_++];
    if (index >= point.options.size()) {
      mismatch_ = true;
      return 0;
    }
    return index;
  }
  discovered_.push_back(static_cast<uint8_t>(std::min<size_t>(point.options.size(), 255)));
  return 0;
}

bool PathChoices::NextIndex(uint8_t* index) {
  if (pos_ >= path_->size()) return false;
  *index = (*path_)[pos_++];
  return true;
}

}  // namespace fc::explore
