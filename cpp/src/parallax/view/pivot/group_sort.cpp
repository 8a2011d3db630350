#include "parallax/view/pivot/group_sort.h"

#include "parallax/view/libcxx_sort.h"

#include <cmath>
#include <cstring>

#include "parallax/view/aggregates/cell_values.h"

namespace parallax {

namespace {

/// Three-way compare of two cells with the reference's scalar ordering.
int compare_cells(const Column& c, uint32_t a, uint32_t b) {
  uint8_t sa = agg::cell_status(c, a), sb = agg::cell_status(c, b);
  if (sa != sb) return sa < sb ? -1 : 1;
  if (sa != agg::kValid) return 0;
  auto three = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
  switch (c.type()) {
    case DType::Boolean: return three(c.get<uint8_t>(a) != 0, c.get<uint8_t>(b) != 0);
    case DType::Integer: return three(c.get_int(a), c.get_int(b));
    case DType::Float: {
      double x = c.get<double>(a), y = c.get<double>(b);
      if (x == y) {
        // equal values with different bits (0.0 / -0.0) are unequal but unordered
        return std::memcmp(&x, &y, 8) == 0 ? 0 : 2;
      }
      return three(x, y);
    }
    case DType::String: {
      if (c.get<int32_t>(a) == c.get<int32_t>(b)) return 0;
      return three(c.get_string(a), c.get_string(b));
    }
    case DType::Date: return three(c.get<int32_t>(a), c.get<int32_t>(b));
    case DType::Datetime: return three(c.get<int64_t>(a), c.get<int64_t>(b));
  }
  return 0;
}

}  // namespace

bool group_less(const std::vector<GroupSortKey>& keys, uint32_t a, uint32_t b) {
  for (const GroupSortKey& k : keys) {
    const Column& c = *k.values;
    int cmp = compare_cells(c, a, b);
    if (cmp == 0) continue;  // equal cells: the next key decides
    switch (k.dir) {
      case SortDir::Asc: return cmp == -1;
      case SortDir::Desc: return cmp == 1;
      case SortDir::AscAbs: return std::fabs(agg::cell_to_double(c, a)) < std::fabs(agg::cell_to_double(c, b));
      case SortDir::DescAbs: return std::fabs(agg::cell_to_double(c, a)) > std::fabs(agg::cell_to_double(c, b));
      default: return false;  // none: unequal cells tie
    }
  }
  return false;
}

void sort_groups(const std::vector<GroupSortKey>& keys, uint32_t* first, uint32_t* last) {
  const size_t n = size_t(last - first);
  if (n < 2 || keys.empty()) return;
  // Sort positions (the reference sorts indices into the sibling list), then map back.
  std::vector<uint32_t> pos(n), ids(first, last);
  for (size_t i = 0; i < n; ++i) pos[i] = uint32_t(i);
  libcxx::sort(pos.data(), pos.data() + n, [&](uint32_t a, uint32_t b) {
    for (const GroupSortKey& k : keys)
      if (compare_cells(*k.values, ids[a], ids[b]) != 0) return group_less(keys, ids[a], ids[b]);
    return a < b;
  });
  for (size_t i = 0; i < n; ++i) first[i] = ids[pos[i]];
}

}  // namespace parallax
