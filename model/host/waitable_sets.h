// Which waitable (a channel end) sits in which waitable set. The sets
// themselves are handles in the HandleTable; this holds the membership the
// spec's `waitable.join` changes, and answers the questions its traps ask
// (is an end still in a set? does a set still have members?).
//
//   WaitableSets sets;
//   sets.Join(end, set);            // set == kNoHandle leaves
//   if (sets.SetOf(end) != rt::kNoHandle) ...   // a sync cancel would trap
#ifndef FUTURECHECK_MODEL_HOST_WAITABLE_SETS_H_
#define FUTURECHECK_MODEL_HOST_WAITABLE_SETS_H_

#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "runtime/abi.h"

namespace fc::model {

class WaitableSets {
 public:
  // `waitable.join`: moves `waitable` into `set`; kNoHandle takes it out.
  void Join(rt::Handle waitable, rt::Handle set);
  // Takes a dropped or lifted waitable out of its set, if any.
  void Leave(rt::Handle waitable) { set_of_.erase(waitable); }
  // The set `waitable` is in (kNoHandle: none).
  rt::Handle SetOf(rt::Handle waitable) const;
  // The members of `set`, in handle order.
  std::vector<rt::Handle> MembersOf(rt::Handle set) const;
  // Every (waitable, set) pair, in waitable order.
  std::vector<std::pair<rt::Handle, rt::Handle>> Memberships() const;

 private:
  absl::flat_hash_map<rt::Handle, rt::Handle> set_of_;
};

}  // namespace fc::model

#endif  // FUTURECHECK_MODEL_HOST_WAITABLE_SETS_H_
