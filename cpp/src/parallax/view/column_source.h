// Where filters, sorts and min/max find the columns they read, by name.
//
// Views resolve column names through a ColumnSource rather than baking table
// column indices into compiled filters and sorts, so a view's computed
// (expression) columns can later be served by a source that knows them. Every
// column a source returns is addressed by table row id (rid).
//
// Thread-safety: a source only reads; the Columns it returns are valid while
// the caller holds the table's read lock.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "parallax/core/column.h"
#include "parallax/core/error.h"
#include "parallax/core/types.h"
#include "parallax/table/table.h"

namespace parallax {

class ColumnSource {
 public:
  virtual ~ColumnSource() = default;
  /// The field named `name`, or nullptr when there is no such column.
  virtual const Field* field(std::string_view name) const = 0;
  /// The column named `name` (one field() knows), cells indexed by rid.
  virtual const Column& column(std::string_view name) const = 0;
};

/// One of a view's expression columns: its name and type as the view shows
/// them, and the index of the computed column the table hosts its cells in
/// (Table::column(index); -1 while the view is still checking its config).
struct ExpressionColumn {
  Field field;
  int index = -1;
};
/// A view's expression columns, in config order. Names never repeat a table
/// column's (View refuses that), so they extend the table's namespace.
using ExpressionColumns = std::vector<ExpressionColumn>;

/// The columns of a Table, plus a view's expression columns when given.
/// Borrows both; keep them alive meanwhile.
class TableColumnSource final : public ColumnSource {
 public:
  explicit TableColumnSource(const Table& table, const ExpressionColumns* exprs = nullptr)
      : table_(table), exprs_(exprs) {}
  const Field* field(std::string_view name) const override {
    int i = table_.column_index(name);
    if (i >= 0) return &table_.schema()[size_t(i)];
    if (const ExpressionColumn* e = expression(name)) return &e->field;
    return nullptr;
  }
  const Column& column(std::string_view name) const override {
    int i = index(name);
    if (i < 0) throw_internal("no column `" + std::string(name) + "` in the table");
    return *table_.column(i);
  }
  /// The column's index for Table::column(), or -1 when there is none.
  int index(std::string_view name) const {
    int i = table_.column_index(name);
    if (i >= 0) return i;
    const ExpressionColumn* e = expression(name);
    return e ? e->index : -1;
  }

 private:
  const ExpressionColumn* expression(std::string_view name) const {
    if (exprs_)
      for (const ExpressionColumn& e : *exprs_)
        if (e.field.name == name) return &e;
    return nullptr;
  }

  const Table& table_;
  const ExpressionColumns* exprs_;
};

}  // namespace parallax
