// The rows a pivoted view aggregates: the table's live rows that pass the
// view's filter, in pkey order (the order the reference visits a leaf's rows
// in). Either an identity range of rids (unfiltered unindexed tables: no copy)
// or an explicit rid list.
#pragma once
#include <cstdint>
#include <vector>

#include "parallax/table/table.h"
#include "parallax/view/aggregates/aggregate.h"
#include "parallax/view/filter.h"

namespace parallax {

struct RowSelection {
  bool identity = true;
  uint32_t first = 0;
  size_t count = 0;
  std::vector<uint32_t> rids;  // when !identity

  uint32_t rid(size_t i) const { return identity ? first + uint32_t(i) : rids[i]; }
  /// Selection positions [begin, end) as a run for the aggregate kernels.
  agg::RowRun run(size_t begin, size_t end) const {
    agg::RowRun r;
    r.rids = identity ? nullptr : rids.data() + begin;
    r.first = identity ? first + uint32_t(begin) : 0;
    r.pos = begin;
    r.n = end - begin;
    return r;
  }
};

/// Live rows of `table` passing `filter`, in pkey order (call under the read lock).
RowSelection select_rows(const Table& table, const ColumnSource& source, const RowFilter& filter);

/// Splits [0, n) into chunks whose number depends only on n and the number of
/// groups each chunk keeps partial state for, never on the thread count, so
/// results (float sums) are identical with any number of threads.
struct Chunking {
  size_t n = 0, chunks = 1;
  static Chunking of(size_t n, size_t groups);
  size_t begin(size_t c) const { return n * c / chunks; }
  size_t end(size_t c) const { return n * (c + 1) / chunks; }
};

}  // namespace parallax
