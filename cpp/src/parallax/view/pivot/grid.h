// A grid holds the aggregation cells of one (row level, column level) pair of
// a pivoted view: each cell is the set of selected rows under one row-tree
// node and one column-tree node. Without split_by there is one grid per row
// level and its cells *are* the row nodes (identity grids); with split_by the
// view keeps the whole lattice (k, j), k in [0, R], j in [0, C]: (k, C) are
// the output cells, (k, 0) the row totals the row sorts read, (0, j) the
// column totals the column sorts read, and (k, j - 1) the parents of `pct
// sum parent`.
//
// Cell ids are persistent (a hash index of (row node, column node)), so
// aggregate state keyed on them (watermark history) survives refreshes.
//
// Thread-safety: none; the owning engine serialises every call.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "parallax/core/flat_map.h"
#include "parallax/view/aggregates/aggregate.h"

namespace parallax {

class Grid {
 public:
  Grid(size_t row_level, size_t col_level) : row_level_(row_level), col_level_(col_level) {}
  size_t row_level() const { return row_level_; }
  size_t col_level() const { return col_level_; }
  /// Identity grids (column level 0): cell id == row node id.
  bool identity() const { return col_level_ == 0; }

  /// Number of cell ids (for identity grids, set with set_identity_size()).
  uint32_t size() const { return identity() ? identity_size_ : uint32_t(rnode_.size()); }
  void set_identity_size(uint32_t n) { identity_size_ = n; }
  uint32_t row_node(uint32_t cell) const { return identity() ? cell : rnode_[cell]; }
  uint32_t col_node(uint32_t cell) const { return identity() ? 0 : cnode_[cell]; }
  /// The cell of (row node, column node), or -1.
  int64_t find(uint32_t row_node, uint32_t col_node) const {
    if (identity()) return row_node;
    return index_.find(key(row_node, col_node));
  }
  uint32_t find_or_add(uint32_t row_node, uint32_t col_node);
  /// Forgets every cell (the trees were cleared); the engine recreates `acc`.
  void clear();

  // ---- per-refresh state, filled by the engine ----
  std::vector<uint32_t> count;      // selected rows per cell
  std::vector<uint32_t> row_up;     // cell -> cell of (row level - 1, same column level)
  std::vector<uint32_t> col_up;     // cell -> cell of (same row level, column level - 1)
  std::vector<std::unique_ptr<agg::GroupsAccumulator>> acc;  // per aggregate; persistent objects
  // Whether a cell gained its first row or lost its last since the engine
  // last ordered the view (set by compute() and fold(), cleared by the engine).
  bool shape_changed = true;
  // Rows of every cell in the reference's value order (holistic aggregates), built on demand.
  bool rows_ready = false;
  std::vector<uint32_t> row_offsets, row_list, row_leaves;
  agg::GroupRows rows() const {
    return {row_offsets.data(), row_list.data(), row_leaves.empty() ? nullptr : row_leaves.data()};
  }

 private:
  static uint64_t key(uint32_t r, uint32_t c) { return (uint64_t(r) << 32) | c; }
  size_t row_level_, col_level_;
  uint32_t identity_size_ = 0;
  FlatMap64 index_;
  std::vector<uint32_t> rnode_, cnode_;
};

}  // namespace parallax
