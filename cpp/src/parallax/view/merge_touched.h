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

/// merge_touched() on a list the caller owns alone, in place: one compaction
/// pass and one pass moving blocks back, no allocation of the list's size.
template <class Less>
void merge_touched_in_place(std::vector<uint32_t>& rows, const NetChange& net, const std::vector<uint32_t>& in,
                            Less less) {
  uint32_t top = 0;
  for (uint32_t r : net.rids) top = std::max(top, r + 1);
  std::vector<uint64_t> touched((size_t(top) + 63) / 64, 0);
  for (uint32_t r : net.rids) touched[r >> 6] |= uint64_t(1) << (r & 63);
  size_t kept = 0;
  for (uint32_t r : rows)
    if (r >= top || !(touched[r >> 6] >> (r & 63) & 1)) rows[kept++] = r;
  // Positions of the incoming rows among the kept ones, then blocks moved
  // back to open a slot for each, last block first.
  std::vector<size_t> at(in.size());
  size_t from = 0;
  for (size_t j = 0; j < in.size(); ++j)
    from = at[j] = size_t(std::upper_bound(rows.begin() + long(from), rows.begin() + long(kept), in[j], less) -
                          rows.begin());
  rows.resize(kept + in.size());
  size_t end = kept;
  for (size_t j = in.size(); j-- > 0;) {
    std::move_backward(rows.begin() + long(at[j]), rows.begin() + long(end), rows.begin() + long(end + j + 1));
    rows[at[j] + j] = in[j];
    end = at[j];
  }
}

}  // namespace parallax
