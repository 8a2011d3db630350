// The engine of a view with split_by and no group_by (T10). The reference
// runs it as a two-sided pivot whose rows are the source rows themselves,
// aggregated with `any`: one output row per selected row, in pkey order or
// sorted, no total row; each row fills only its own column group, where a
// value that is null or falsy shows as the zero of its type (0, false, "",
// a year-0 date); every other cell is null. Row sorts compare those shown
// values (ties in pkey order); `col` sorts order column groups by the `any`
// of their rows (the first truthy value in pkey order, leaf by leaf in path
// order). __ID__ lists, for row r, the pkey of row r - 1 (row 0 gets none).
//
// Live views replay the table's net change (split_only_live.cpp): the
// touched rows leave the selection and the row order and come back where
// they belong now, each into its column leaf (new leaves join the tree,
// which only grows; leaves are shown in path order, so their creation order
// never shows). As in the reference's live tree, an update that sets a
// row's split value to null keeps the row in its leaf (a fresh view files
// it under null). Clear, replace and large changes recompute.
//
// Ownership: per-row state is indexed by rid and per-leaf state by column
// leaf node; column data is read from the table at frame() time.
// Thread-safety: View serialises calls and holds the table's read lock.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "parallax/view/filter.h"
#include "parallax/view/pivot/group_sort.h"
#include "parallax/view/pivot/group_tree.h"
#include "parallax/view/pivot/level_values.h"
#include "parallax/view/pivot/pivot_spec.h"
#include "parallax/view/pivot/row_selection.h"
#include "parallax/view/view_engine.h"

namespace parallax {

class SplitOnlyEngine final : public ViewEngine {
 public:
  SplitOnlyEngine(const Table& table, PivotSpec spec, const ViewConfig& config, const ExpressionColumns& exprs);

  void refresh(const Table& table) override;
  /// None: a replay reads only rids and the table's current cells (its own
  /// per-rid state remembers where each row was filed).
  std::vector<bool> journal_columns(const Table& table) const override {
    return std::vector<bool>(table.column_count(), false);
  }
  size_t num_rows() const override { return order().size(); }
  std::vector<std::string> column_paths() const override { return paths_; }
  std::vector<OutputField> schema() const override;
  Frame frame(const Table& table, size_t r0, size_t r1, size_t c0, size_t c1, const WindowSpec& opts) override;
  Frame delta_frame(const Table& table) override;
  std::pair<Scalar, Scalar> min_max(const Table& table, const std::string& column) override;
  int64_t expand(size_t row) override { return row < order().size() ? int64_t(row) : 0; }
  void set_row_deltas(bool on) override;
  void set_incremental(bool on) override { incremental_ = on; }

 private:
  static constexpr uint32_t kNone = ~uint32_t(0);

  /// The shown value of `rid` of `col` into out[o]: the cell when truthy, else the zero.
  static void shown(const Column& col, uint32_t rid, Column& out, size_t o);
  /// Selected rids in display order.
  const std::vector<uint32_t>& order() const { return spec_.row_sorts.empty() ? sel_ : order_; }
  const Column& agg_source(const Table& table, size_t a) const {
    return *table.column(agg_col_[a]);
  }
  void grow(size_t rids);

  // --- full pass (split_only_engine.cpp) ---
  /// Recomputes every row's leaf, the selection and both orders.
  void recompute(const Table& table);
  /// first_[a][leaf] for the tracked aggregates from scratch (`only`: just those leaves).
  void scan_first_truthy(const Table& table, const std::vector<uint8_t>* only);
  /// Column leaves with rows in display order, and their paths.
  void order_columns(const Table& table);
  /// Shown values of the row sort columns at `rids`, and the stable sort of order_.
  void write_sort_values(const Table& table, const std::vector<uint32_t>& rids);
  void sort_rows(const Table& table);

  // --- replay (split_only_live.cpp) ---
  /// Brings the view up to date with `net`; false: recompute instead.
  bool replay(const Table& table, const NetChange& net);
  /// Updates sel_ in place when the change only appends rows (in, in pkey
  /// order; was: touched rows selected before, sorted); false: merge instead.
  bool append_selection(const Table& table, const std::vector<uint32_t>& was, const std::vector<uint32_t>& in);
  /// Whether row a shows before row b (sort values, then pkey).
  bool row_less(const Table& table, uint32_t a, uint32_t b) const;
  /// Row-delta state: each selected row's fingerprint and the total row's.
  void prime_deltas(const Table& table);
  uint64_t row_print(const Table& table, uint32_t rid) const;
  std::vector<uint64_t> total_prints(const Table& table) const;

  PivotSpec spec_;
  ExpressionColumns exprs_;  // the view's expression columns (names the table does not know)
  RowFilter filter_;
  std::vector<int> split_col_, agg_col_;
  std::vector<LevelValues> values_;
  GroupTree cols_;                   // only grows (until a dictionary change)
  std::vector<std::string> paths_;
  std::vector<uint32_t> leaves_;     // column leaf nodes shown, in display order
  bool refreshed_ = false, incremental_ = true, row_deltas_ = false;
  uint64_t version_ = 0;
  // Per rid: the leaf a live row is filed under (kept while it is outside
  // the filter; kNone once it stops being live) and whether it is selected.
  std::vector<uint32_t> leaf_of_;
  std::vector<uint8_t> selected_;
  std::vector<uint32_t> sel_;        // selected rids in pkey order
  std::vector<uint32_t> order_;      // the same, sorted (row sorts only)
  bool strict_sort_ = true;          // row sorts are a strict weak order (asc/desc only)
  std::vector<ColumnPtr> sort_values_;  // per row sort: shown values by rid
  std::vector<GroupSortKey> sort_keys_;
  // Per column leaf: selected rows, and the first truthy rid in pkey order
  // of each tracked aggregate (column sorts; every output with row deltas).
  std::vector<uint32_t> leaf_rows_;
  std::vector<uint8_t> tracked_;
  std::vector<std::vector<uint32_t>> first_;
  // Row deltas: fingerprints of the shown cells per rid and of the total row
  // per leaf (prints_ready_: they describe the current version).
  bool prints_ready_ = false;
  std::vector<uint64_t> prints_;
  std::vector<uint64_t> total_prints_;
  bool delta_all_ = true, delta_total_ = false;
  std::vector<uint32_t> delta_rids_;  // changed rows, in display order
};

}  // namespace parallax
