// The engine of a view with group_by (Perspective's contexts 1 and 2): the
// grand total, every subtotal and leaf group, in sorted depth-first order,
// with split_by column groups when given.
//
// The group index (value codes, tree nodes, grid cells) persists across
// refreshes, as do expansion state, leaf creation order and watermark history.
// Refresh replays the table's journal: the old cells of changed and removed
// rows are folded out of their groups and the new cells folded in, so the
// cost grows with the change, not the table (grouped_delta.cpp); aggregates
// that cannot retract recompute just the cells the change touched, from their
// rows (grid_live.cpp). When the journal has a gap or the change is large, it
// recomputes everything from the table.
//
// Ownership: keeps compiled state and per-refresh arrays (row ids, node ids);
// column data is read from the table under the caller's read lock.
// Thread-safety: View serialises calls and holds the table's read lock.
#pragma once
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "parallax/view/filter.h"
#include "parallax/view/pivot/grid_lattice.h"
#include "parallax/view/pivot/group_tree.h"
#include "parallax/view/pivot/level_values.h"
#include "parallax/view/pivot/pivot_spec.h"
#include "parallax/view/pivot/row_selection.h"
#include "parallax/view/pivot/traversal.h"
#include "parallax/view/view_engine.h"

namespace parallax {

class GroupedEngine final : public ViewEngine {
 public:
  GroupedEngine(const Table& table, PivotSpec spec, const ViewConfig& config, const ExpressionColumns& exprs);

  void refresh(const Table& table) override;
  /// Aggregate input and filter columns (grouped_delta.cpp).
  std::vector<bool> journal_columns(const Table& table) const override;
  size_t num_rows() const override { return traversal_.size(); }
  std::vector<std::string> column_paths() const override { return paths_; }
  std::vector<OutputField> schema() const override;
  Frame frame(const Table& table, size_t r0, size_t r1, size_t c0, size_t c1, const WindowSpec& opts) override;
  Frame delta_frame(const Table& table) override;
  void set_row_deltas(bool on) override { row_deltas_ = on; }
  void set_incremental(bool on) override { incremental_ = on; }
  std::pair<Scalar, Scalar> min_max(const Table& table, const std::string& column) override;
  int64_t expand(size_t row) override;
  int64_t collapse(size_t row) override;
  void set_depth(int depth) override;

 private:
  /// A non-empty column leaf (split views), in display order.
  struct ColumnGroup {
    uint32_t node;
    std::string prefix;  // "v1|v2|"
  };

  std::vector<agg::AggregateInput> bind(const Table& table, bool count_nulls) const;
  /// Full recompute from the table.
  void recompute(const Table& table);
  /// Replays the journal since version_; false when the engine must recompute.
  bool replay(const Table& table);
  /// Folds the net effect of the changes into the grids (grouped_delta.cpp); false: recompute.
  bool apply(const Table& table, const NetChange& net);
  /// Folds rows `rows` of `columns` (one per table column) in or out; rids[i]
  /// is the table rid of rows[i]. Out (sign -1), rows leave the cells the
  /// lattice remembers for their rids, and only the aggregates' columns are
  /// read (others may be null).
  bool fold_rows(int sign, const std::vector<const Column*>& columns, std::vector<uint32_t>& rows,
                 const std::vector<uint32_t>& rids);
  /// Orders rows and columns after the grids changed (`replayed`: by a
  /// replay, whose stale cells and row deltas are settled here).
  void reorder(const Table& table, bool replayed);
  void encode_levels(const Table& table);
  void update_leaf_order();
  void order_rows(const Table& table);
  void order_columns(const Table& table);
  /// Sort values (the stored aggregate) of `a` for every cell of grid (k, j), by cell id.
  ColumnPtr grid_values(const Table& table, size_t a, size_t k, size_t j);
  ColumnPtr new_output(size_t a, size_t n, const Table& table) const;
  /// The data column of aggregate a under a column group for traversal rows
  /// [r0, r1), or for rows pos[0, r1 - r0) when `pos` is given.
  ColumnPtr data_column(const Table& table, size_t a, const ColumnGroup* group, size_t r0, size_t r1,
                        const size_t* pos = nullptr);

  PivotSpec spec_;
  ExpressionColumns exprs_;  // the view's expression columns (names the table does not know)
  RowFilter filter_;
  std::vector<int> agg_col_, arg_col_;          // table columns of each aggregate's input and arg
  std::vector<int> row_col_, split_col_;        // table columns of group_by / split_by
  std::vector<LevelValues> row_values_, col_values_;
  GroupTree rows_, cols_;
  std::unique_ptr<GridLattice> lattice_;
  Traversal traversal_;
  OrderedTree row_order_;
  std::vector<uint64_t> leaf_seq_;  // leaf creation order (0: not present)
  std::vector<uint64_t> col_leaf_rank_;  // split views: column leaves in path order
  uint64_t next_seq_ = 1;
  std::vector<ColumnGroup> groups_;  // split views: the column leaves in order
  std::vector<std::string> paths_;

  // Per refresh. The constructor already computes the view (the reference
  // builds its tree at view creation, which fixes the leaf creation order).
  bool refreshed_ = false;
  uint64_t version_ = 0;
  RowSelection sel_;
  std::vector<std::vector<uint32_t>> row_nodes_, col_nodes_;
  std::vector<uint32_t> codes_;
  bool direct_ = false;  // leaf nodes computed during aggregation (row_nodes_ empty)

  // Incremental maintenance: the row nodes per level (0: the total row) whose
  // shown values the latest refresh changed or created (sorted; see
  // GridLattice::changed_rows()).
  std::vector<std::vector<uint32_t>> touched_;
  bool touched_all_ = true;  // the latest refresh recomputed everything (or did not track)
  bool row_deltas_ = false;  // track touched_ (set_row_deltas)
  bool incremental_ = true;  // replay changes (set_incremental)
  // Per group_by / split_by level: rows a null update left in their old group
  // (rid -> value code), and, during one replay, the codes rows had before it.
  std::vector<FlatMap64> row_keep_, col_keep_, row_was_, col_was_;
  bool keep_nulls_ = false;  // this replay needs them (see apply())

 public:
  /// Rows (traversal order) the latest processed change touched; all rows
  /// after a recompute. For row-mode update deltas.
  std::vector<size_t> touched_rows() const;
};

}  // namespace parallax
