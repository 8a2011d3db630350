// The computation behind a View: the flat engine (no pivots) and the pivot
// engine (group_by / split_by) implement this one contract, so View, the C
// API and the writers never branch on the kind of view.
//
// Thread-safety: View serialises every call on one engine under its own mutex
// and calls refresh()/frame() while holding the table's read lock.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "parallax/core/scalar.h"
#include "parallax/table/table.h"
#include "parallax/view/frame.h"
#include "parallax/view/view_config.h"

namespace parallax {

struct OutputField {
  std::string name;   // base column name (no split prefix)
  DType type;         // type after aggregation, as schema() reports it
};

class ViewEngine {
 public:
  virtual ~ViewEngine() = default;
  /// Brings the engine up to date with the table (full recompute or incremental).
  virtual void refresh(const Table& table) = 0;
  /// One flag per table column: whether refresh() reads that column's old
  /// cells from journal entries (TableDelta::old) when it replays a change.
  /// The table gathers only columns some attached view names; an entry made
  /// before the view attached may lack them, which the engine must check
  /// (and recompute). Fixed for the engine's lifetime. Default: every column.
  virtual std::vector<bool> journal_columns(const Table& table) const {
    return std::vector<bool>(table.schema().size(), true);
  }
  /// Rows in the view (the total row and only visible rows for grouped views).
  virtual size_t num_rows() const = 0;
  /// Every output column name in order (split paths "a|b|col").
  virtual std::vector<std::string> column_paths() const = 0;
  /// Output schema (base names, aggregate types), in column order.
  virtual std::vector<OutputField> schema() const = 0;
  /// Materialises rows [r0, r1) and data columns [c0, c1) (indices into column_paths()).
  virtual Frame frame(const Table& table, size_t r0, size_t r1, size_t c0, size_t c1, const WindowSpec& opts) = 0;
  /// [min, max] over the view's rows except the total row.
  virtual std::pair<Scalar, Scalar> min_max(const Table& table, const std::string& column) { return {}; }
  /// Whether refreshes should work out which rows they change (delta_frame()).
  /// Off by default: the comparison costs a quarter of a grouped view's
  /// refresh, and only row-mode listeners read it.
  virtual void set_row_deltas(bool on) {}
  /// On by default: refreshes replay the table's changes where the engine
  /// can. Off: every refresh recomputes (differential tests, benchmarks).
  virtual void set_incremental(bool on) {}
  /// The rows the latest refresh created or changed, as Perspective's
  /// row-mode on_update delivers them: every data column, no row path, in
  /// view order. Engines that cannot tell give every row.
  virtual Frame delta_frame(const Table& table) {
    return frame(table, 0, num_rows(), 0, column_paths().size(), WindowSpec{});
  }
  virtual int64_t expand(size_t row) { return 0; }
  virtual int64_t collapse(size_t row) { return 0; }
  virtual void set_depth(int depth) {}
};

}  // namespace parallax
