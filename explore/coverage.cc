#include "explore/coverage.h"

#include <map>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "runtime/return_code.h"

namespace fc::explore {
namespace {

using model::ChannelKind;
using model::CopyTransition;
using model::EndState;
using model::HostTransition;
using model::Party;
using model::TransitionCause;

constexpr uint32_t kCompleted = static_cast<uint32_t>(rt::CopyResult::kCompleted);
constexpr uint32_t kDropped = static_cast<uint32_t>(rt::CopyResult::kDropped);
constexpr uint32_t kCancelled = static_cast<uint32_t>(rt::CopyResult::kCancelled);

// What decides an end's transitions, per kind, holder and end, under one
// revision; Spec and ModelOnly list the transitions from it.
struct EndFacts {
  ChannelKind kind;
  Party holder;
  bool readable;
  bool stream;
  bool cancel_may_complete;  // a cancel may return COMPLETED
  EndState after_completed;  // where COMPLETED leaves the end
  bool may_see_dropped;      // a future's reader never sees DROPPED
};

template <typename Visit>
void ForEachEnd(model::SpecRevision spec, Visit&& visit) {
  const model::SpecRules rules = model::RulesFor(spec);
  for (ChannelKind kind : {ChannelKind::kFuture, ChannelKind::kStream}) {
    const bool stream = kind == ChannelKind::kStream;
    for (Party holder : {Party::kGuest, Party::kPeer}) {
      for (bool readable : {false, true}) {
        visit(EndFacts{
            kind, holder, readable, stream,
            rules.cancel_returns_queued_completion || (!stream && rules.future_completion_is_final),
            stream ? EndState::kIdle : EndState::kDone, stream || !readable});
      }
    }
  }
}

// The spec's channel ends, per channel kind, end and holder. Futures and
// streams differ, and why:
// - A future's read never sees DROPPED: a writer may only drop after its
//   write finished, and a finished write has met the reader. Either end of a
//   stream may see DROPPED.
// - A future end is DONE after COMPLETED; a stream end is IDLE again (it may
//   copy again), and only DROPPED makes it DONE.
// - A future's writable end may be dropped from DONE only; a readable end,
//   and either end of a stream, may also be dropped IDLE.
// For both, the other end (played by the model) takes its events at once
// and its cancels always win (it cancels only with no result pending), so
// its cancel returns CANCELLED only; what it could do besides is in
// ModelOnly below.
// By revision (model/spec_rules.h): since CM#719 a stream's cancel never
// returns COMPLETED (a future's still does, by this model's choice); since
// CM#720 a guest's idle end in a waitable set may get a DROPPED event.
std::vector<CopyTransition> Spec(model::SpecRevision spec) {
  const model::SpecRules rules = model::RulesFor(spec);
  std::vector<CopyTransition> out;
  ForEachEnd(spec, [&](const EndFacts& e) {
    const auto [kind, holder, readable, stream, cancel_may_complete, after_completed,
                may_see_dropped] = e;
    auto add = [&](EndState from, EndState to, TransitionCause cause,
                   std::optional<uint32_t> code) {
      out.push_back(CopyTransition{kind, readable, holder, from, to, cause, code});
    };
    add(EndState::kIdle, EndState::kCopying, TransitionCause::kCopyBlocked, rt::kBlocked);
    add(EndState::kIdle, after_completed, TransitionCause::kCopyEager, kCompleted);
    if (may_see_dropped) {
      add(EndState::kIdle, EndState::kDone, TransitionCause::kCopyEager, kDropped);
    }
    add(EndState::kCopying, after_completed, TransitionCause::kEvent, kCompleted);
    if (may_see_dropped)
      add(EndState::kCopying, EndState::kDone, TransitionCause::kEvent, kDropped);
    add(EndState::kCopying, EndState::kCancellingCopy, TransitionCause::kCancel, std::nullopt);
    add(EndState::kCancellingCopy, EndState::kIdle, TransitionCause::kCancelResult, kCancelled);
    if (holder == Party::kGuest && may_see_dropped && rules.idle_end_in_set_hears_drop) {
      add(EndState::kIdle, EndState::kDone, TransitionCause::kEvent, kDropped);
    }
    if (holder == Party::kGuest) {
      if (cancel_may_complete) {
        add(EndState::kCancellingCopy, after_completed, TransitionCause::kCancelResult, kCompleted);
      }
      if (may_see_dropped) {
        add(EndState::kCancellingCopy, EndState::kDone, TransitionCause::kCancelResult, kDropped);
      }
    }
    if (stream || readable) {
      add(EndState::kIdle, EndState::kDropped, TransitionCause::kDrop, std::nullopt);
    }
    add(EndState::kDone, EndState::kDropped, TransitionCause::kDrop, std::nullopt);
  });
  return out;
}

// What the model implements and no driver here reaches, per revision:
// - a cancel the host blocks (CANCELLING_COPY until an event: CANCELLED,
//   or what the other end's move left; Channel::Cancel's `host_blocks`).
//   The runtimes call the synchronous cancel, which waits for that event:
//   to them a blocked cancel is the other end moving before the cancel
//   returns, which the mock host offers.
// - the other end cancelling over a pending result: it takes its events at
//   once. model/host/peer_events_test.cc shows that an other end that does
//   either shows the guest nothing the mock host does not offer.
std::vector<CopyTransition> ModelOnly(model::SpecRevision spec) {
  std::vector<CopyTransition> out;
  ForEachEnd(spec, [&](const EndFacts& e) {
    auto add = [&](EndState to, TransitionCause cause, uint32_t code) {
      out.push_back(
          CopyTransition{e.kind, e.readable, e.holder, EndState::kCancellingCopy, to, cause, code});
    };
    add(EndState::kIdle, TransitionCause::kEvent, kCancelled);
    if (e.cancel_may_complete) add(e.after_completed, TransitionCause::kEvent, kCompleted);
    if (e.may_see_dropped) add(EndState::kDone, TransitionCause::kEvent, kDropped);
    if (e.holder == Party::kPeer) {
      if (e.cancel_may_complete) add(e.after_completed, TransitionCause::kCancelResult, kCompleted);
      if (e.may_see_dropped) add(EndState::kDone, TransitionCause::kCancelResult, kDropped);
    }
  });
  return out;
}

// The waitable sets and export tasks, as the mock host plays them. A set is
// made, waited on or polled (an event, or NONE for a poll), and dropped
// once empty. An end joins a set, moves to another, leaves (joining none,
// also when it is in none), or is dropped while in one, which takes it out.
// An export task runs, may have its cancellation delivered, and ends once:
// task.return (before or after a delivered cancellation) or task.cancel
// (only after one). Traps are not transitions: they are violations.
std::vector<HostTransition> HostSpec() {
  return {
      {"waitable-set", "set", "NONE", "LIVE", "new"},
      {"waitable-set", "set", "LIVE", "LIVE", "wait", "EVENT"},
      {"waitable-set", "set", "LIVE", "LIVE", "poll", "EVENT"},
      {"waitable-set", "set", "LIVE", "LIVE", "poll", "NONE"},
      {"waitable-set", "set", "LIVE", "DROPPED", "drop"},
      {"waitable-set", "member", "OUT", "IN", "join"},
      {"waitable-set", "member", "IN", "IN", "join"},
      {"waitable-set", "member", "IN", "IN", "join-other-set"},
      {"waitable-set", "member", "IN", "OUT", "join-none"},
      {"waitable-set", "member", "OUT", "OUT", "join-none"},
      {"waitable-set", "member", "IN", "OUT", "drop"},
      {"export-task", "task", "NONE", "RUNNING", "start"},
      {"export-task", "task", "RUNNING", "CANCEL_DELIVERED", "cancel"},
      {"export-task", "task", "RUNNING", "RETURNED", "task.return"},
      {"export-task", "task", "CANCEL_DELIVERED", "RETURNED", "task.return"},
      {"export-task", "task", "CANCEL_DELIVERED", "CANCELLED", "task.cancel"},
  };
}

struct ParsedKey {
  std::string end;  // "writable guest"
  std::string from, to, label;
};

// Keys look like "future writable guest IDLE -> DONE copy-eager COMPLETED".
ParsedKey Parse(const std::string& key) {
  std::vector<std::string> t = absl::StrSplit(key, ' ', absl::SkipEmpty());
  ParsedKey p;
  if (t.size() < 7) return ParsedKey{key, "?", "?", ""};
  p.end = absl::StrCat(t[0], " ", t[1], " ", t[2]);
  p.from = t[3];
  p.to = t[5];
  p.label = absl::StrJoin(t.begin() + 6, t.end(), " ");
  return p;
}

// "future" or "stream": the channel kind a key is about.
std::string KindOf(const std::string& key) { return key.substr(0, key.find(' ')); }

// A DOT identifier: letters, digits and underscores only.
std::string NodeId(const std::string& end, const std::string& state) {
  std::string id = absl::StrCat(end, "_", state);
  for (char& c : id) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return id;
}

}  // namespace

const std::vector<std::string>& ExpectedTransitions(model::SpecRevision spec) {
  static const auto* by_revision = [] {
    auto* all = new std::map<model::SpecRevision, std::vector<std::string>>();
    for (model::SpecRevision revision : model::kSpecRevisions) {
      std::vector<std::string>& v = (*all)[revision];
      for (const CopyTransition& t : Spec(revision)) v.push_back(t.Key());
      for (const HostTransition& t : HostSpec()) v.push_back(t.Key());
    }
    return all;
  }();
  return by_revision->at(spec);
}

const std::vector<std::string>& ModelOnlyTransitions(model::SpecRevision spec) {
  static const auto* by_revision = [] {
    auto* all = new std::map<model::SpecRevision, std::vector<std::string>>();
    for (model::SpecRevision revision : model::kSpecRevisions) {
      for (const CopyTransition& t : ModelOnly(revision)) (*all)[revision].push_back(t.Key());
    }
    return all;
  }();
  return by_revision->at(spec);
}

void Coverage::OnTransition(const CopyTransition& transition) {
  if (recording_) ++counts_[transition.Key()];
}

void Coverage::OnHostTransition(const HostTransition& transition) {
  if (recording_) ++counts_[transition.Key()];
}

void Coverage::Merge(const Coverage& other) {
  for (const auto& [key, n] : other.counts_) counts_[key] += n;
}

uint64_t Coverage::count(const std::string& key) const {
  auto it = counts_.find(key);
  return it == counts_.end() ? 0 : it->second;
}

std::set<std::string> Coverage::KindsSeen() const {
  std::set<std::string> kinds;
  for (const auto& [key, n] : counts_) {
    if (n != 0) kinds.insert(KindOf(key));
  }
  return kinds;
}

std::vector<std::string> Coverage::Relevant() const {
  const std::set<std::string> kinds = KindsSeen();
  std::vector<std::string> out;
  for (const std::string& key : ExpectedTransitions(spec_)) {
    if (kinds.contains(KindOf(key))) out.push_back(key);
  }
  return out;
}

std::vector<std::string> Coverage::NeverReached() const {
  std::vector<std::string> out;
  for (const std::string& key : Relevant()) {
    if (count(key) == 0) out.push_back(key);
  }
  return out;
}

std::vector<std::string> Coverage::Unexpected() const {
  const std::vector<std::string>& keys = ExpectedTransitions(spec_);
  const std::set<std::string> expected(keys.begin(), keys.end());
  std::vector<std::string> out;
  for (const auto& [key, n] : counts_) {
    if (n != 0 && !expected.contains(key)) out.push_back(key);
  }
  return out;
}

size_t Coverage::reached_expected() const { return Relevant().size() - NeverReached().size(); }

std::string Coverage::Table() const {
  const std::vector<std::string> relevant = Relevant();
  std::string out = absl::StrFormat("%-71s %12s\n",
                                    "transition (kind end holder from -> to cause result)", "hits");
  for (const std::string& key : relevant) {
    absl::StrAppendFormat(&out, "%-71s %12d\n", key, count(key));
  }
  for (const std::string& key : Unexpected()) {
    absl::StrAppendFormat(&out, "%-71s %12d  UNEXPECTED\n", key, count(key));
  }
  // End states reached, per end.
  std::map<std::string, std::set<std::string>> reached;
  for (const auto& [key, n] : counts_) {
    if (n == 0) continue;
    ParsedKey p = Parse(key);
    reached[p.end].insert(p.from);
    reached[p.end].insert(p.to);
  }
  absl::StrAppend(&out, "end states reached:\n");
  for (const auto& [end, states] : reached) {
    absl::StrAppendFormat(&out, "  %-23s %s\n", end, absl::StrJoin(states, " "));
  }
  const std::vector<std::string> never = NeverReached();
  // Per machine, so a search's own gaps are not lost among those of a
  // machine it only touches (a search without tasks never polls a set).
  std::map<std::string, std::pair<size_t, size_t>> per_machine;  // machine -> reached, expected
  for (const std::string& key : relevant) {
    auto& [hit, expected] = per_machine[KindOf(key)];
    hit += count(key) != 0 ? 1 : 0;
    ++expected;
  }
  std::vector<std::string> machines;
  for (const auto& [machine, tally] : per_machine) {
    machines.push_back(absl::StrFormat("%s %d of %d", machine, tally.first, tally.second));
  }
  absl::StrAppendFormat(&out, "transitions covered: %d of %d (%s)\n",
                        relevant.size() - never.size(), relevant.size(),
                        absl::StrJoin(machines, ", "));
  if (!never.empty()) {
    absl::StrAppend(&out, "never reached:\n");
    for (const std::string& key : never) absl::StrAppend(&out, "  ", key, "\n");
  }
  std::vector<std::string> model_only;
  for (const std::string& key : ModelOnlyTransitions(spec_)) {
    if (KindsSeen().contains(KindOf(key))) model_only.push_back(key);
  }
  if (!model_only.empty()) {
    absl::StrAppendFormat(
        &out,
        "model only (%d, not counted): a cancel the host blocks, and the other end cancelling "
        "over a pending result; the runtimes call the synchronous cancel and the other end takes "
        "its events at once, which shows the guest nothing less (model/host/peer_events_test.cc)\n",
        model_only.size());
    for (const std::string& key : model_only) absl::StrAppend(&out, "  ", key, "\n");
  }
  return out;
}

std::string Coverage::ToDot() const {
  std::map<std::string, std::vector<std::string>> by_end;  // end -> keys
  for (const std::string& key : Relevant()) by_end[Parse(key).end].push_back(key);
  const std::vector<std::string> unexpected_list = Unexpected();
  const std::set<std::string> unexpected(unexpected_list.begin(), unexpected_list.end());
  for (const std::string& key : unexpected_list) by_end[Parse(key).end].push_back(key);
  std::string out =
      "digraph channel_copy_states {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n"
      "  edge [fontname=\"Helvetica\", fontsize=10];\n";
  int cluster = 0;
  for (const auto& [end, keys] : by_end) {
    absl::StrAppendFormat(&out, "  subgraph cluster_%d {\n    label=\"%s end\";\n", cluster++, end);
    std::set<std::string> states;
    for (const std::string& key : keys) {
      ParsedKey p = Parse(key);
      states.insert(p.from);
      states.insert(p.to);
    }
    for (const std::string& s : states) {
      absl::StrAppendFormat(&out, "    %s [label=\"%s\"];\n", NodeId(end, s), s);
    }
    for (const std::string& key : keys) {
      ParsedKey p = Parse(key);
      const uint64_t n = count(key);
      const bool expected = !unexpected.contains(key);
      std::string style = n == 0 ? ", style=dashed, color=red, fontcolor=red"
                                 : (expected ? "" : ", color=orange, fontcolor=orange");
      absl::StrAppendFormat(&out, "    %s -> %s [label=\"%s\\n%d\"%s];\n", NodeId(end, p.from),
                            NodeId(end, p.to), p.label, n, style);
    }
    absl::StrAppend(&out, "  }\n");
  }
  absl::StrAppend(&out, "}\n");
  return out;
}

}  // namespace fc::explore
