#include "model/trace.h"

#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace fc::model {
namespace {

constexpr const char* kPrefix[] = {"user   ", "host   ", "peer   ",
                                   "event  ", "runtime", "check  "};

}  // namespace

void Trace::Keep(Source source, std::string text) {
  lines_.push_back(absl::StrCat(kPrefix[static_cast<int>(source)], " ", text));
}

std::vector<std::string> Trace::HostCalls() const {
  std::vector<std::string> calls;
  const std::string host = absl::StrCat(kPrefix[static_cast<int>(Source::kHost)], " ");
  const std::string event = absl::StrCat(kPrefix[static_cast<int>(Source::kEvent)], " ");
  for (const std::string& line : lines_) {
    if (absl::StartsWith(line, host)) calls.push_back(line.substr(host.size()));
    if (absl::StartsWith(line, event)) calls.push_back("<- " + line.substr(event.size()));
  }
  return calls;
}

std::string Trace::Render() const {
  std::string out;
  for (size_t i = 0; i < lines_.size(); ++i) {
    absl::StrAppendFormat(&out, "%4d  %s\n", i + 1, lines_[i]);
  }
  return out;
}

}  // namespace fc::model
