#include "sut/channel_ends.h"

namespace fc::sut {

const char* CopyResultName(CopyResult result) {
  switch (result) {
    case CopyResult::kCompleted:
      return "COMPLETED";
    case CopyResult::kDropped:
      return "DROPPED";
    case CopyResult::kCancelled:
      return "CANCELLED";
  }
  return "?";
}

}  // namespace fc::sut
