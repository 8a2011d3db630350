// A batch of input rows in columnar form: what every loader (CSV, JSON, NDJSON,
// Arrow) produces and what Table::create / Table::update consume.
//
// A cell may be *absent* (the input did not mention that column for that row:
// a partial update) as distinct from *null* (an explicit null). `present` is
// an optional bitmap per column; when null every cell of the column is present.
// A column named "__INDEX__" carries explicit pkeys (semantics 2.2).
// Ownership: the Batch owns its columns; a table may adopt their buffers.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "parallax/core/column.h"

namespace parallax {

struct BatchColumn {
  std::string name;
  ColumnPtr column;
  BufferPtr present;  // bit i = cell i was given; null = all given

  bool has(size_t row) const { return !present || bits::get(present->data(), row); }
};

/// Columns of an earlier small update that a loader may refill instead of
/// allocating new ones (Table::update_loaded keeps its last batch's: a
/// streaming update of 100 rows otherwise allocates and frees a column and
/// two buffers per field). Not thread-safe: one loader at a time, under the
/// table's exclusive lock.
struct ColumnSpares {
  std::vector<ColumnPtr> columns;

  /// A spare of this type and width (strings: sharing `dict`, which must be
  /// given) that no one else holds, reset to n null rows (Column::reset); or
  /// null when there is none.
  ColumnPtr take(DType type, bool wide, const std::shared_ptr<Dictionary>& dict, size_t n) {
    if (type == DType::String && !dict) return nullptr;
    for (size_t i = columns.size(); i-- > 0;) {
      ColumnPtr& c = columns[i];
      if (c.use_count() != 1 || c->type() != type || c->wide() != (type == DType::Integer && wide) ||
          (type == DType::String && c->dict() != dict))
        continue;
      ColumnPtr out = std::move(c);
      columns.erase(columns.begin() + std::ptrdiff_t(i));
      out->reset(n);
      return out;
    }
    return nullptr;
  }
};

/// One string dictionary per field of a schema (null for the other fields): a
/// table's own, handed to a loader that runs under the table's exclusive lock
/// so an update's strings are interned once, straight into the table
/// (Table::update_loaded). `spares` (optional): the table's spare loader
/// columns, under the same lock.
struct SchemaDicts : std::vector<std::shared_ptr<Dictionary>> {
  using std::vector<std::shared_ptr<Dictionary>>::vector;
  ColumnSpares* spares = nullptr;
};

struct Batch {
  size_t num_rows = 0;
  std::vector<BatchColumn> columns;

  int find(std::string_view name) const {
    for (size_t i = 0; i < columns.size(); ++i)
      if (columns[i].name == name) return int(i);
    return -1;
  }
  Schema schema() const {
    Schema s;
    for (auto& c : columns)
      if (c.name != "__INDEX__") s.push_back({c.name, c.column->type(), c.column->wide()});
    return s;
  }
};

}  // namespace parallax
