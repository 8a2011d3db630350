#include "parallax/view/pivot/row_selection.h"

#include <algorithm>
#include <numeric>

namespace parallax {

RowSelection select_rows(const Table& table, const ColumnSource& source, const RowFilter& filter) {
  RowSelection s;
  size_t first = 0;
  bool ident = table.identity_order(&first);
  if (ident && filter.empty()) {
    s.identity = true;
    s.first = uint32_t(first);
    s.count = table.size();
    return s;
  }
  s.identity = false;
  if (ident) {
    std::vector<uint32_t> all(table.size());
    std::iota(all.begin(), all.end(), uint32_t(first));
    filter.apply(source, all.data(), all.size(), s.rids);
  } else {
    auto order = table.rows_in_pkey_order();
    if (filter.empty()) s.rids = *order;
    else filter.apply(source, order->data(), order->size(), s.rids);
  }
  s.count = s.rids.size();
  return s;
}

Chunking Chunking::of(size_t n, size_t groups) {
  constexpr size_t kMinRows = size_t(1) << 16;       // rows per chunk, at least
  constexpr size_t kMaxChunks = 16;
  constexpr size_t kPartialBudget = size_t(1) << 22;  // chunks * groups, at most
  Chunking c;
  c.n = n;
  size_t by_rows = std::max<size_t>(1, n / kMinRows);
  size_t by_groups = std::max<size_t>(1, kPartialBudget / std::max<size_t>(groups, 1));
  c.chunks = std::min({by_rows, by_groups, kMaxChunks});
  return c;
}

}  // namespace parallax
