#include "scenario/scenario_text.h"

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "runtime/abi.h"
#include "runtime/return_code.h"

namespace fc::scenario {
namespace {

std::optional<Op> OpFromName(absl::string_view name) {
  for (int i = 0; i < kNumOps; ++i) {
    const auto op = static_cast<Op>(i);
    if (name == OpName(op)) return op;
  }
  return std::nullopt;
}

std::optional<model::PayloadKind> KindFromName(absl::string_view name) {
  for (int i = 0; i < model::kNumPayloadKinds; ++i) {
    const auto kind = static_cast<model::PayloadKind>(i);
    if (name == model::PayloadKindName(kind)) return kind;
  }
  return std::nullopt;
}

std::optional<uint32_t> CodeFromName(absl::string_view name) {
  if (name == "BLOCKED") return rt::kBlocked;
  // NAME(n): a stream result with its count.
  if (size_t open = name.find('('); open != absl::string_view::npos && name.back() == ')') {
    uint32_t count = 0;
    std::optional<uint32_t> base = CodeFromName(name.substr(0, open));
    if (!base || *base == rt::kBlocked ||
        !absl::SimpleAtoi(name.substr(open + 1, name.size() - open - 2), &count) ||
        count > rt::kMaxCopyLength) {
      return std::nullopt;
    }
    return *base | (count << 4);
  }
  if (name == "COMPLETED") return static_cast<uint32_t>(rt::CopyResult::kCompleted);
  if (name == "DROPPED") return static_cast<uint32_t>(rt::CopyResult::kDropped);
  if (name == "CANCELLED") return static_cast<uint32_t>(rt::CopyResult::kCancelled);
  return std::nullopt;
}

std::string KindNames() {
  std::vector<std::string> names;
  for (int i = 0; i < model::kNumPayloadKinds; ++i) {
    names.push_back(model::PayloadKindName(static_cast<model::PayloadKind>(i)));
  }
  return absl::StrJoin(names, ", ");
}

}  // namespace

absl::StatusOr<Scenario> ParseScenario(absl::string_view text) {
  Scenario scenario;
  int line_no = 0;
  bool saw_outcomes = false;
  for (absl::string_view raw : absl::StrSplit(text, '\n')) {
    ++line_no;
    absl::string_view line = raw;
    if (size_t hash = line.find('#'); hash != absl::string_view::npos) line = line.substr(0, hash);
    line = absl::StripAsciiWhitespace(line);
    if (line.empty()) continue;
    auto error = [&](const std::string& why) {
      return absl::InvalidArgumentError(
          absl::StrFormat("line %d: %s: \"%s\"", line_no, why, absl::CEscape(raw)));
    };
    std::vector<absl::string_view> words = absl::StrSplit(line, ' ', absl::SkipWhitespace());
    if (words[0] == "outcomes:") {
      if (saw_outcomes) return error("a second outcomes: line");
      saw_outcomes = true;
      for (size_t i = 1; i < words.size(); ++i) {
        std::optional<uint32_t> code = CodeFromName(words[i]);
        if (!code) {
          return error(
              "an outcome is BLOCKED, COMPLETED, DROPPED or CANCELLED, with (n) for streams");
        }
        scenario.outcomes.push_back(*code);
      }
      continue;
    }
    if (saw_outcomes) return error("actions must come before the outcomes: line");
    std::optional<Op> op = OpFromName(words[0]);
    if (!op) return error("unknown action (see scenario/scenario_text.h)");
    Action action{*op};
    switch (*op) {
      case Op::kNewFuture:
      case Op::kReceiveFuture:
      case Op::kNewStream:
      case Op::kReceiveStream: {
        if (words.size() != 2) return error(absl::StrCat("expected a payload kind: ", KindNames()));
        std::optional<model::PayloadKind> kind = KindFromName(words[1]);
        if (!kind) return error(absl::StrCat("unknown payload kind; one of ", KindNames()));
        action.payload = *kind;
        break;
      }
      case Op::kDeliverEvent:
      case Op::kTaskSpin:
        if (words.size() != 1) return error(absl::StrCat(words[0], " takes no argument"));
        break;
      case Op::kCancelTask:
        if (words.size() != 2 || !absl::ConsumePrefix(&words[1], "t") ||
            !absl::SimpleAtoi(words[1], &action.task) || action.task == 0 ||
            action.task > 1'000'000) {
          return error("expected a task as tN, e.g. t1");
        }
        break;
      case Op::kTaskRelay:
        if (words.size() != 3 || !absl::ConsumePrefix(&words[1], "f") ||
            !absl::SimpleAtoi(words[1], &action.slot) || !absl::ConsumePrefix(&words[2], "f") ||
            !absl::SimpleAtoi(words[2], &action.target) || action.slot > 1'000'000 ||
            action.target > 1'000'000) {
          return error("expected two futures, e.g. f0 f1");
        }
        break;
      default: {
        const bool stream = IsStreamOp(*op);
        const size_t want_words = TakesCount(*op) ? 3 : 2;
        uint32_t index = 0;
        if (words.size() != want_words || !absl::ConsumePrefix(&words[1], stream ? "s" : "f") ||
            !absl::SimpleAtoi(words[1], &index) || index > 1'000'000) {
          return error(stream ? (TakesCount(*op) ? "expected a stream and a count, e.g. s0 3"
                                                 : "expected a stream as sN, e.g. s0")
                              : "expected a future as fN, e.g. f0");
        }
        action.slot = index;
        if (TakesCount(*op) &&
            (!absl::SimpleAtoi(words[2], &action.count) || action.count > rt::kMaxCopyLength)) {
          return error("expected a count from 0 to 2^28-1");
        }
        break;
      }
    }
    scenario.actions.push_back(action);
  }
  return scenario;
}

std::string ScenarioToText(const Scenario& scenario) { return FormatScenario(scenario); }

std::string ScenarioToRegressionTest(absl::string_view name, const Scenario& scenario) {
  std::string test_name;
  for (char c : name) test_name += absl::ascii_isalnum(static_cast<unsigned char>(c)) ? c : '_';
  if (test_name.empty() || absl::ascii_isdigit(static_cast<unsigned char>(test_name[0]))) {
    test_name.insert(0, "Case");
  }
  return absl::StrCat(
      "// Needs scenario/runner.h and scenario/scenario_text.h.\n", "TEST(Regression, ", test_name,
      ") {\n",
      "  absl::StatusOr<fc::scenario::Scenario> scenario = fc::scenario::ParseScenario(R\"(\n",
      ScenarioToText(scenario), ")\");\n", "  ASSERT_TRUE(scenario.ok()) << scenario.status();\n",
      "  fc::scenario::RunResult result = fc::scenario::RunScripted(*scenario);\n",
      "  EXPECT_TRUE(result.ok()) << result.Report();\n", "}\n");
}

}  // namespace fc::scenario
