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

/// The columns of a Table. Borrows the table; keep it alive meanwhile.
class TableColumnSource final : public ColumnSource {
 public:
  explicit TableColumnSource(const Table& table) : table_(table) {}
  const Field* field(std::string_view name) const override {
    int i = table_.column_index(name);
    return i < 0 ? nullptr : &table_.schema()[size_t(i)];
  }
  const Column& column(std::string_view name) const override {
    int i = table_.column_index(name);
    if (i < 0) throw_internal("no column `" + std::string(name) + "` in the table");
    return *table_.column(i);
  }

 private:
  const Table& table_;
};

}  // namespace parallax
