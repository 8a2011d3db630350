// Every grid of a pivoted view and the aggregation over them: one pass over
// the selected rows fills the leaf grid (rows grouped by leaf row node, and
// by leaf column node with split_by), in fixed chunks with per-chunk partial
// accumulators combined in chunk order; every other grid is a roll-up of one
// child grid (a row level up, or for the leaf row level a column level up).
// Holistic aggregates get their rows per cell, in the reference's order, on
// demand.
//
// Live views (incremental maintenance) fold each change's rows out of and
// into every grid: retractable aggregates retract and add; the others, once
// go_live() has recorded the rows of every cell and cached the holistic
// results, fold where they stay exact and have the cells they cannot vouch
// for recomputed from those cells' rows (refresh_stale(), grid_live.cpp).
//
// Ownership: owns the grids and their accumulators. Borrows the row/column
// node arrays and the selection passed to compute() until the next compute().
// Thread-safety: none; the owning engine serialises every call. compute()
// runs its row passes on engine threads through parallel_for.
#pragma once
#include <functional>
#include <memory>
#include <vector>

#include "parallax/view/aggregates/aggregate.h"
#include "parallax/view/pivot/grid.h"
#include "parallax/view/pivot/group_tree.h"
#include "parallax/view/pivot/pivot_spec.h"
#include "parallax/view/pivot/row_selection.h"

namespace parallax {

class GridLattice {
 public:
  /// R row levels and C column levels; `aggs` with their input columns' types.
  GridLattice(size_t row_levels, size_t col_levels, const std::vector<PivotAggregate>& aggs,
              const std::vector<const Column*>& sample_inputs, const std::vector<const Column*>& sample_args);

  size_t row_levels() const { return R_; }
  size_t col_levels() const { return C_; }
  Grid& grid(size_t k, size_t j) { return *grids_[k * (C_ + 1) + j]; }
  const Grid& grid(size_t k, size_t j) const { return *grids_[k * (C_ + 1) + j]; }

  /// Cells of selected rows [b, e) of the leaf grid, computed into `scratch`
  /// (e - b <= kBlock) or pointing into storage the caller keeps.
  using LeafCells = std::function<const uint32_t*(size_t b, size_t e, uint32_t* scratch)>;
  static constexpr size_t kBlock = 4096;

  /// Full recompute. row_nodes[k - 1][i] / col_nodes[j - 1][i]: node of
  /// selected row i at row level k / column level j. With one row level and
  /// no column level, `direct` may supply the leaf nodes block by block
  /// instead (row_nodes then stays empty; not with holistic aggregates).
  void compute(const std::vector<agg::AggregateInput>& inputs, const RowSelection& sel,
               const std::vector<std::vector<uint32_t>>& row_nodes,
               const std::vector<std::vector<uint32_t>>& col_nodes, const GroupTree& rows, const GroupTree& cols,
               const LeafCells& direct = nullptr);
  /// Whether every aggregate can retract, so fold() can maintain the grids.
  bool retractable() const;

  /// Incremental maintenance after compute() (and go_live() unless
  /// retractable()): folds `rows` (rows of the inputs' columns; rids[i] is
  /// the table rid of row i) into every grid (sign +1, creating cells) or out
  /// of it (sign -1; a cell left empty has its state cleared).
  /// row_nodes[k - 1][i] / col_nodes[j - 1][i] are the nodes of row i as in
  /// compute(). Returns false when a row to fold out has no cell (state out
  /// of step: recompute).
  bool fold(int sign, const std::vector<agg::AggregateInput>& inputs, const agg::RowRun& rows, const uint32_t* rids,
            const std::vector<std::vector<uint32_t>>& row_nodes, const std::vector<std::vector<uint32_t>>& col_nodes,
            const GroupTree& rtree);

  /// fold(-1, ...) for rows last folded in (or computed) whose cells are
  /// the ones they were folded into: remembered per rid (leaf_of_), so the
  /// caller need not encode their old group values. Only where the caller
  /// knows each row is still in the cell it was put in (see GroupedEngine's
  /// null-keeping rule). False as fold().
  bool fold_out_remembered(const std::vector<agg::AggregateInput>& inputs, const agg::RowRun& rows,
                           const uint32_t* rids);
  /// The row and column leaf nodes of the cell each of rids[0, n) was last
  /// put in (col_leaf: 0 without split_by). False when a rid has none.
  bool remembered_leaves(const uint32_t* rids, size_t n, uint32_t* row_leaf, uint32_t* col_leaf) const;

  // ---- live views of aggregates that cannot retract (grid_live.cpp) ----
  /// The table's pkey order: a predicate on live rids, and every live rid in
  /// that order (read under the caller's read lock).
  struct PkeyOrder {
    std::function<bool(uint32_t, uint32_t)> less;
    std::function<std::shared_ptr<const std::vector<uint32_t>>()> all;
  };
  /// After compute() and the leaf order are set: records the rows of every
  /// cell and caches the holistic results, so fold() can maintain the grids.
  /// Memory: two 32-bit words per selected row per grid.
  void go_live(const std::vector<agg::AggregateInput>& inputs);
  bool live() const { return live_; }
  /// After the folds of a change, once the leaf order is set again:
  /// recomputes from their rows the cells fold() left stale.
  void refresh_stale(const std::vector<agg::AggregateInput>& inputs, const PkeyOrder& order);

  /// Without split_by, the rows of a node are visited leaf by leaf in leaf
  /// creation order: leaf_seq[leaf node] (a rank; set before finalize()).
  void set_leaf_order(const std::vector<uint64_t>* leaf_seq) { leaf_seq_ = leaf_seq; }
  /// With split_by, the rows of a non-leaf cell are visited column leaf by
  /// column leaf in this rank order (by column leaf node), then by pkey.
  void set_column_leaf_order(const std::vector<uint64_t>* rank) { col_leaf_rank_ = rank; }

  /// out[i] = aggregate `a` of cell cells[i] of grid (k, j); `out` has n rows
  /// of the aggregate's value type.
  /// `stored`: the value sorts compare (see FinalizeContext::stored).
  void finalize(size_t a, size_t k, size_t j, const agg::AggregateInput& input, const uint32_t* cells, size_t n,
                Column& out, bool stored = false);

  /// Whether the view has ever aggregated a non-empty table. Until it has, the
  /// reference never writes its root aggregates and the total row is all null.
  void set_data_seen(bool seen) { data_seen_ = seen; }

  /// Drops every cell and recreates the accumulators (the trees were cleared).
  void clear();

  /// Change tracking for row deltas: between begin_tracking() and
  /// changed_rows(), fold() notes the output cells (grids (k, C)) it is about
  /// to touch with their values of aggregates [0, outputs). changed_rows()[k]
  /// lists the row nodes at level k with a cell that is new or now shows
  /// another value (cells that emptied do not count, as in the reference).
  void begin_tracking(size_t outputs);
  std::vector<std::vector<uint32_t>> changed_rows(const std::vector<agg::AggregateInput>& inputs);

 private:
  void make_accumulators();
  /// fold()'s work once every row's cell in every grid is known.
  bool fold_cells(int sign, const std::vector<agg::AggregateInput>& inputs, const agg::RowRun& rows,
                  const uint32_t* rids, const std::vector<std::vector<uint32_t>>& cells);
  void accumulate_leaf(const std::vector<agg::AggregateInput>& inputs, const LeafCells& cells_of);
  void roll_up(Grid& child, Grid& target, bool row_direction, const GroupTree& rows, const GroupTree& cols);
  void link_up_maps(const GroupTree& rows, const GroupTree& cols);
  void ensure_rows(size_t k, size_t j);
  /// After compute(): the cell in grid (k, j) of every selected row.
  std::vector<uint32_t> selection_cells(size_t k, size_t j) const;
  /// Sorts each group [off[d], off[d + 1]) of `rows` (pkey order) into the
  /// reference's value order for grid (k, j); fills `leaves` where the
  /// aggregates read them.
  void reference_order(size_t k, size_t j, const std::vector<uint32_t>& off, std::vector<uint32_t>& rows,
                       std::vector<uint32_t>& leaves) const;

  size_t R_, C_;
  std::vector<PivotAggregate> aggs_;
  std::vector<std::unique_ptr<agg::GroupsAccumulator>> prototypes_;  // one per aggregate
  std::vector<std::unique_ptr<Grid>> grids_;
  const std::vector<uint64_t>* leaf_seq_ = nullptr;
  bool data_seen_ = false;
  // Borrowed from compute() until the next one.
  const RowSelection* sel_ = nullptr;
  const std::vector<std::vector<uint32_t>>* row_nodes_ = nullptr;
  const std::vector<std::vector<uint32_t>>* col_nodes_ = nullptr;
  const std::vector<uint64_t>* col_leaf_rank_ = nullptr;
  std::vector<uint32_t> leaf_cells_;  // split views: leaf-grid cell of every selected row

  /// Output cells noted by fold() while tracking, per row level.
  struct Tracked {
    FlatMap64 seen;                  // cell -> index into cells
    std::vector<uint32_t> cells;
    std::vector<uint8_t> existed;    // had rows before the change
    std::vector<std::vector<uint64_t>> before;  // per output aggregate, per cell (existing only)
  };
  void note_cells(size_t k, const std::vector<uint32_t>& cells, const std::vector<agg::AggregateInput>& inputs);
  /// Value bits of aggregate a for cells of grid (k, C), with nulls as one sentinel.
  std::vector<uint64_t> value_bits(size_t a, size_t k, const agg::AggregateInput& input,
                                   const std::vector<uint32_t>& cells);
  bool tracking_ = false;
  bool tracked_exact_ = true;  // compare values (see begin_tracking())
  size_t tracked_outputs_ = 0;
  std::vector<Tracked> tracked_;

  /// Live state of one grid (go_live() to the next compute()).
  struct Live {
    std::vector<std::vector<uint32_t>> rows;     // cell -> its rids, unordered
    std::vector<uint32_t> slot;                  // rid -> index in rows[its cell]
    std::vector<std::vector<uint32_t>> stale;    // per aggregate: cells to recompute (repeats allowed)
    std::vector<std::unique_ptr<Column>> cache;  // per aggregate, holistic only: result per cell
  };
  void member_add(Live& l, uint32_t cell, uint32_t rid);
  bool member_remove(Live& l, uint32_t cell, uint32_t rid);
  /// Rows of `cells` of grid `l` in pkey order, as CSR (off has cells + 1 entries).
  void gather(const Live& l, const std::vector<uint32_t>& cells, const PkeyOrder& order,
              std::shared_ptr<const std::vector<uint32_t>>& all, std::vector<uint32_t>& off,
              std::vector<uint32_t>& rows) const;
  bool live_ = false;
  std::vector<Live> live_grids_;  // per grid, as grids_
  // rid -> leaf-grid cell of every row compute() or fold(+1) put in the
  // grids (stale for other rids). About 4 bytes per table row.
  std::vector<uint32_t> leaf_of_;
};

}  // namespace parallax
