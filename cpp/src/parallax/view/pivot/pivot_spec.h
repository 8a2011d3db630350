// A pivoted view's config resolved against the table: the aggregate of every
// output column and hidden sort column, the row and column sorts, the depth.
// Resolution follows Perspective's t_view_config::fill_aggspecs, including its
// choices for hidden sort columns and its error messages.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "parallax/view/aggregates/aggregate.h"
#include "parallax/view/column_source.h"
#include "parallax/view/view_config.h"

namespace parallax {

struct PivotAggregate {
  std::string column;            // the aggregated column (output name)
  const agg::AggregateDef* def;  // never null
  agg::AggregateTypes types;
  std::string arg;               // weight / key column of weighted mean, max by, min by; else empty
  bool hidden = false;           // a hidden sort column: aggregated for sorting, not output
};

struct PivotSort {
  size_t agg;   // index into PivotSpec::aggregates
  SortDir dir;  // Asc, Desc, AscAbs, DescAbs, None (the `col` prefix removed for column sorts)
};

struct PivotSpec {
  std::vector<std::string> group_by, split_by;
  std::vector<PivotAggregate> aggregates;  // output columns in `columns` order, then hidden sorts
  size_t outputs = 0;                      // aggregates[0, outputs) are output columns
  std::vector<PivotSort> row_sorts;        // sorts groups within each level
  std::vector<PivotSort> column_sorts;     // `col ...`: sorts split column groups (split views only)
  int initial_depth = -1;                  // group_by_depth - 1, or -1 for every level
};

/// Resolves `config` (validated column names) for a view with group_by and/or
/// split_by. Split-only views ignore aggregates entirely (T10). Throws
/// Error(Invalid) with Perspective's messages. `source` knows the view's
/// columns (expression columns included); `table` only the table's, where the
/// reference looks up an aggregate's argument (weight) column.
PivotSpec resolve_pivot(const ColumnSource& source, const ColumnSource& table, const ViewConfig& config,
                        const std::vector<std::string>& columns);

}  // namespace parallax
