// Keeping an ordered row list current under a table's net change: the flat
// engine's filtered and sorted orders and the split-only engine's selection
// and row order all drop the touched rows and merge back the ones that
// belong now, so a change costs a copy pass plus its own rows.
//
// Thread-safety: a pure function of its arguments.
#pragma once
#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

#include "parallax/table/table_delta.h"

namespace parallax {

/// `rows` (ordered by `less`) without the rows the change touched, merged
/// with `in` (the touched rows that belong now, ordered by `less`). Two passes
/// over memory and a binary search per incoming row: `less` may be costly.
template <class Less>
std::shared_ptr<std::vector<uint32_t>> merge_touched(const std::vector<uint32_t>& rows, const NetChange& net,
                                                     const std::vector<uint32_t>& in, Less less) {
  uint32_t top = 0;
  for (uint32_t r : net.rids) top = std::max(top, r + 1);
  std::vector<uint8_t> touched(top, 0);
  for (uint32_t r : net.rids) touched[r] = 1;
  std::vector<uint32_t> kept;
  kept.reserve(rows.size());
  for (uint32_t r : rows)
    if (r >= top || !touched[r]) kept.push_back(r);
  auto out = std::make_shared<std::vector<uint32_t>>();
  out->reserve(kept.size() + in.size());
  auto from = kept.begin();
  for (uint32_t x : in) {
    auto at = std::upper_bound(from, kept.end(), x, less);
    out->insert(out->end(), from, at);
    out->push_back(x);
    from = at;
  }
  out->insert(out->end(), from, kept.end());
  return out;
}

}  // namespace parallax
