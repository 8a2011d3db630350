// How the reference orders sibling groups (and split column groups) by
// aggregate values: its multi-sorter (multi_sort.h cmp_mselem) run on tree
// nodes, which carry no pkey. Per key, equal cells (same null kind, same
// value) defer to the next key; `asc` / `desc` compare cells with the T1
// null order; `asc abs` / `desc abs` compare |to_double| (nulls and strings
// as 0) and treat equal magnitudes as ties without consulting later keys;
// `none` makes every unequal pair a tie. Pairs equal under every key go by
// their position in the sibling list (the node's m_order).
//
// That comparator is not a strict weak order (5, -5, 5 under `desc abs`: the
// 5s are ordered by position, each is tied with -5), so the order of siblings
// depends on the reference's sort algorithm and input order: std::sort of
// libc++ (libcxx_sort.h) over the siblings in value order. sort_groups()
// reproduces both.
#pragma once
#include <cstdint>
#include <vector>

#include "parallax/core/column.h"
#include "parallax/view/view_config.h"

namespace parallax {

struct GroupSortKey {
  const Column* values;  // one aggregate's results, indexed by group (cell) id
  SortDir dir;           // Asc, Desc, AscAbs, DescAbs or None
};

/// Whether group a sorts strictly before group b.
bool group_less(const std::vector<GroupSortKey>& keys, uint32_t a, uint32_t b);

/// Sorts sibling groups (ids in value order) as the reference does.
void sort_groups(const std::vector<GroupSortKey>& keys, uint32_t* first, uint32_t* last);

}  // namespace parallax
