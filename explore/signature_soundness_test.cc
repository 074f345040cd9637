// Guards the explorer's state merging: two runs whose states have the same
// signature (Session::StateSignature) must behave the same from there on,
// or the explorer, which expands only the first of them, misses behaviours.
//
// Random walks over each scenario template record the first path to reach
// each signature; a later, different path to the same signature makes a
// pair. Both members of a pair are then continued with the same random
// continuations (each action and outcome picked by index), and must offer
// the same actions, meet the same choice points, make the same intrinsic
// calls with the same return codes (handle numbers aside), and end with the
// same verdict.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "explore/scenario_template.h"
#include "model/choice_source.h"
#include "model/violation.h"
#include "scenario/scenario.h"
#include "scenario/scenario_text.h"
#include "scenario/session.h"

namespace fc::explore {
namespace {

using scenario::Action;

// Every pick of a run (actions and outcomes alike) from one list of numbers,
// extended with random ones (recorded) when it runs out.
class ScriptSource final : public model::ChoiceSource {
 public:
  ScriptSource(std::vector<uint32_t>& script, std::mt19937* rng) : script_(&script), rng_(rng) {}

  uint32_t Next() {
    if (pos_ == script_->size()) script_->push_back(rng_ != nullptr ? (*rng_)() : 0);
    return (*script_)[pos_++];
  }
  size_t Choose(const model::ChoicePoint& point) override {
    if (log_ != nullptr) {
      std::vector<std::string> codes;
      for (uint32_t code : point.options) codes.push_back(absl::StrCat(code));
      log_->push_back(absl::StrCat("choice among ", absl::StrJoin(codes, ",")));
    }
    return Next() % point.options.size();
  }
  size_t position() const { return pos_; }
  void set_log(std::vector<std::string>* log) { log_ = log; }

 private:
  std::vector<uint32_t>* script_;
  std::mt19937* rng_;
  size_t pos_ = 0;
  std::vector<std::string>* log_ = nullptr;
};

// Handle numbers and buffer ids differ between runs that behave alike: a
// number after '=', '#', "end ", "-> " or a call's opening parenthesis
// ("waitable.join(4, ...)") is one; a count such as COMPLETED(3) is kept.
std::string WithoutNumbers(const std::string& line) {
  std::string out;
  for (size_t i = 0; i < line.size(); ++i) {
    out.push_back(line[i]);
    if (i + 1 >= line.size() || !std::isdigit(static_cast<unsigned char>(line[i + 1]))) continue;
    const bool call_paren =
        line[i] == '(' && i > 0 && std::islower(static_cast<unsigned char>(line[i - 1]));
    const bool handle = line[i] == '=' || line[i] == '#' || call_paren ||
                        (line[i] == ' ' && i >= 3 && line.compare(i - 3, 3, "end") == 0) ||
                        (line[i] == ' ' && i >= 2 && line.compare(i - 2, 2, "->") == 0);
    if (!handle) continue;
    out.push_back('N');
    while (i + 1 < line.size() && std::isdigit(static_cast<unsigned char>(line[i + 1]))) ++i;
  }
  return out;
}

struct Run {
  std::vector<uint32_t> script;  // the picks consumed
  std::vector<Action> actions;
  // Session::SymmetryOrder() where the pair met: slot order[k] is named k,
  // so two runs whose channels were made in different orders continue with
  // corresponding actions and log them alike.
  std::vector<uint32_t> order;
};

// `action` with its slots named by their position in `order` (slots made
// after it keep their index, the same in both runs of a pair).
Action Relabel(Action action, const std::vector<uint32_t>& order) {
  auto rename = [&order](uint32_t slot) {
    for (uint32_t k = 0; k < order.size(); ++k) {
      if (order[k] == slot) return k;
    }
    return slot;
  };
  action.slot = rename(action.slot);
  action.target = rename(action.target);
  return action;
}

// Runs `steps` actions (or fewer, if nothing is enabled or the run fails),
// picking from `script` (random once it runs out). Calls `at_state` after
// each step that left the run alive.
template <class F>
void Walk(const ScenarioTemplate& tmpl, std::vector<uint32_t>& script, std::mt19937* rng, int steps,
          F&& at_state) {
  ScriptSource source(script, rng);
  scenario::Session session(source, tmpl.session_options());
  std::vector<Action> history;
  for (int i = 0; i < steps; ++i) {
    std::vector<Action> allowed = tmpl.Filter(session.EnabledActions(), history);
    if (allowed.empty()) break;
    const Action action = allowed[source.Next() % allowed.size()];
    if (!session.Step(action).ok() || session.failed()) break;
    history.push_back(action);
    at_state(session, source.position(), history);
  }
  session.Finish();
}

// Replays `prefix` (exactly: its picks are all consumed), then continues with
// `continuation`, logging what happens after the prefix.
std::vector<std::string> Continue(const ScenarioTemplate& tmpl, const Run& prefix,
                                  const std::vector<uint32_t>& continuation, int steps) {
  std::vector<uint32_t> script = prefix.script;
  script.insert(script.end(), continuation.begin(), continuation.end());
  ScriptSource source(script, nullptr);
  scenario::Session session(source, tmpl.session_options());
  std::vector<Action> history = prefix.actions;
  for (const Action& action : prefix.actions) {
    (void)source.Next();  // the action's pick
    EXPECT_TRUE(session.Step(action).ok());
  }
  EXPECT_EQ(source.position(), prefix.script.size()) << "the prefix did not replay";
  std::vector<std::string> log;
  const size_t calls_before = session.HostCalls().size();
  source.set_log(&log);
  for (int i = 0; i < steps && !session.failed(); ++i) {
    std::vector<Action> allowed = tmpl.Filter(session.EnabledActions(), history);
    // The actions by their names in the pair's labels, sorted: index k is
    // the same action in both runs of a pair.
    std::vector<std::pair<std::string, size_t>> named;
    for (size_t k = 0; k < allowed.size(); ++k) {
      named.emplace_back(scenario::FormatAction(Relabel(allowed[k], prefix.order)), k);
    }
    std::sort(named.begin(), named.end());
    std::vector<std::string> names;
    for (const auto& [text, k] : named) names.push_back(text);
    log.push_back(absl::StrCat("enabled: ", absl::StrJoin(names, "; ")));
    if (allowed.empty()) break;
    const auto& [text, pick] = named[source.Next() % named.size()];
    const Action action = allowed[pick];
    log.push_back(absl::StrCat("step: ", text));
    EXPECT_TRUE(session.Step(action).ok());
    history.push_back(action);
  }
  scenario::RunResult result = session.Finish();
  for (size_t i = calls_before; i < result.host_calls.size(); ++i) {
    log.push_back(absl::StrCat("call: ", WithoutNumbers(result.host_calls[i])));
  }
  log.push_back(
      absl::StrCat("verdict: ", result.violations.empty()
                                    ? "pass"
                                    : model::InvariantName(result.violations.front().invariant)));
  return log;
}

// Checks up to `max_pairs` pairs found by `walks` random walks of `depth`.
void CheckTemplate(const std::string& name, int walks, int depth, int max_pairs, int continuations,
                   int continuation_steps) {
  absl::StatusOr<ScenarioTemplate> tmpl = ScenarioTemplate::Named(name);
  ASSERT_TRUE(tmpl.ok()) << tmpl.status();
  std::mt19937 rng(20261201);
  absl::flat_hash_map<std::string, Run> first;
  // A uniform sample of every pair the walks find (reservoir sampling), so
  // deep meetings are checked as well as shallow ones.
  std::vector<std::pair<Run, Run>> pairs;
  uint64_t met = 0;
  for (int w = 0; w < walks; ++w) {
    std::vector<uint32_t> script;
    Walk(*tmpl, script, &rng, depth,
         [&](const scenario::Session& session, size_t used, const std::vector<Action>& history) {
           Run run{std::vector<uint32_t>(script.begin(), script.begin() + used), history,
                   session.SymmetryOrder()};
           auto [it, inserted] = first.try_emplace(session.StateSignature(), run);
           if (inserted || it->second.actions == run.actions) return;
           ++met;
           if (static_cast<int>(pairs.size()) < max_pairs) {
             pairs.emplace_back(it->second, run);
           } else if (const uint64_t slot = rng() % met; slot < pairs.size()) {
             pairs[slot] = {it->second, run};
           }
         });
  }
  ASSERT_GT(pairs.size(), 0u) << name << ": no two paths met; the test proves nothing";
  int checked = 0;
  for (const auto& [a, b] : pairs) {
    for (int c = 0; c < continuations; ++c) {
      std::vector<uint32_t> continuation;
      for (int i = 0; i < 4 * continuation_steps; ++i) continuation.push_back(rng());
      const std::vector<std::string> log_a = Continue(*tmpl, a, continuation, continuation_steps);
      const std::vector<std::string> log_b = Continue(*tmpl, b, continuation, continuation_steps);
      ++checked;
      if (log_a != log_b) {
        size_t at = 0;
        while (at < log_a.size() && at < log_b.size() && log_a[at] == log_b[at]) ++at;
        ADD_FAILURE() << "first difference at line " << at + 1
                      << ":\n  A: " << (at < log_a.size() ? log_a[at] : "(end)")
                      << "\n  B: " << (at < log_b.size() ? log_b[at] : "(end)") << "\n"
                      << name << ": two paths reach one state signature but behave differently\n"
                      << "path A:\n"
                      << scenario::FormatScenario({a.actions, {}}) << "path B:\n"
                      << scenario::FormatScenario({b.actions, {}}) << "after A:\n  "
                      << absl::StrJoin(log_a, "\n  ") << "\nafter B:\n  "
                      << absl::StrJoin(log_b, "\n  ");
        return;
      }
    }
  }
  std::printf("%s: %zu signatures, %llu meetings, %zu pairs checked, %d continuations\n",
              name.c_str(), first.size(), static_cast<unsigned long long>(met), pairs.size(),
              checked);
}

// Pairs of paths known to behave differently from their last state on: the
// random pairs above rarely meet them, so each is pinned here.
std::string SignatureAfter(const std::string& text, const scenario::SessionOptions& options) {
  absl::StatusOr<scenario::Scenario> parsed = scenario::ParseScenario(text);
  EXPECT_TRUE(parsed.ok()) << parsed.status();
  model::ScriptedChoices choices(parsed->outcomes);
  scenario::Session session(choices, options);
  for (const Action& action : parsed->actions) EXPECT_TRUE(session.Step(action).ok()) << text;
  EXPECT_FALSE(session.failed()) << text;
  std::string signature = session.StateSignature();
  session.Finish();
  return signature;
}

TEST(SignatureSoundnessTest, KnownDifferentStatesDiffer) {
  scenario::SessionOptions streams;
  streams.streams = true;
  // A read of 1 and a read of 4 take different counts from the next write.
  EXPECT_NE(SignatureAfter("receive-stream u32\nstream-read s0 1\n", streams),
            SignatureAfter("receive-stream u32\nstream-read s0 4\n", streams));
  scenario::SessionOptions tasks;
  tasks.tasks = true;
  // Two read tasks on two futures of different kinds, started in either
  // order: cancelling t1 then leaves a different future without its reader.
  // (With two futures of one kind the two are one state up to the futures'
  // names, and symmetry merges them.)
  EXPECT_NE(SignatureAfter("receive u32\nreceive string\ntask-read f0\ntask-read f1\n", tasks),
            SignatureAfter("receive u32\nreceive string\ntask-read f1\ntask-read f0\n", tasks));
  EXPECT_EQ(SignatureAfter("receive u32\nreceive u32\ntask-read f0\ntask-read f1\n", tasks),
            SignatureAfter("receive u32\nreceive u32\ntask-read f1\ntask-read f0\n", tasks));
}

// Symmetry (Session::SymmetryOrder): states that differ only in which
// channel was made first have one signature; what tells the channels apart
// (kind, state, the order of their pending events) still does.
TEST(SignatureSoundnessTest, SymmetricStatesShareOneSignature) {
  const scenario::SessionOptions futures;
  EXPECT_EQ(SignatureAfter("new u32\nnew string\n", futures),
            SignatureAfter("new string\nnew u32\n", futures));
  EXPECT_EQ(SignatureAfter("new u32\nwrite f0\nreceive string\n", futures),
            SignatureAfter("receive string\nnew u32\nwrite f1\n", futures));
  // Two reads of one kind, their events queued in either order: the same
  // state with the futures' names swapped.
  const std::string reads =
      "receive u32\nreceive u32\nread f0\npoll-read f0\nread f1\npoll-read f1\n";
  EXPECT_EQ(SignatureAfter(reads + "peer-write f0\npeer-write f1\n", futures),
            SignatureAfter(reads + "peer-write f1\npeer-write f0\n", futures));
  // Of two kinds, the order of the events says which is delivered first.
  const std::string mixed =
      "receive u32\nreceive string\nread f0\npoll-read f0\nread f1\npoll-read f1\n";
  EXPECT_NE(SignatureAfter(mixed + "peer-write f0\npeer-write f1\n", futures),
            SignatureAfter(mixed + "peer-write f1\npeer-write f0\n", futures));
  // One written, one not: not the same state as both or neither written.
  EXPECT_NE(SignatureAfter("new u32\nnew u32\nwrite f0\n", futures),
            SignatureAfter("new u32\nnew u32\n", futures));
}

TEST(SignatureSoundnessTest, AllKinds) { CheckTemplate("all-kinds", 4000, 8, 400, 3, 8); }
TEST(SignatureSoundnessTest, OneStream) { CheckTemplate("one-stream", 4000, 8, 400, 3, 8); }
TEST(SignatureSoundnessTest, Streams) { CheckTemplate("streams", 4000, 8, 400, 3, 8); }
TEST(SignatureSoundnessTest, Tasks) { CheckTemplate("tasks", 4000, 9, 400, 3, 8); }
TEST(SignatureSoundnessTest, StreamTasks) { CheckTemplate("stream-tasks", 4000, 9, 400, 3, 8); }

}  // namespace
}  // namespace fc::explore
