// Flat views (no group_by / split_by): filter + sort + columns + windows, id/index,
// dimensions, get_min_max and live updates. Expectations were recorded from
// @finos/perspective 3.8.0 on the same data (table(schema, {index: "k"}) then update).
#include <gtest/gtest.h>

#include "parallax/core/error.h"
#include "view_test_tables.h"

using namespace parallax;
using namespace parallax::testing;

namespace {

const Schema kSchema = {{"k", DType::String}, {"i", DType::Integer}, {"f", DType::Float},
                        {"d", DType::Date},   {"dt", DType::Datetime}};
const char* kData = R"({"k": ["c", "a", "e", "b", "d"], "i": [5, null, 3, 1, 4], "f": [0.5, 2.5, null, -1, 2.5],
  "d": ["2024-01-02", null, "2023-05-06", "2024-02-29", "2022-01-01"],
  "dt": [1704067200000, 1704067200123, null, 0, -1000]})";

TablePtr indexed_table() {
  TableOptions o;
  o.index = "k";
  return updated_table(kSchema, kData, o);
}

/// One output column (or the pkey column, name "__INDEX__") of a frame as "v1,v2" (null as "null").
std::string column_text(const Frame& f, const std::string& name) {
  const FrameColumn* fc = nullptr;
  for (auto& c : f.columns)
    if (c.name == name) fc = &c;
  if (name == "__INDEX__" && f.has_pkey) fc = &f.pkey;
  if (!fc) return "<none>";
  std::string out;
  for (size_t r = 0; r < f.num_rows; ++r) {
    if (r) out += ',';
    size_t row = fc->offset + r;
    const Column& c = *fc->column;
    if (!c.is_valid(row)) out += "null";
    else if (c.type() == DType::String) out += std::string(c.get_string(row));
    else out += std::to_string(c.get_int(row));
  }
  return out;
}

std::string names(const Frame& f) {
  std::string out;
  for (auto& c : f.columns) out += (out.empty() ? "" : ",") + c.name;
  return out;
}

WindowSpec window(double r0, double r1, double c0 = 0, double c1 = -1) {
  WindowSpec w;
  w.start_row = r0;
  w.end_row = r1;
  w.start_col = c0;
  w.end_col = c1;
  return w;
}

std::string scalar_text(const Scalar& s) {
  if (s.is_null()) return "null";
  if (s.is_string()) return s.as_string();
  if (s.is_int()) return std::to_string(s.as_int());
  if (s.is_float()) {
    char buf[32];
    snprintf(buf, sizeof buf, "%g", s.as_number());
    return buf;
  }
  return s.as_bool() ? "true" : "false";
}

}  // namespace

TEST(FlatView, HiddenSortColumnAndDimensions) {
  View v(indexed_table(), ViewConfig::parse_json(R"({"columns":["k","i"],"sort":[["f","desc"]]})"));
  Frame f = v.frame(WindowSpec{});
  EXPECT_EQ(names(f), "k,i");
  EXPECT_EQ(column_text(f, "k"), "e,a,d,c,b");  // f: null(update) first in desc, then 2.5 (a, d by pkey), 0.5, -1
  EXPECT_EQ(column_text(f, "i"), "3,null,4,5,1");
  Dimensions d = v.dimensions();
  EXPECT_EQ(d.num_table_rows, 5u);
  EXPECT_EQ(d.num_table_columns, 5u);
  EXPECT_EQ(d.num_view_rows, 5u);
  EXPECT_EQ(d.num_view_columns, 2u);  // the hidden sort column is not counted
}

TEST(FlatView, Windows) {
  View v(indexed_table(), ViewConfig::parse_json(R"({"columns":["k","i"],"sort":[["f","desc"]]})"));
  EXPECT_EQ(column_text(v.frame(window(1, 3)), "k"), "a,d");
  EXPECT_EQ(column_text(v.frame(window(0.5, 2.2)), "k"), "e,a,d");  // start floored, end ceiled
  Frame cols = v.frame(window(0, -1, 1, 2));
  EXPECT_EQ(names(cols), "i");
  EXPECT_EQ(column_text(cols, "i"), "3,null,4,5,1");
  Frame inverted = v.frame(window(4, 2));
  EXPECT_EQ(inverted.num_rows, 0u);
  EXPECT_EQ(names(inverted), "k,i");
  EXPECT_EQ(v.frame(window(10, 20)).num_rows, 0u);
}

TEST(FlatView, IdAndIndexArePkeys) {
  View v(indexed_table(), ViewConfig::parse_json(R"({"columns":["k","i"],"sort":[["f","desc"]]})"));
  WindowSpec w = window(0, 2);
  w.id = w.index = true;
  Frame f = v.frame(w);
  ASSERT_TRUE(f.has_pkey);
  EXPECT_EQ(column_text(f, "__INDEX__"), "e,a");
  // A window starting past the end is empty, pkeys included (found by FuzzCapi: it used to
  // fail with an internal error; the reference answers {"k":[],"i":[],"__ID__":[]}).
  WindowSpec past = window(7.5, -1);
  past.id = true;
  Frame none = v.frame(past);
  EXPECT_EQ(none.num_rows, 0u);
  EXPECT_EQ(names(none), "k,i");

  // Unindexed: pkeys are row numbers; sort desc of [3,1,2] -> pkeys 0,2,1.
  auto t = updated_table({{"x", DType::Integer}}, R"({"x":[3,1,2]})");
  View u(t, ViewConfig::parse_json(R"({"sort":[["x","desc"]]})"));
  WindowSpec all;
  all.index = true;
  Frame g = u.frame(all);
  EXPECT_EQ(column_text(g, "x"), "3,2,1");
  EXPECT_EQ(column_text(g, "__INDEX__"), "0,2,1");
  t->update(load_text(R"({"x":[5]})", TextFormat::JsonColumns, &t->schema()));
  EXPECT_EQ(column_text(u.frame(window(0, 2)), "x"), "5,3");
}

TEST(FlatView, MinMaxOverViewRows) {
  View v(indexed_table(), ViewConfig::parse_json(R"({"columns":["k","i"],"sort":[["f","desc"]]})"));
  auto text = [&](const char* col) {
    auto [lo, hi] = v.min_max(col);
    return scalar_text(lo) + "/" + scalar_text(hi);
  };
  EXPECT_EQ(text("i"), "1/5");
  EXPECT_EQ(text("f"), "-1/2.5");  // columns outside `columns` work too
  EXPECT_EQ(text("d"), "2022-01-01/2024-02-29");
  EXPECT_EQ(text("dt"), "1969-12-31 23:59:59.000/2024-01-01 00:00:00.123");
  try {
    v.min_max("nope");
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "Could not find column index for `nope` as it does not exist in the schema.");
  }
  View filtered(indexed_table(), ViewConfig::parse_json(R"({"columns":["k"],"filter":[["i",">",1]]})"));
  auto [lo, hi] = filtered.min_max("f");
  EXPECT_EQ(scalar_text(lo) + "/" + scalar_text(hi), "0.5/2.5");
  auto empty = updated_table(kSchema, R"({"k":[null],"i":[null]})");
  View e(empty, ViewConfig::parse_json("{}"));
  auto [elo, ehi] = e.min_max("i");
  EXPECT_TRUE(elo.is_null() && ehi.is_null());
}

TEST(FlatView, ExpandAndCollapseDoNothing) {
  View v(indexed_table(), ViewConfig::parse_json("{}"));
  EXPECT_EQ(v.expand(0), 0);
  EXPECT_EQ(v.collapse(0), 0);
}

TEST(FlatView, FilterAndSortFollowUpdatesAndRemoves) {
  auto t = indexed_table();
  View v(t, ViewConfig::parse_json(R"({"columns":["k"],"filter":[["i",">",1]],"sort":[["i","asc"]]})"));
  EXPECT_EQ(column_text(v.frame(WindowSpec{}), "k"), "e,d,c");
  t->update(load_text(R"({"k":["a","f","c"],"i":[0,9,2]})", TextFormat::JsonColumns, &t->schema()));
  EXPECT_EQ(column_text(v.frame(WindowSpec{}), "k"), "c,e,d,f");
  t->remove(load_keys_json(R"(["e"])", t->schema()[0]));
  EXPECT_EQ(column_text(v.frame(WindowSpec{}), "k"), "c,d,f");
  Dimensions d = v.dimensions();
  EXPECT_EQ(d.num_table_rows, 5u);
  EXPECT_EQ(d.num_view_rows, 3u);
  EXPECT_EQ(d.num_view_columns, 1u);
}

TEST(FlatView, UnsortedIndexedViewIsInKeyOrder) {
  auto t = indexed_table();
  t->update(load_text(R"({"k":["a","f","c"],"i":[0,9,2]})", TextFormat::JsonColumns, &t->schema()));
  t->remove(load_keys_json(R"(["e"])", t->schema()[0]));
  View v(t, ViewConfig::parse_json(R"({"columns":["i"]})"));
  WindowSpec w;
  w.id = true;
  Frame f = v.frame(w);
  EXPECT_EQ(column_text(f, "i"), "0,1,2,4,9");
  EXPECT_EQ(column_text(f, "__INDEX__"), "a,b,c,d,f");
}

TEST(FlatView, FilterErrorsComeBeforeColumnErrors) {
  // Oracle: {"columns":["zz"],"filter":[["i","==","abc"]]} -> "stoi: no conversion";
  // {"sort":[["zz","asc"]],"filter":[["yy","==",null]]} -> the filter column first.
  auto t = indexed_table();
  auto message = [&](const char* cfg) {
    try {
      View v(t, ViewConfig::parse_json(cfg));
      return std::string("ok");
    } catch (const Error& e) {
      return std::string(e.what());
    }
  };
  EXPECT_EQ(message(R"({"columns":["zz"],"filter":[["i","==","abc"]]})"), "stoi: no conversion");
  EXPECT_EQ(message(R"({"sort":[["zz","asc"]],"filter":[["yy","==",null]]})"),
            "Invalid column 'yy' found in View filters.");
  EXPECT_EQ(message(R"({"sort":[["zz","asc"]],"filter":[["i","~~",null]]})"), "Invalid column 'zz' found in View sorts.");
  EXPECT_EQ(message(R"({"aggregates":{"zz":"sum"},"columns":["yy"]})"), "Invalid column 'yy' found in View columns.");
  EXPECT_EQ(message(R"({"sort":[["f","col asc"]]})"), "ok");
  // Aggregates are checked on flat views too, before filter operators.
  EXPECT_EQ(message(R"({"aggregates":{"f":"not_an_agg"},"filter":[["f","~~",1]]})"),
            "Encountered unknown aggregate operation: 'not_an_agg'");
  EXPECT_EQ(message(R"({"aggregates":{"f":"weighted mean"}})"), "vector");
  EXPECT_EQ(message(R"({"aggregates":{"f":["weighted mean",["zz"]]}})"), "ok");
}
