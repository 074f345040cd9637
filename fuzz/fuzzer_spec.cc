#include "fuzz/fuzzer_spec.h"

#include <cstdio>
#include <cstdlib>  // std::exit
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"

namespace fc::fuzz {
namespace {

model::SpecRevision& Current() {
  static model::SpecRevision spec = model::SpecRevision::k2026_08;
  return spec;
}

[[noreturn]] void Refuse(absl::string_view why) {
  std::fprintf(stderr, "futurecheck fuzzer: %.*s\n", static_cast<int>(why.size()), why.data());
  std::exit(2);
}

}  // namespace

int InitFuzzerSpec(int argc, char** argv, const char* built_for) {
  absl::StatusOr<model::SpecRevision> spec = model::SpecRevisionNamed(built_for);
  if (!spec.ok()) Refuse(absl::StrCat("built for: ", spec.status().message()));
  spec = model::SpecRevisionFromEnvironment(/*unset=*/*spec);
  if (!spec.ok()) Refuse(spec.status().message());
  for (int i = 1; i < argc; ++i) {
    absl::string_view arg = argv[i];
    if (!absl::ConsumePrefix(&arg, "--spec=")) continue;
    spec = model::SpecRevisionNamed(arg);
    if (!spec.ok()) Refuse(absl::StrCat("--spec: ", spec.status().message()));
  }
  Current() = *spec;
  if (*spec != model::SpecRevision::k2026_08) {
    std::fprintf(stderr, "futurecheck fuzzer: spec revision %s\n", model::SpecRevisionName(*spec));
  }
  return 0;
}

model::SpecRevision FuzzerSpec() { return Current(); }

}  // namespace fc::fuzz
