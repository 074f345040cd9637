// The mock host's other end takes its events at once, its cancels never
// find a result pending, and it never blocks a cancel. The spec allows an
// other end to do all three:
// - leave its event untaken: a stream's partly filled copy then stays
//   pending, and the guest's next copy may move more into or out of the
//   same buffer;
// - cancel while its result is pending: the cancel returns the queued
//   COMPLETED(n), or CANCELLED(n) since CM#719;
// - block the guest's cancel: a synchronous cancel then waits, and the
//   other end may still complete or drop the copy meanwhile.
// This test checks that such a freer other end shows the guest nothing the
// mock host does not offer. Every sequence of guest copies (any count,
// zero included) and cancels up to a bound, with the free other end making
// any move before each (nothing, take its event, cancel with or without a
// result pending, copy any count, drop, and these combined), must be
// matched call for call, with the same result code and the same guest end
// afterwards, by the outcomes LegalOutcomes offers over a channel whose
// other end takes its events at once. If a rule change in channel.cc ever
// makes a deferred event or a pending-result cancel visible to the guest,
// this fails and names the sequence: then the mock host must offer it.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "model/channel.h"
#include "model/host/other_end.h"
#include "model/spec_rules.h"

namespace fc::model {
namespace {

constexpr uint32_t kLimit = 3;  // the copy limit: counts 0..3
constexpr int kDepth = 4;       // guest calls per sequence

// Placeholder values; `defer` leaves the other end's events untaken.
class Listener final : public ChannelListener {
 public:
  explicit Listener(bool defer) : defer_(defer) {}
  std::vector<Value> MoveElements(const Channel&, CopyBuffer&, CopyBuffer&, uint32_t n) override {
    return std::vector<Value>(n);
  }
  void OnPendingEvent(Channel& channel, CopyEnd& end) override {
    if (!defer_ && end.holder == Party::kPeer) channel.TakePendingEvent(end);
  }

 private:
  bool defer_;
};

// The free other end's moves before a guest call: what the mock host's may
// do, and also leave its event pending (kNone), cancel with its result
// pending, and take its event (or cancel) and then copy any count.
struct FreeMove {
  bool take_event = false;  // first take its pending event
  OtherEndMove move;        // then this
  std::string Describe() const {
    static constexpr const char* kNames[] = {"nothing", "read",        "write",      "cancel",
                                             "drop",    "cancel+drop", "cancel+copy"};
    return absl::StrFormat("%s%s %u", take_event ? "take-event, " : "",
                           kNames[static_cast<int>(move.kind)], move.amount);
  }
};

std::vector<FreeMove> FreeMoves(bool guest_readable) {
  using Kind = OtherEndMove::Kind;
  const Kind copy = guest_readable ? Kind::kWrite : Kind::kRead;
  std::vector<FreeMove> moves;
  for (bool take : {false, true}) {
    for (Kind kind : {Kind::kNone, Kind::kCancel, Kind::kDrop, Kind::kCancelAndDrop}) {
      moves.push_back({take, {kind, 0}});
    }
    for (uint32_t n = 1; n <= kLimit; ++n) moves.push_back({take, {copy, n}});
  }
  return moves;
}

absl::Status ApplyFree(Channel& channel, const FreeMove& move, ChannelListener& listener) {
  CopyEnd* other = PeerEndOf(channel);
  if (move.take_event) {
    if (other == nullptr || !other->pending_event.has_value()) {
      return absl::FailedPreconditionError("no event to take");
    }
    channel.TakePendingEvent(*other);
  }
  return MakeMove(channel, move.move, listener);
}

// A guest call: a copy of `count` (when idle) or a cancel (when copying),
// which the host may block (`blocked`: the other end moves while the guest
// waits in the synchronous cancel, then the host finishes it).
struct GuestCall {
  bool cancel = false;
  bool blocked = false;
  uint32_t count = 0;
  std::string Describe() const {
    return cancel ? std::string(blocked ? "cancel (blocked)" : "cancel")
                  : absl::StrCat("copy ", count);
  }
};

absl::StatusOr<uint32_t> Call(Channel& channel, bool guest_readable, const GuestCall& call,
                              ChannelListener& listener) {
  CopyEnd& end = channel.end(guest_readable);
  CopyBuffer released;
  if (call.cancel) return channel.Cancel(end, listener, &released);
  return channel.Copy(end, CopyBuffer{Party::kGuest, nullptr, call.count, 0, {}}, listener,
                      &released);
}

// What the guest can see of its end.
std::string GuestView(const Channel& channel, bool guest_readable) {
  const CopyEnd& end = channel.end(guest_readable);
  return absl::StrFormat("%s event=%d progress=%u", CopyStateName(end.state),
                         end.pending_event.has_value() ? static_cast<int>(*end.pending_event) : -1,
                         end.buffer ? end.buffer->progress : 0);
}

struct Search {
  bool guest_readable = false;
  Listener free{/*defer=*/true};
  Listener at_once{/*defer=*/false};
  std::vector<std::string> path;
  long steps = 0;                   // free guest calls checked
  long deferred_event_steps = 0;    // ... made while the other end's event waited
  long pending_result_cancels = 0;  // the other end cancelled with a result pending
  std::string failure;

  // Every free behaviour from `f` is matched from `m` (the mock host's).
  void Check(const Channel& f, const Channel& m, int depth) {
    if (depth == 0 || !failure.empty()) return;
    const CopyEnd& guest = f.end(guest_readable);
    std::vector<GuestCall> calls;
    if (guest.state == CopyState::kIdle) {
      for (uint32_t n = 0; n <= kLimit; ++n) calls.push_back({false, false, n});
    } else if (guest.state == CopyState::kCopying && !guest.pending_event.has_value()) {
      calls.push_back({true, false, 0});
      calls.push_back({true, true, 0});
    } else if (guest.state == CopyState::kCopying) {
      calls.push_back({true, false, 0});
    }
    for (const GuestCall& call : calls) {
      for (const FreeMove& move : FreeMoves(guest_readable)) {
        Channel f2 = f;
        const CopyEnd* other = PeerEndOf(f2);
        const bool event_waits = other != nullptr && other->pending_event.has_value();
        absl::StatusOr<uint32_t> code =
            call.blocked ? BlockedCancel(f2, move) : FreeCall(f2, move, call);
        if (!code.ok()) continue;
        ++steps;
        if (event_waits && !move.take_event) {
          ++deferred_event_steps;
          if (move.move.kind == OtherEndMove::Kind::kCancel ||
              move.move.kind == OtherEndMove::Kind::kCancelAndDrop) {
            ++pending_result_cancels;
          }
        }
        path.push_back(absl::StrCat(move.Describe(), " / guest ", call.Describe(), " -> ", *code));
        Channel m2 = m;
        if (!Match(m2, call, *code)) {
          failure = absl::StrCat("no offered outcome matches: ", absl::StrJoin(path, "; "));
          return;
        }
        if (GuestView(f2, guest_readable) != GuestView(m2, guest_readable)) {
          failure =
              absl::StrCat("the guest's end differs (", GuestView(f2, guest_readable), " against ",
                           GuestView(m2, guest_readable), "): ", absl::StrJoin(path, "; "));
          return;
        }
        Check(f2, m2, depth - 1);
        path.pop_back();
        if (!failure.empty()) return;
      }
    }
  }

  absl::StatusOr<uint32_t> FreeCall(Channel& f, const FreeMove& move, const GuestCall& call) {
    absl::Status moved = ApplyFree(f, move, free);
    if (!moved.ok()) return moved;
    return Call(f, guest_readable, call, free);
  }

  // The guest's synchronous cancel, blocked by the host: the other end
  // moves meanwhile; then the host finishes the cancel if nothing ended
  // the copy, and the cancel returns the end's event.
  absl::StatusOr<uint32_t> BlockedCancel(Channel& f, const FreeMove& move) {
    CopyEnd& end = f.end(guest_readable);
    CopyBuffer released;
    absl::StatusOr<uint32_t> first = f.Cancel(end, free, &released, /*host_blocks=*/true);
    if (!first.ok() || *first != rt::kBlocked) {
      return absl::InternalError(
          absl::StrCat("a blocked cancel returned ", first.ok() ? *first : 0));
    }
    absl::Status moved = ApplyFree(f, move, free);
    if (!moved.ok()) return moved;
    if (!end.pending_event.has_value()) {
      absl::Status finished = f.FinishCancel(end, free);
      if (!finished.ok()) return finished;
    }
    return f.TakePendingEvent(end);
  }

  // Makes `call` on the mock host's channel through the offered outcome
  // with result `code`; where nothing is offered the result is settled.
  bool Match(Channel& m, const GuestCall& call, uint32_t code) {
    const CopyBuffer buffer{Party::kGuest, nullptr, call.count, 0, {}};
    const std::vector<OtherEndOutcome> outcomes =
        LegalOutcomes(m, guest_readable, call.cancel, &buffer, kLimit);
    if (!outcomes.empty()) {
      for (const OtherEndOutcome& o : outcomes) {
        if (o.code != code) continue;
        if (!MakeMove(m, o.move, at_once).ok()) return false;
        absl::StatusOr<uint32_t> got = Call(m, guest_readable, call, at_once);
        return got.ok() && *got == code;
      }
      return false;
    }
    absl::StatusOr<uint32_t> got = Call(m, guest_readable, call, at_once);
    return got.ok() && *got == code;
  }
};

class PeerEventsTest : public testing::TestWithParam<SpecRevision> {};

TEST_P(PeerEventsTest, AFreerOtherEndShowsTheGuestNothingNew) {
  for (bool guest_readable : {false, true}) {
    SCOPED_TRACE(guest_readable ? "the guest reads" : "the guest writes");
    Channel start(ChannelKind::kStream, 0, PayloadKind::kU32, kLimit, RulesFor(GetParam()));
    start.end(!guest_readable).holder = Party::kPeer;
    Search search;
    search.guest_readable = guest_readable;
    search.Check(start, start, kDepth);
    EXPECT_EQ(search.failure, "");
    std::printf(
        "%s, %s: %ld guest calls, %ld while the other end's event waited, %ld cancels "
        "over a pending result\n",
        SpecRevisionName(GetParam()), guest_readable ? "guest reads" : "guest writes", search.steps,
        search.deferred_event_steps, search.pending_result_cancels);
    // Not vacuous: the free other end did defer events and cancel over them.
    EXPECT_GT(search.deferred_event_steps, 1000) << search.steps << " steps";
    EXPECT_GT(search.pending_result_cancels, 100);
  }
}

INSTANTIATE_TEST_SUITE_P(Revisions, PeerEventsTest, testing::ValuesIn(kSpecRevisions),
                         [](const testing::TestParamInfo<SpecRevision>& info) {
                           std::string name = SpecRevisionName(info.param);
                           for (char& c : name) {
                             if (c == '-') c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace fc::model
