// Row filters: a view's `filter` clauses compiled against a column source and
// evaluated column-at-a-time over row ids (semantics 3.7, traps T5, T6, T7, T24).
//
// Compilation reproduces Perspective 3.8's term handling (server.cpp
// coerce_to, then t_fterm::coerce_numeric): a term becomes a threshold of the
// column's type, or stays a "foreign" value (null or boolean on string, date
// and datetime columns) that is never equal to a cell and orders below every
// valid cell. Evaluation follows t_tscalar::cmp: null cells match only `!=`,
// `not in` and `is null`; float equality is bitwise; the string ops ignore
// ASCII case; strings order by bytes.
//
// One upstream quirk is kept on purpose: with `filter_op: "or"`, a string
// `==` clause matches nothing and a string `!=` clause matches every row
// (Perspective's OR path compares the interned term with the string itself).
//
// Thread-safety: a compiled RowFilter is immutable apart from an internal,
// mutex-guarded cache of per-dictionary-code results; apply() and matches()
// may run concurrently. Callers hold the table's read lock while evaluating.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "parallax/view/column_source.h"
#include "parallax/view/view_config.h"

namespace parallax {

enum class FilterOp : uint8_t { Lt, Le, Gt, Ge, Eq, Ne, BeginsWith, EndsWith, Contains, In, NotIn, IsNull, IsNotNull };

/// Perspective's operator names, with its aliases ("startswith", "endswith",
/// "is None", "is not None"). Throws "Unknown filter operator string: `x`";
/// the reducer names ("and", "or", "&", "|") are "Invalid filter op".
FilterOp parse_filter_op(std::string_view op);

class RowFilter {
 public:
  /// A filter that keeps every row.
  RowFilter();
  /// Compiles `clauses` in Perspective's order: every term is coerced to its
  /// column's type first (errors "stoi: no conversion", "Unsupported double
  /// type", "Invalid date format", "Could not get dtype for column `c` ...",
  /// "Filter column not in schema: c"), then column names are checked
  /// ("Invalid column 'c' found in View filters."), then operators.
  RowFilter(const ColumnSource& source, const std::vector<FilterClause>& clauses, bool filter_or);
  ~RowFilter();
  RowFilter(RowFilter&&) noexcept;
  RowFilter& operator=(RowFilter&&) noexcept;

  /// Only the first compilation phase (term coercion), which Perspective runs
  /// before it validates any column name of the view config.
  static void check_terms(const ColumnSource& source, const std::vector<FilterClause>& clauses);

  /// True when the filter keeps every row.
  bool empty() const { return clauses_.empty(); }
  /// Appends to `out` the rids among rids[0..n) that pass, in input order.
  /// Large inputs are split across engine threads.
  void apply(const ColumnSource& source, const uint32_t* rids, size_t n, std::vector<uint32_t>& out) const;
  /// Whether one row passes (row-at-a-time; for live updates).
  bool matches(const ColumnSource& source, uint32_t rid) const;
  /// The columns the clauses read, in clause order (with repeats).
  std::vector<std::string> columns() const;

  struct Clause;  // compiled clause (filter.cpp)

 private:
  std::vector<std::unique_ptr<Clause>> clauses_;
  bool or_ = false;
};

}  // namespace parallax
