#include "explore/result_file.h"

#include <algorithm>
#include <set>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "model/violation.h"
#include "scenario/scenario_text.h"

namespace fc::explore {
namespace {

// Version 2: coverage keys name their machine ("future writable guest ...",
// "stream ...", "waitable-set ...", "export-task ..."); version 1 files,
// whose keys were the future model's alone, are refused rather than merged
// into a different set. A "spec" line names the spec revision; a file
// without one (written before revisions existed) was searched under 2026-08.
constexpr absl::string_view kMagic = "futurecheck-explore-result 2";

std::optional<model::Invariant> InvariantNamed(absl::string_view name) {
  for (int i = 0; i <= static_cast<int>(model::Invariant::kScript); ++i) {
    const auto inv = static_cast<model::Invariant>(i);
    if (name == model::InvariantName(inv)) return inv;
  }
  return std::nullopt;
}

absl::Status Bad(int line, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrFormat("result file line %d: %s", line, why));
}

}  // namespace

std::string DepthText(int depth) { return depth == kNoDepthBound ? "all" : absl::StrCat(depth); }

std::string ResultToText(const ExploreResult& r) {
  std::string out = absl::StrCat(kMagic, "\n");
  absl::StrAppendFormat(&out, "template %s\nspec %s\nmax_depth %s\nshard %d %d\n", r.template_name,
                        model::SpecRevisionName(r.spec), DepthText(r.max_depth), r.shard_index,
                        r.shard_count);
  absl::StrAppendFormat(
      &out, "complete %d\nclosed %d\ntimed_out %d\nruns %d\ntransitions %d\nsteps %d\n",
      r.complete ? 1 : 0, r.closed ? 1 : 0, r.timed_out ? 1 : 0, r.runs, r.transitions, r.steps);
  absl::StrAppendFormat(&out, "depth_reached %d\nseconds %.3f\n", r.depth_reached, r.seconds);
  absl::StrAppend(&out, "new_states", r.new_states_per_depth.empty() ? "" : " ",
                  absl::StrJoin(r.new_states_per_depth, " "), "\n");
  for (const auto& [key, n] : r.coverage.counts())
    absl::StrAppendFormat(&out, "cover %d %s\n", n, key);
  for (const StateHash& h : r.states)
    absl::StrAppendFormat(&out, "state %016x%016x\n", h.first, h.second);
  for (const scenario::RunResult& v : r.violations) {
    absl::StrAppendFormat(&out, "violation %d %s\n", v.executed.actions.size(),
                          model::InvariantName(v.first_invariant()));
    for (absl::string_view line : absl::StrSplit(scenario::ScenarioToText(v.executed), '\n')) {
      if (!line.empty()) absl::StrAppend(&out, "  ", line, "\n");
    }
    absl::StrAppend(&out, "end-violation\n");
  }
  return out;
}

absl::StatusOr<ExploreResult> ParseResult(absl::string_view text) {
  ExploreResult r;
  std::vector<absl::string_view> lines = absl::StrSplit(text, '\n');
  if (lines.empty() || lines[0] != kMagic) {
    return absl::InvalidArgumentError(
        absl::StrCat("not an explorer result file (expected '", kMagic, "')"));
  }
  for (size_t i = 1; i < lines.size(); ++i) {
    const int lineno = static_cast<int>(i) + 1;
    absl::string_view line = lines[i];
    if (line.empty()) continue;
    std::vector<std::string> f = absl::StrSplit(line, ' ', absl::SkipEmpty());
    const std::string& tag = f[0];
    auto num = [&](size_t at, auto* out) -> absl::Status {
      if (f.size() <= at || !absl::SimpleAtoi(f[at], out)) return Bad(lineno, "expected a number");
      return absl::OkStatus();
    };
    absl::Status s;
    if (tag == "template" && f.size() == 2) {
      r.template_name = f[1];
    } else if (tag == "spec" && f.size() == 2) {
      absl::StatusOr<model::SpecRevision> spec = model::SpecRevisionNamed(f[1]);
      if (!spec.ok()) return Bad(lineno, spec.status().message());
      r.spec = *spec;
    } else if (tag == "max_depth") {
      if (f.size() == 2 && f[1] == "all") {
        r.max_depth = kNoDepthBound;
      } else {
        s = num(1, &r.max_depth);
      }
    } else if (tag == "shard") {
      s = num(1, &r.shard_index);
      if (s.ok()) s = num(2, &r.shard_count);
    } else if (tag == "complete" || tag == "closed" || tag == "timed_out") {
      int v = 0;
      s = num(1, &v);
      (tag == "complete" ? r.complete : tag == "closed" ? r.closed : r.timed_out) = v != 0;
    } else if (tag == "runs") {
      s = num(1, &r.runs);
    } else if (tag == "transitions") {
      s = num(1, &r.transitions);
    } else if (tag == "steps") {
      s = num(1, &r.steps);
    } else if (tag == "depth_reached") {
      s = num(1, &r.depth_reached);
    } else if (tag == "seconds") {
      if (f.size() != 2 || !absl::SimpleAtod(f[1], &r.seconds)) s = Bad(lineno, "expected seconds");
    } else if (tag == "new_states") {
      for (size_t k = 1; k < f.size() && s.ok(); ++k) {
        uint64_t n = 0;
        s = num(k, &n);
        r.new_states_per_depth.push_back(n);
      }
    } else if (tag == "cover" && f.size() >= 3) {
      uint64_t n = 0;
      s = num(1, &n);
      r.coverage.Add(absl::StrJoin(f.begin() + 2, f.end(), " "), n);
    } else if (tag == "state" && f.size() == 2 && f[1].size() == 32) {
      StateHash h;
      if (!absl::SimpleHexAtoi(f[1].substr(0, 16), &h.first) ||
          !absl::SimpleHexAtoi(f[1].substr(16), &h.second)) {
        s = Bad(lineno, "bad state hash");
      }
      r.states.push_back(h);
    } else if (tag == "violation" && f.size() == 3) {
      std::optional<model::Invariant> inv = InvariantNamed(f[2]);
      if (!inv) return Bad(lineno, absl::StrCat("unknown invariant ", f[2]));
      std::string scenario_text;
      for (++i; i < lines.size() && lines[i] != "end-violation"; ++i) {
        absl::StrAppend(&scenario_text, absl::StripPrefix(lines[i], "  "), "\n");
      }
      if (i == lines.size()) return Bad(lineno, "violation without end-violation");
      absl::StatusOr<scenario::Scenario> parsed = scenario::ParseScenario(scenario_text);
      if (!parsed.ok()) return Bad(lineno, parsed.status().message());
      scenario::RunResult v;
      v.executed = *std::move(parsed);
      v.violations.push_back(model::Violation{*inv, "from a result file"});
      r.violations.push_back(std::move(v));
    } else {
      s = Bad(lineno, absl::StrCat("unexpected '", line, "'"));
    }
    if (!s.ok()) return s;
  }
  std::sort(r.states.begin(), r.states.end());
  r.coverage.set_spec(r.spec);
  return r;
}

absl::StatusOr<ExploreResult> MergeResults(std::vector<ExploreResult> parts) {
  if (parts.empty()) return absl::InvalidArgumentError("nothing to merge");
  ExploreResult m;
  m.template_name = parts[0].template_name;
  m.max_depth = parts[0].max_depth;
  m.spec = parts[0].spec;
  m.coverage.set_spec(m.spec);
  m.shard_index = 0;
  m.shard_count = 1;
  m.complete = true;
  m.closed = true;
  std::set<StateHash> states;
  std::set<uint32_t> shards;
  for (ExploreResult& p : parts) {
    if (p.template_name != m.template_name || p.max_depth != m.max_depth) {
      return absl::InvalidArgumentError(
          absl::StrFormat("cannot merge %s at depth %s with %s at depth %s", p.template_name,
                          DepthText(p.max_depth), m.template_name, DepthText(m.max_depth)));
    }
    if (p.spec != m.spec) {
      return absl::InvalidArgumentError(
          absl::StrFormat("cannot merge a search under spec %s with one under %s",
                          model::SpecRevisionName(p.spec), model::SpecRevisionName(m.spec)));
    }
    if (p.shard_count != parts[0].shard_count || !shards.insert(p.shard_index).second) {
      return absl::InvalidArgumentError("the parts are not distinct shards of one split");
    }
    m.complete = m.complete && p.complete;
    // Every shard exhausted its subtrees: their union is every state.
    m.closed = m.closed && p.closed;
    m.timed_out = m.timed_out || p.timed_out;
    m.runs += p.runs;
    m.transitions += p.transitions;
    m.steps += p.steps;
    m.depth_reached = std::max(m.depth_reached, p.depth_reached);
    m.seconds = std::max(m.seconds, p.seconds);
    m.coverage.Merge(p.coverage);
    states.insert(p.states.begin(), p.states.end());
    for (auto& v : p.violations) m.violations.push_back(std::move(v));
  }
  if (shards.size() != parts[0].shard_count) {  // a shard is missing
    m.complete = false;
    m.closed = false;
  }
  m.states.assign(states.begin(), states.end());
  // Shortest first, then in shard order (std::stable_sort would need a
  // temporary buffer API that is deprecated in C++20).
  std::vector<std::pair<size_t, size_t>> order;
  for (size_t i = 0; i < m.violations.size(); ++i) {
    order.emplace_back(m.violations[i].executed.actions.size(), i);
  }
  std::sort(order.begin(), order.end());
  std::vector<scenario::RunResult> sorted;
  for (const auto& [length, i] : order) sorted.push_back(std::move(m.violations[i]));
  m.violations = std::move(sorted);
  return m;
}

}  // namespace fc::explore
