// Expression columns in views, end to end: config checks and their order,
// every view kind, live changes, validate_expressions, and the table's
// computed-column machinery (evaluated rows, sharing, release).
//
// Expected outputs were recorded from Perspective 3.8.0 (the reference
// engine, @finos/perspective in node) with the same data and configs; the
// expressions used are column references and float arithmetic.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "parallax/core/error.h"
#include "parallax/expr/expression.h"
#include "parallax/load/loaders.h"
#include "parallax/table/table.h"
#include "parallax/view/view.h"
#include "parallax/write/text_writer.h"

using namespace parallax;

namespace {

Schema schema() { return {{"k", DType::Integer}, {"x", DType::Float}, {"y", DType::Float}, {"s", DType::String}}; }

Batch batch(const std::string& json) {
  Schema s = schema();
  return load_text(json, TextFormat::JsonColumns, &s);
}

/// The reference's table({k, x, y, s}, {index: "k"}) after update().
TablePtr indexed_table() {
  TableOptions o;
  o.index = "k";
  auto t = std::make_shared<Table>(schema(), o);
  t->update(batch(R"({"k":[1,2,3,4],"x":[1.5,-2,null,4],"y":[10,20,30,null],"s":["a","b","a",null]})"));
  return t;
}

const char* kExprs = R"("expressions":{"xy":"\"x\" + \"y\"","x2":"\"x\" * 2","ss":"\"s\""})";

std::string cfg(const std::string& rest) { return std::string("{") + kExprs + (rest.empty() ? "" : ",") + rest + "}"; }

std::string render(View& v) {
  std::string out;
  write_text(v.frame(WindowSpec{}), TextOutput::Columns, WindowSpec{}, out);
  return out;
}

std::string fields(const std::vector<OutputField>& fs) {
  std::string out;
  for (auto& f : fs) out += f.name + ":" + dtype_name(f.type) + " ";
  return out;
}

/// A remove() batch of one key.
Batch key(int64_t k) {
  Batch b;
  b.num_rows = 1;
  auto c = std::make_shared<Column>(DType::Integer);
  c->resize(1);
  c->set_int(0, k);
  b.columns.push_back({"k", c, nullptr});
  return b;
}

std::string view_error(const TablePtr& t, const std::string& config) {
  try {
    View v(t, ViewConfig::parse_json(config));
  } catch (const Error& e) {
    return e.what();
  }
  return "<no error>";
}

}  // namespace

TEST(ExpressionViews, FlatColumnsAndSchemas) {
  auto t = indexed_table();
  View v(t, ViewConfig::parse_json(cfg(R"("columns":["k","xy","x2","ss"])")));
  EXPECT_EQ(render(v), R"({"k":[1,2,3,4],"xy":[11.5,18.0,null,null],"x2":[3.0,-4.0,null,8.0],"ss":["a","b","a",null]})");
  EXPECT_EQ(fields(v.schema()), "k:integer xy:float x2:float ss:string ");
  EXPECT_EQ(fields(v.expression_schema()), "xy:float x2:float ss:string ");
  Dimensions d = v.dimensions();
  EXPECT_EQ(d.num_table_columns, 4u);  // expression columns are not table columns
  EXPECT_EQ(d.num_view_columns, 4u);
}

TEST(ExpressionViews, EveryViewKind) {
  auto t = indexed_table();
  View grouped(t, ViewConfig::parse_json(cfg(R"("group_by":["ss"],"columns":["xy","x2","ss"])")));
  // Defaults: sum for floats (an all-null group sums to 0), count for strings.
  EXPECT_EQ(render(grouped),
            R"({"__ROW_PATH__":[[],[null],["a"],["b"]],"xy":[29.5,0.0,11.5,18.0],"x2":[7.0,8.0,3.0,-4.0],"ss":[4,1,2,1]})");
  EXPECT_EQ(fields(grouped.expression_schema()), "xy:float x2:float ss:integer ");
  View split(t, ViewConfig::parse_json(cfg(R"("split_by":["ss"],"columns":["x2"])")));
  EXPECT_EQ(render(split), R"({"null|x2":[null,null,null,8.0],"a|x2":[3.0,null,0.0,null],"b|x2":[null,-4.0,null,null]})");
  View both(t, ViewConfig::parse_json(cfg(R"("group_by":["ss"],"split_by":["x2"],"columns":["xy"],"aggregates":{"xy":"max"})")));
  EXPECT_EQ(render(both), R"({"__ROW_PATH__":[[],[null],["a"],["b"]],"null|xy":[null,null,null,null],)"
                          R"("-4|xy":[18.0,null,null,18.0],"3|xy":[11.5,null,11.5,null],"8|xy":[null,null,null,null]})");
  View sorted(t, ViewConfig::parse_json(cfg(R"("columns":["k","x2"],"filter":[["xy",">",11]],"sort":[["x2","desc"]])")));
  EXPECT_EQ(render(sorted), R"({"k":[1,2],"x2":[3.0,-4.0]})");
  // Every expression is in expression_schema(), shown or not; counts are integers.
  EXPECT_EQ(fields(sorted.expression_schema()), "xy:float x2:float ss:string ");
  View counted(t, ViewConfig::parse_json(cfg(R"("group_by":["s"],"columns":["x2"],"aggregates":{"x2":"count"})")));
  EXPECT_EQ(fields(counted.schema()), "x2:integer ");
  EXPECT_EQ(fields(counted.expression_schema()), "xy:float x2:integer ss:string ");
}

TEST(ExpressionViews, LiveThroughUpdateRemoveReplaceClear) {
  auto t = indexed_table();
  View flat(t, ViewConfig::parse_json(cfg(R"("columns":["k","xy","x2","ss"])")));
  View grouped(t, ViewConfig::parse_json(cfg(R"("group_by":["ss"],"columns":["xy","x2","ss"])")));
  View sorted(t, ViewConfig::parse_json(cfg(R"("columns":["k","x2"],"filter":[["xy",">",11]],"sort":[["x2","desc"]])")));
  View split(t, ViewConfig::parse_json(cfg(R"("split_by":["ss"],"columns":["x2"])")));
  View both(t, ViewConfig::parse_json(cfg(R"("group_by":["ss"],"split_by":["x2"],"columns":["xy"],"aggregates":{"xy":"max"})")));
  for (View* v : {&flat, &grouped, &sorted, &split, &both}) v->set_row_deltas(true);
  // A partial update (y and s kept on key 2) and a new key.
  t->update(batch(R"({"k":[2,5],"x":[7,1],"s":["a","c"]})"));
  EXPECT_EQ(render(flat), R"({"k":[1,2,3,4,5],"xy":[11.5,27.0,null,null,null],"x2":[3.0,14.0,null,8.0,2.0],"ss":["a","a","a",null,"c"]})");
  EXPECT_EQ(render(grouped),
            R"({"__ROW_PATH__":[[],[null],["a"],["c"]],"xy":[38.5,0.0,38.5,0.0],"x2":[27.0,8.0,17.0,2.0],"ss":[5,1,3,1]})");
  EXPECT_EQ(render(sorted), R"({"k":[2,1],"x2":[14.0,3.0]})");
  t->remove(key(1));
  EXPECT_EQ(render(flat), R"({"k":[2,3,4,5],"xy":[27.0,null,null,null],"x2":[14.0,null,8.0,2.0],"ss":["a","a",null,"c"]})");
  EXPECT_EQ(render(grouped),
            R"({"__ROW_PATH__":[[],[null],["a"],["c"]],"xy":[27.0,0.0,27.0,0.0],"x2":[24.0,8.0,14.0,2.0],"ss":[4,1,2,1]})");
  EXPECT_EQ(render(split), R"({"null|x2":[null,null,8.0,null],"a|x2":[14.0,0.0,null,null],"c|x2":[null,null,null,2.0]})");
  EXPECT_EQ(render(both), R"({"__ROW_PATH__":[[],[null],["a"],["c"]],"null|xy":[null,null,null,null],)"
                          R"("2|xy":[null,null,null,null],"8|xy":[null,null,null,null],"14|xy":[27.0,null,27.0,null]})");
  t->update(batch(R"({"k":[3],"x":[0.5]})"));
  EXPECT_EQ(render(flat), R"({"k":[2,3,4,5],"xy":[27.0,30.5,null,null],"x2":[14.0,1.0,8.0,2.0],"ss":["a","a",null,"c"]})");
  // replace(): clear, then load.
  t->clear();
  t->update(batch(R"({"k":[9],"x":[3],"y":[1],"s":["z"]})"));
  EXPECT_EQ(render(flat), R"({"k":[9],"xy":[4.0],"x2":[6.0],"ss":["z"]})");
  EXPECT_EQ(render(grouped), R"({"__ROW_PATH__":[[],["z"]],"xy":[4.0,4.0],"x2":[6.0,6.0],"ss":[1,1]})");
  t->clear();
  EXPECT_EQ(render(flat), R"({"k":[],"xy":[],"x2":[],"ss":[]})");
}

TEST(ExpressionViews, UnindexedAppendAndOverwrite) {
  Schema s = {{"x", DType::Float}, {"y", DType::Float}};
  auto t = std::make_shared<Table>(s, TableOptions{});
  t->update(load_text(R"({"x":[1,2],"y":[3,null]})", TextFormat::JsonColumns, &s));
  View v(t, ViewConfig::parse_json(R"({"expressions":{"d":"\"x\" / \"y\"","m":"\"x\" - 0.5"},"columns":["d","m"]})"));
  EXPECT_EQ(render(v), R"({"d":[0.3333333333333333,null],"m":[0.5,1.5]})");
  t->update(load_text(R"({"x":[5],"y":[0]})", TextFormat::JsonColumns, &s));  // division by a 0 cell: null
  EXPECT_EQ(render(v), R"({"d":[0.3333333333333333,null,null],"m":[0.5,1.5,4.5]})");
  Schema with_index = s;
  with_index.push_back({"__INDEX__", DType::Integer});
  t->update(load_text(R"({"x":[6],"y":[2],"__INDEX__":[0]})", TextFormat::JsonColumns, &with_index));
  EXPECT_EQ(render(v), R"({"d":[3.0,null,null],"m":[5.5,1.5,4.5]})");
}

TEST(ExpressionViews, ErrorsAndTheirOrder) {
  auto t = indexed_table();
  EXPECT_EQ(view_error(t, R"({"expressions":{"k":"\"x\""}})"),
            "Value Error - expression \"k\" cannot overwrite an existing column.");
  EXPECT_EQ(view_error(t, R"({"expressions":{"q":"\"x\" * 2","z":"\"q\" * 2"}})"),
            "Value Error - Input column \"q\" does not exist.");
  // Expressions first, then filter terms, then names section by section.
  EXPECT_EQ(view_error(t, R"({"expressions":{"q":"\"zz\""},"columns":["nope"]})"),
            "Value Error - Input column \"zz\" does not exist.");
  EXPECT_EQ(view_error(t, R"({"expressions":{"q":"\"x\""},"columns":["nope"]})"),
            "Invalid column 'nope' found in View columns.");
  EXPECT_EQ(view_error(t, R"({"expressions":{"q":"\"x\""},"filter":[["q",">","abc"]]})"), "stod: no conversion");
  EXPECT_EQ(view_error(t, R"({"expressions":{"q":"\"s\""},"filter":[["q",">",1]]})"), "Unsupported double type");
  EXPECT_EQ(view_error(t, R"({"expressions":{"q":"\"x\""},"group_by":["nope"]})"),
            "Invalid column 'nope' found in View group_by.");
  EXPECT_EQ(view_error(t, R"({"expressions":{"q":"\"s\""},"group_by":["k"],"columns":["q"],"aggregates":{"q":"sum"}})"),
            "Unexpected coltype");
  // A failed view holds no computed column.
  EXPECT_EQ(t->column_count(), t->schema().size());
}

TEST(ExpressionViews, DefaultColumnsAndConfig) {
  auto t = indexed_table();
  View v(t, ViewConfig::parse_json(R"({"expressions":{"b":"\"x\" + \"y\"","a":"\"x\" * 2"}})"));
  // Table columns, then expression columns (in config order: the reference's is its hash map's).
  EXPECT_EQ(render(v), R"({"k":[1,2,3,4],"x":[1.5,-2.0,null,4.0],"y":[10.0,20.0,30.0,null],"s":["a","b","a",null],)"
                       R"("b":[11.5,18.0,null,null],"a":[3.0,-4.0,null,8.0]})");
  EXPECT_EQ(v.config().to_json(v.resolved_columns()),
            R"({"group_by":[],"split_by":[],"columns":["k","x","y","s","b","a"],"filter":[],"sort":[],)"
            R"("expressions":{"b":"\"x\" + \"y\"","a":"\"x\" * 2"},"aggregates":{}})");
  // The legacy list form: "// name\n..." names an expression, else its text does.
  View legacy(t, ViewConfig::parse_json(R"({"expressions":["// nm\n\"x\" * 2","\"y\""],"columns":["nm","\"y\""]})"));
  EXPECT_EQ(render(legacy), R"({"nm":[3.0,-4.0,null,8.0],"\"y\"":[10.0,20.0,30.0,null]})");
}

TEST(ExpressionViews, OneNameDifferentExpressionsInTwoViews) {
  auto t = indexed_table();
  View a(t, ViewConfig::parse_json(R"({"expressions":{"e":"\"x\" * 2"},"columns":["e"]})"));
  View b(t, ViewConfig::parse_json(R"({"expressions":{"e":"\"y\""},"columns":["e"]})"));
  t->update(batch(R"({"k":[1],"x":[5]})"));
  EXPECT_EQ(render(a), R"({"e":[10.0,-4.0,null,8.0]})");
  EXPECT_EQ(render(b), R"({"e":[10.0,20.0,30.0,null]})");
  a.close();
  b.close();
  EXPECT_EQ(t->column_count(), t->schema().size());
}

TEST(ExpressionViews, ValidateExpressions) {
  auto t = indexed_table();
  ExpressionValidation r = validate_expressions(*t, {{"ok", "\"x\" * 2"}, {"k", "\"x\""}, {"nope", "\"zz\""}});
  EXPECT_EQ(fields(r.schema), "ok:float ");
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].name, "k");
  EXPECT_EQ(r.errors[0].message, "Value Error - expression \"k\" cannot overwrite an existing column.");
  EXPECT_EQ(r.errors[0].line, 0);
  EXPECT_EQ(r.errors[0].column, 0);
  EXPECT_EQ(r.errors[1].name, "nope");
  EXPECT_EQ(r.errors[1].message, "Value Error - Input column \"zz\" does not exist.");
  ASSERT_EQ(r.aliases.size(), 3u);
  EXPECT_EQ(r.aliases[2].second, "\"zz\"");
}

// --- the table's computed columns, with a counting test expression ---

namespace {

/// out = x + 1 for float column x, counting the rows it evaluates.
class CountingExpression final : public expr::Expression {
 public:
  explicit CountingExpression(bool row_local) : row_local_(row_local) {}
  DType type() const override { return DType::Float; }
  const std::vector<std::string>& inputs() const override { return inputs_; }
  bool row_local() const override { return row_local_; }
  void evaluate(const ColumnSource& src, const uint32_t* rids, size_t n, Column& out,
                const expr::EvalContext&) const override {
    evaluated += n;
    const Column& x = src.column("x");
    for (size_t i = 0; i < n; ++i) {
      if (x.is_valid(rids[i])) out.set<double>(rids[i], x.get<double>(rids[i]) + 1);
      else out.set_null(rids[i]);
    }
  }
  mutable std::atomic<size_t> evaluated{0};

 private:
  bool row_local_;
  std::vector<std::string> inputs_{"x"};
};

TablePtr big_table(size_t n) {
  TableOptions o;
  o.index = "k";
  auto t = std::make_shared<Table>(schema(), o);
  std::string k = "[", x = "[";
  for (size_t i = 0; i < n; ++i) {
    k += (i ? "," : "") + std::to_string(i);
    x += (i ? "," : "") + std::to_string(i % 100);
  }
  t->update(batch("{\"k\":" + k + "],\"x\":" + x + "]}"));
  return t;
}

}  // namespace

TEST(ComputedColumns, AChangeEvaluatesOnlyItsRows) {
  auto t = big_table(10000);
  auto e = std::make_shared<CountingExpression>(true);
  std::vector<int> idx = t->acquire_computed({{"x + 1", e}});
  EXPECT_EQ(e->evaluated, 10000u);
  EXPECT_EQ(idx[0], int(t->schema().size()));
  t->update(batch(R"({"k":[5,20000],"x":[50,1]})"));
  EXPECT_EQ(e->evaluated, 10002u);
  {
    auto lock = t->read_lock();
    const Column& c = *t->column(idx[0]);
    EXPECT_EQ(c.get<double>(5), 51.0);
    EXPECT_EQ(c.get<double>(6), 7.0);
    EXPECT_EQ(c.get<double>(10000), 2.0);
  }
  t->release_computed(idx);
  EXPECT_EQ(t->column_count(), t->schema().size());
}

TEST(ComputedColumns, RowLocalExpressionsWithOneTextShareAColumn) {
  auto t = big_table(100);
  auto e1 = std::make_shared<CountingExpression>(true), e2 = std::make_shared<CountingExpression>(true);
  std::vector<int> a = t->acquire_computed({{"x + 1", e1}});
  std::vector<int> b = t->acquire_computed({{"x + 1", e2}});
  EXPECT_EQ(a, b);
  EXPECT_EQ(e2->evaluated, 0u);
  t->update(batch(R"({"k":[1],"x":[3]})"));
  EXPECT_EQ(e1->evaluated, 101u);
  t->release_computed(a);
  EXPECT_EQ(t->column_count(), t->schema().size() + 1);  // still used by b
  t->release_computed(b);
  EXPECT_EQ(t->column_count(), t->schema().size());
}

TEST(ComputedColumns, OthersAreEvaluatedAgainAtEveryRowOnEachChange) {
  // As the reference does for random() / now(): untouched rows change too.
  auto t = big_table(100);
  auto e1 = std::make_shared<CountingExpression>(false), e2 = std::make_shared<CountingExpression>(false);
  std::vector<int> a = t->acquire_computed({{"x + 1", e1}});
  std::vector<int> b = t->acquire_computed({{"x + 1", e2}});
  EXPECT_NE(a, b);  // never shared
  t->update(batch(R"({"k":[1],"x":[3]})"));
  EXPECT_EQ(e1->evaluated, 200u);
  t->remove(key(7));
  EXPECT_EQ(e1->evaluated, 299u);
  t->release_computed(a);
  t->release_computed(b);
}

TEST(ComputedColumns, JournalCarriesOldCells) {
  auto t = big_table(100);
  auto e = std::make_shared<CountingExpression>(true);
  std::vector<int> idx = t->acquire_computed({{"x + 1", e}});
  const int slot = t->attach_view(std::vector<bool>(t->schema().size(), false), t->version());
  const uint64_t before = t->version();
  t->update(batch(R"({"k":[3],"x":[40]})"));
  std::vector<TableDeltaPtr> deltas;
  {
    auto lock = t->read_lock();
    ASSERT_TRUE(t->deltas_since(before, deltas));
  }
  ASSERT_EQ(deltas.size(), 1u);
  ASSERT_GT(deltas[0]->old.size(), size_t(idx[0]));
  ASSERT_TRUE(deltas[0]->old[size_t(idx[0])]);
  EXPECT_EQ(deltas[0]->old[size_t(idx[0])]->get<double>(0), 4.0);  // x was 3
  t->detach_view(slot, std::vector<bool>(t->schema().size(), false));
  t->release_computed(idx);
}
