#include "model/choice_source.h"

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "runtime/return_code.h"

namespace fc::model {

size_t ScriptedChoices::Choose(const ChoicePoint& point) {
  if (codes_.empty()) return 0;
  const uint32_t wanted = codes_.front();
  codes_.pop_front();
  for (size_t i = 0; i < point.options.size(); ++i) {
    if (point.options[i] == wanted) return i;
  }
  errors_.push_back(
      absl::StrFormat("%s: the script asks for %s, legal outcomes are {%s}", point.call,
                      rt::FormatReturnCode(wanted),
                      absl::StrJoin(point.options, ", ", [](std::string* out, uint32_t code) {
                        out->append(rt::FormatReturnCode(code));
                      })));
  return 0;
}

}  // namespace fc::model
