// A materialised window of a view's output: what the text writers and the
// Arrow exporter consume. Columns may share buffers with the table (zero-copy
// slices) or own gathered copies; either way the Frame keeps them alive, so it
// stays valid after the table lock is released.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "parallax/core/column.h"

namespace parallax {

struct FrameColumn {
  std::string name;    // output name; split columns are "v1|v2|col"
  ColumnPtr column;    // cells [offset, offset + Frame::num_rows)
  size_t offset = 0;
};

struct Frame {
  size_t num_rows = 0;
  std::vector<FrameColumn> columns;

  // Grouped views only (group_by non-empty). row_path[k] holds each row's
  // level-k group value (a null cell where depth <= k); depth[r] is the number
  // of path elements of row r (0 for the grand-total row). row_path[k].name is
  // the group_by column name.
  bool grouped = false;
  std::vector<FrameColumn> row_path;
  std::vector<int32_t> depth;

  // Flat views: each row's pkey, when `id` or `index` was requested.
  bool has_pkey = false;
  FrameColumn pkey;
};

/// The window and rendering options of every output method (semantics 4.1).
struct WindowSpec {
  double start_row = 0, end_row = -1;  // end < 0 = to the end
  double start_col = 0, end_col = -1;
  bool id = false;
  bool index = false;
  bool formatted = false;
  bool leaves_only = false;

  /// Parses {"start_row":..,"end_row":..,"start_col":..,"end_col":..,"id":..,
  /// "index":..,"formatted":..,"leaves_only":..}; unknown keys are ignored.
  static WindowSpec parse_json(std::string_view json);
};

}  // namespace parallax
