// Cell-level JSON rules shared by the JSON, NDJSON and key loaders: how one
// JSON value types a new column (Perspective's rapidjson_type_to_dtype) and
// how it is written into a typed column, with the promotions allowed at table
// creation and the coercions of update() (Perspective's fill_column_json,
// semantics 1.2 and 1.8). Internal to the loaders.
//
// Thread-safety: stateless; a ColumnBuilder is used by one thread.
#pragma once
#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string_view>

#include "parallax/core/batch.h"

namespace parallax::json_cells {

/// A JSON scalar classified the way rapidjson's predicates see it.
struct JVal {
  enum Kind : uint8_t { Null = 0, False = 1, True = 2, Object = 3, Array = 4, String = 5, Number = 6 };
  Kind kind = Null;
  bool is_int = false;     // number in int32 range
  bool is_int64 = false;   // number in int64 range
  bool is_double = false;  // written with '.' or an exponent
  int64_t i = 0;
  double d = 0;
  std::string_view s;

  static JVal of(simdjson::dom::element e);
  /// rapidjson's GetType() code, which Perspective prints in its messages.
  int type_code() const { return int(kind); }
};

/// The type a column takes from its first non-null value; nullopt for null.
/// Objects and arrays throw "Unknown JSON type".
std::optional<DType> infer_type(const JVal& v);

/// One column being filled from JSON cells. Rows are pre-sized (all null).
/// In update mode a `present` bitmap records which cells were given.
class ColumnBuilder {
 public:
  /// `update`: coerce without promotion (update()); `track_present`: record
  /// which cells were given (update batches; defaults to `update`).
  ColumnBuilder(std::string name, DType type, bool wide, size_t rows, bool update, bool track_present);
  ColumnBuilder(std::string name, DType type, bool wide, size_t rows, bool update)
      : ColumnBuilder(std::move(name), type, wide, rows, update, update) {}

  /// Writes v into row `row` (< rows). At creation an int32 column that meets
  /// a value it cannot hold is promoted (to float or string) and the value is
  /// written again; in update mode that is an error, as is any value the
  /// column's type rejects.
  void put(size_t row, const JVal& v);
  /// Grows to n rows (NDJSON, where the row count is not known up front).
  void grow(size_t n);

  const std::string& name() const { return name_; }
  DType type() const { return col_->type(); }
  /// Finishes at exactly n rows (n <= rows).
  BatchColumn finish(size_t n);

 private:
  /// Perspective's fill_column_json: writes or returns the promotion wanted.
  std::optional<DType> fill(size_t row, const JVal& v);
  /// data_table::promote_column: rows [0, limit) become valid text/float.
  void promote(DType to, size_t limit);
  void mark_present(size_t row);

  std::string name_;
  ColumnPtr col_;
  BufferPtr present_;
  size_t rows_;
  bool update_;
};

/// Text of a non-string value written into a string column (json_into<string>).
std::string to_text(const JVal& v);

}  // namespace parallax::json_cells
