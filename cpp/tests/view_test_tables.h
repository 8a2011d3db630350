// Helpers shared by the filter, sort and flat-view tests: tables built from
// JSON column text through the real loaders, and views read back as ids.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "parallax/load/loaders.h"
#include "parallax/table/table.h"
#include "parallax/view/column_source.h"
#include "parallax/view/view.h"

namespace parallax::testing {

/// `columns_json` loaded into an empty table of `schema` with update(), so
/// explicit nulls are update nulls (Perspective's table(schema) + update(data)).
inline TablePtr updated_table(const Schema& schema, const std::string& columns_json, TableOptions opts = {}) {
  auto t = std::make_shared<Table>(schema, std::move(opts));
  t->update(load_text(columns_json, TextFormat::JsonColumns, &schema));
  return t;
}

/// The same data as a creation load, so nulls are creation nulls (table(data)).
inline TablePtr created_table(const Schema& schema, const std::string& columns_json, TableOptions opts = {}) {
  return Table::from_batch(load_text(columns_json, TextFormat::JsonColumns, &schema), std::move(opts));
}

/// The integer column `col` of a view's whole output, as text "a,b,c" (null as "null").
inline std::string view_ints(View& v, const std::string& col) {
  Frame f = v.frame(WindowSpec{});
  for (auto& fc : f.columns) {
    if (fc.name != col) continue;
    std::string out;
    for (size_t r = 0; r < f.num_rows; ++r) {
      if (r) out += ',';
      size_t row = fc.offset + r;
      out += fc.column->is_valid(row) ? std::to_string(fc.column->get_int(row)) : "null";
    }
    return out;
  }
  return "<no column " + col + ">";
}

}  // namespace parallax::testing
