// The engine of a view with split_by and no group_by (T10). The reference
// runs it as a two-sided pivot whose rows are the source rows themselves,
// aggregated with `any`: one output row per selected row, in pkey order or
// sorted, no total row; each row fills only its own column group, where a
// value that is null or falsy shows as the zero of its type (0, false, "",
// a year-0 date); every other cell is null. Row sorts compare those shown
// values (ties in pkey order); `col` sorts order column groups by the `any`
// of their rows (the first truthy value in pkey order). __ID__ lists, for row
// r, the pkey of row r - 1 (row 0 gets none).
//
// Thread-safety: View serialises calls and holds the table's read lock.
#pragma once
#include <string>
#include <vector>

#include "parallax/view/filter.h"
#include "parallax/view/pivot/group_tree.h"
#include "parallax/view/pivot/level_values.h"
#include "parallax/view/pivot/pivot_spec.h"
#include "parallax/view/pivot/row_selection.h"
#include "parallax/view/view_engine.h"

namespace parallax {

class SplitOnlyEngine final : public ViewEngine {
 public:
  SplitOnlyEngine(const Table& table, PivotSpec spec, const ViewConfig& config);

  void refresh(const Table& table) override;
  size_t num_rows() const override { return order_.size(); }
  std::vector<std::string> column_paths() const override { return paths_; }
  std::vector<OutputField> schema() const override;
  Frame frame(const Table& table, size_t r0, size_t r1, size_t c0, size_t c1, const WindowSpec& opts) override;
  std::pair<Scalar, Scalar> min_max(const Table& table, const std::string& column) override;
  int64_t expand(size_t row) override { return row < order_.size() ? int64_t(row) : 0; }

 private:
  /// The shown value of selected row i of `col` into out[o]: the cell when truthy, else the zero.
  static void shown(const Column& col, uint32_t rid, Column& out, size_t o);
  /// Column leaves with rows in display order, and their paths.
  void order_columns(const Table& table);
  /// Display order of the selected rows.
  void order_rows(const Table& table);

  PivotSpec spec_;
  RowFilter filter_;
  std::vector<int> split_col_;
  std::vector<LevelValues> values_;
  GroupTree cols_;
  std::vector<std::string> paths_;
  std::vector<uint32_t> leaves_;     // column leaf nodes in display order
  // Per refresh. The constructor already computes the view (the reference
  // builds its tree at view creation, which fixes the leaf creation order).
  bool refreshed_ = false;
  uint64_t version_ = 0;
  RowSelection sel_;
  std::vector<uint32_t> leaf_of_;    // column leaf node of each selected row
  std::vector<uint32_t> order_;      // selection positions in display order
};

}  // namespace parallax
