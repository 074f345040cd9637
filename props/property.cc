#include "props/property.h"

#include <rapidcheck/state.h>

#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "props/commands.h"
#include "props/property_stats.h"
#include "scenario/findings.h"

namespace fc::props {

void CheckScenario(const scenario::SessionOptions& options) {
  PropertyStats::Get().cases++;
  SessionSut sut(options);
  rc::state::check(InitialModel(options), sut, &GenStep);
  scenario::RunResult result = sut.session->Finish();
  if (!result.ok()) FailWith(result);
}

rc::detail::TestResult RunProperty(const std::string& id, scenario::SessionOptions options,
                                   int default_cases) {
  // The revision comes from the environment, as RC_PARAMS does: a test
  // target per revision sets it (props/BUILD.bazel).
  absl::StatusOr<model::SpecRevision> spec = model::SpecRevisionFromEnvironment();
  if (!spec.ok()) return rc::detail::Error{std::string(spec.status().message())};
  options.spec = *spec;
  std::fprintf(stderr, "%s: spec revision %s (%s=%s to reproduce)\n", id.c_str(),
               model::SpecRevisionName(*spec), model::kSpecEnvironmentVariable,
               model::SpecRevisionName(*spec));
  rc::detail::TestMetadata metadata;
  metadata.id = id;
  metadata.description = id;
  rc::detail::TestParams params = rc::detail::configuration().testParams;
  const char* env = std::getenv("RC_PARAMS");
  if (env == nullptr || *env == '\0') {
    params.maxSuccess = default_cases;
    params.seed = kDefaultSeed;
    std::fprintf(stderr,
                 "%s: RC_PARAMS unset, so %d cases from seed %llu (ignore RapidCheck's random "
                 "seed above); set RC_PARAMS=\"max_success=N seed=S\" to change\n",
                 id.c_str(), default_cases, static_cast<unsigned long long>(kDefaultSeed));
  }
  PropertyStats::Get().last_failure.reset();
  rc::detail::TestResult result = rc::detail::checkProperty(
      rc::detail::toProperty([options] { CheckScenario(options); }), metadata, params);
  // The last failing run is the shrunk counterexample: into the findings
  // folder with it (scenario/findings.h).
  std::optional<scenario::RunResult>& failure = PropertyStats::Get().last_failure;
  if (!result.template is<rc::detail::SuccessResult>() && failure.has_value()) {
    std::fputs(scenario::SaveFindingAndSay({.driver = absl::StrCat("property suite (", id, ")"),
                                            .spec = options.spec,
                                            .result = *failure})
                   .c_str(),
               stderr);
  }
  return result;
}

std::string PropertyFailure(const std::string& id, const scenario::SessionOptions& options) {
  const rc::detail::TestResult result = RunProperty(id, options);
  if (result.template is<rc::detail::SuccessResult>()) return "";
  std::ostringstream message;
  rc::detail::printResultMessage(result, message);
  return message.str().empty() ? "the property did not succeed" : message.str();
}

}  // namespace fc::props
