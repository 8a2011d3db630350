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

/// One string dictionary per field of a schema (null for the other fields): a
/// table's own, handed to a loader that runs under the table's exclusive lock
/// so an update's strings are interned once, straight into the table
/// (Table::update_loaded).
using SchemaDicts = std::vector<std::shared_ptr<Dictionary>>;

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
