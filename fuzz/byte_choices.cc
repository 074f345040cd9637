#include "fuzz/byte_choices.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "fuzz/failure_report.h"
#include "fuzz/fuzzer_spec.h"
#include "scenario/findings.h"

namespace fc::fuzz {

using scenario::Action;
using scenario::Session;

size_t ByteChoices::Choose(const model::ChoicePoint& point) {
  const uint8_t byte = cursor_->Next();
  return point.options.empty() ? 0 : byte % point.options.size();
}

std::vector<Action> PickableActions(const Session& session, const DecodeOptions& options) {
  std::vector<Action> enabled = session.EnabledActions();
  if (options.filter != nullptr) {
    std::erase_if(enabled, [&](const Action& a) { return !options.filter(a); });
  }
  return enabled;
}

DecodedRun RunBytes(absl::string_view bytes, const DecodeOptions& options) {
  DecodedRun run;
  run.had_version = !bytes.empty();
  if (run.had_version) run.version = static_cast<uint8_t>(bytes[0]);
  // Any version byte decodes as the current version (see the header).
  ByteCursor cursor(run.had_version ? bytes.substr(1) : bytes);
  ByteChoices choices(cursor);
  {
    Session session(choices, options.session);
    while (run.steps < options.max_steps && !cursor.empty()) {
      std::vector<Action> pickable = PickableActions(session, options);
      if (pickable.empty()) break;
      const uint8_t byte = cursor.Next();
      // An enabled action always applies; if one did not, the session logs
      // a script violation, which the fuzzers report as a harness bug.
      (void)session.Step(pickable[byte % pickable.size()]);
      ++run.steps;
    }
    run.result = session.Finish();
  }
  run.bytes_used = cursor.consumed() + (run.had_version ? 1 : 0);
  return run;
}

namespace {

// Replays scripted outcomes and writes each one's index as a byte.
class IndexRecorder final : public model::ChoiceSource {
 public:
  IndexRecorder(std::vector<uint32_t> codes, std::string& out)
      : scripted_(std::move(codes)), out_(&out) {}
  size_t Choose(const model::ChoicePoint& point) override {
    const size_t index = scripted_.Choose(point);
    out_->push_back(static_cast<char>(static_cast<uint8_t>(index)));
    return index;
  }
  const model::ScriptedChoices& scripted() const { return scripted_; }

 private:
  model::ScriptedChoices scripted_;
  std::string* out_;
};

}  // namespace

absl::StatusOr<std::string> EncodeScenario(const scenario::Scenario& scenario,
                                           const DecodeOptions& options) {
  if (scenario.actions.size() > options.max_steps) {
    return absl::InvalidArgumentError(
        absl::StrFormat("the scenario has %u actions; the byte format holds at most %u",
                        scenario.actions.size(), options.max_steps));
  }
  std::string out(1, static_cast<char>(VersionFor(options)));
  IndexRecorder recorder(scenario.outcomes, out);
  size_t teardown_start = 0;
  size_t last_action_end = out.size();
  bool decoder_reads_teardown = true;
  {
    Session session(recorder, options.session);
    for (size_t i = 0; i < scenario.actions.size(); ++i) {
      if (session.failed()) break;  // the decoder stops here too
      const Action& action = scenario.actions[i];
      std::vector<Action> pickable = PickableActions(session, options);
      auto it = std::find(pickable.begin(), pickable.end(), action);
      if (it == pickable.end()) {
        return absl::InvalidArgumentError(
            absl::StrFormat("action %u (\"%s\") is not enabled at that point (%u channels at most)",
                            i + 1, scenario::FormatAction(action), options.session.max_channels));
      }
      const size_t index = static_cast<size_t>(it - pickable.begin());
      if (index > 0xff) {
        return absl::InvalidArgumentError(
            absl::StrFormat("action %u has index %u, more than a byte holds", i + 1, index));
      }
      out.push_back(static_cast<char>(static_cast<uint8_t>(index)));
      last_action_end = out.size();
      (void)session.Step(action);
    }
    // The decoder gives the teardown the bytes after the last step only when
    // it stops stepping on its own; otherwise it would read them as steps.
    decoder_reads_teardown = session.failed() || session.steps() >= options.max_steps ||
                             PickableActions(session, options).empty();
    teardown_start = out.size();
    const bool failed_before_teardown = session.failed();
    (void)session.Finish();
    if (!recorder.scripted().errors().empty()) {
      return absl::InvalidArgumentError(absl::StrJoin(recorder.scripted().errors(), "; "));
    }
    // A run that broke an invariant stops there, in the decoder too.
    if (!failed_before_teardown && recorder.scripted().remaining() != 0) {
      return absl::InvalidArgumentError(absl::StrFormat("%u scripted outcome(s) were never used",
                                                        recorder.scripted().remaining()));
    }
  }
  // Trailing choice zeros are what a missing byte means anyway (an action
  // byte must stay: 0 there picks the first enabled action).
  while (out.size() > last_action_end && out.back() == 0) out.pop_back();
  if (out.size() > teardown_start && !decoder_reads_teardown) {
    return absl::FailedPreconditionError(
        "the teardown needs a non-default outcome, which the byte format can only say when "
        "the run ends at the step cap or with nothing left to do");
  }
  return out;
}

DecodeOptions StreamOptions() {
  DecodeOptions options;
  options.session.streams = true;
  return options;
}

DecodeOptions TaskOptions() {
  DecodeOptions options;
  options.session.tasks = true;
  options.session.streams = true;  // tasks over futures and streams alike
  return options;
}

std::string ModeFlag(const DecodeOptions& options) {
  if (options.session.tasks) return "--tasks";
  return options.session.streams ? "--streams" : "--futures";
}

uint8_t VersionFor(const DecodeOptions& options) {
  if (options.session.tasks) return kTaskFormatVersion;
  return options.session.streams ? kStreamFormatVersion : kFormatVersion;
}

void FuzzOneScenario(absl::string_view bytes, const DecodeOptions& options) {
  DecodeOptions under_spec = options;
  under_spec.session.spec = FuzzerSpec();
  // Without a trace first: most inputs pass, and a passing run needs no
  // strings. A finding runs again with the trace on, for the report; runs
  // are deterministic, so it fails the same way (checked: a replay that
  // passes is reported as such, and is a finding too).
  under_spec.session.record_trace = false;
  if (RunBytes(bytes, under_spec).result.ok()) return;
  under_spec.session.record_trace = true;
  const DecodedRun run = RunBytes(bytes, under_spec);
  if (run.result.ok()) {
    std::fprintf(stderr,
                 "futurecheck: this input broke an invariant without a trace and passed with one: "
                 "a nondeterministic run (a harness bug); replay it with //fuzz:repro\n");
    std::abort();
  }
  std::string report = FailureReport(run.result, under_spec.session.spec);
  report += scenario::SaveFindingAndSay(
      {.driver = absl::StrCat("fuzzer (", ModeFlag(under_spec).substr(2), " mode)"),
       .spec = under_spec.session.spec,
       .result = run.result,
       .fuzz_input = std::string(bytes),
       .replay_hint = ModeFlag(under_spec)});
  std::fwrite(report.data(), 1, report.size(), stderr);
  std::fflush(stderr);
  std::abort();
}

}  // namespace fc::fuzz
