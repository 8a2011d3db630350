// The table's journal as views use it: entries gather only the columns some
// attached view reads, entries every view has caught up with are dropped and
// recycled, and recycled columns (journal gathers, loader output) end up
// exactly as fresh ones.
#include <gtest/gtest.h>

#include "parallax/load/loaders.h"
#include "parallax/table/table.h"
#include "parallax/view/view.h"
#include "parallax/write/json_writer.h"

using namespace parallax;

namespace {

const char* kBase =
    "id,g,h,x,y\n"
    "1,a,p,10,1.5\n"
    "2,b,q,20,2.5\n"
    "3,a,q,30,3.5\n";

TablePtr indexed_table() {
  TableOptions o;
  o.index = "id";
  return Table::from_batch(load_text(kBase, TextFormat::Csv, nullptr), o);
}

void update_csv(Table& t, const std::string& csv) {
  t.update_loaded([&](const SchemaDicts& dicts) { return load_text(csv, TextFormat::Csv, &t.schema(), &dicts); });
}

std::string columns_json(View& v) {
  WindowSpec w;
  std::string out;
  text::write_json_columns(v.frame(w), w, out);
  return out;
}

}  // namespace

TEST(TableJournal, GathersOnlyColumnsViewsRead) {
  TablePtr t = indexed_table();
  View v(t, ViewConfig::parse_json(
                R"({"group_by":["g"],"columns":["x"],"aggregates":{"x":"sum"},"filter":[["y",">",0]]})"));
  const uint64_t before = t->version();
  update_csv(*t, "id,g,x\n1,b,11\n4,a,40\n");
  std::vector<TableDeltaPtr> deltas;
  {
    auto lock = t->read_lock();
    ASSERT_TRUE(t->deltas_since(before, deltas));
  }
  ASSERT_EQ(deltas.size(), 1u);
  const TableDelta& d = *deltas[0];
  ASSERT_EQ(d.changed.size(), 1u);
  ASSERT_EQ(d.old.size(), t->schema().size());
  for (size_t c = 0; c < d.old.size(); ++c) {
    const std::string& name = t->schema()[c].name;
    // The aggregate's input and the filter's column; not the group_by
    // column (rows leave the cells the view remembers for them).
    EXPECT_EQ(d.old[c] != nullptr, name == "x" || name == "y") << name;
  }
  EXPECT_EQ(d.old[size_t(t->column_index("x"))]->get_int(0), 10);
  EXPECT_EQ(d.old[size_t(t->column_index("y"))]->get<double>(0), 1.5);
}

TEST(TableJournal, DropsEntriesEveryViewHasCaughtUpWith) {
  TablePtr t = indexed_table();
  View a(t, ViewConfig::parse_json(R"({"group_by":["g"],"columns":["x"]})"));
  View b(t, ViewConfig::parse_json(R"({"group_by":["h"],"columns":["y"]})"));
  const uint64_t start = t->version();
  update_csv(*t, "id,x\n1,12\n");
  update_csv(*t, "id,x\n2,22\n");
  columns_json(a);
  update_csv(*t, "id,x\n3,33\n");
  std::vector<TableDeltaPtr> deltas;
  {
    auto lock = t->read_lock();
    EXPECT_TRUE(t->deltas_since(start, deltas)) << "b has not caught up: every entry stays";
  }
  columns_json(b);
  update_csv(*t, "id,x\n1,13\n");
  {
    auto lock = t->read_lock();
    EXPECT_FALSE(t->deltas_since(start, deltas)) << "entries both views replayed are gone";
    EXPECT_TRUE(t->deltas_since(start + 2, deltas));  // a caught up at start + 2
  }
  // Both keep replaying correctly while entries are recycled.
  for (int i = 0; i < 20; ++i) {
    update_csv(*t, "id,g,h,x,y\n" + std::to_string(1 + i % 5) + "," + (i % 2 ? "a" : "b") + ",p," + std::to_string(i) +
                       "," + std::to_string(i) + ".5\n");
    if (i % 3 == 0) columns_json(a);
    if (i % 4 == 0) columns_json(b);
  }
  View fresh_a(t, ViewConfig::parse_json(R"({"group_by":["g"],"columns":["x"]})"));
  View fresh_b(t, ViewConfig::parse_json(R"({"group_by":["h"],"columns":["y"]})"));
  EXPECT_EQ(columns_json(a), columns_json(fresh_a));
  EXPECT_EQ(columns_json(b), columns_json(fresh_b));
}

TEST(TableJournal, RecycledColumnsMatchFreshOnes) {
  Column src(DType::Float);
  src.resize(6);
  src.set<double>(0, 1.5);
  src.set<double>(2, 2.5);
  src.set_null(3, NullKind::UpdateNull);
  src.set<double>(5, 3.5);
  const uint32_t rows[] = {5, 3, 1, 0};
  ColumnPtr fresh = src.gather(rows, 4);
  // A column that held other data and update nulls, gathered into again.
  Column reused(DType::Float);
  reused.resize(9);
  for (size_t i = 0; i < 9; ++i) reused.set<double>(i, double(i) + 0.25);
  reused.set_null(0, NullKind::UpdateNull);
  src.gather_into(rows, 4, reused);
  ASSERT_EQ(reused.size(), 4u);
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(reused.null_kind(i), fresh->null_kind(i)) << i;
    EXPECT_EQ(reused.get<double>(i), fresh->get<double>(i)) << i;
  }
  // reset(): n creation nulls with zeroed values, as a fresh column resized to n.
  reused.reset(3);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(reused.null_kind(i), NullKind::CtorNull);
    EXPECT_EQ(reused.get<double>(i), 0.0);
  }
  EXPECT_EQ(reused.update_nulls(), nullptr);
  // A buffer someone else holds is replaced, not overwritten.
  ColumnPtr snapshot = fresh->share();
  fresh->reset(2);
  EXPECT_EQ(snapshot->get<double>(0), 3.5);
  EXPECT_EQ(snapshot->size(), 4u);
}

TEST(TableJournal, LoaderSparesNeverLeakCells) {
  // Consecutive small updates refill the previous update's loader columns:
  // cells an update leaves out (absent columns, nulls) must not show the
  // previous update's values.
  TablePtr t = indexed_table();
  update_csv(*t, "id,g,h,x,y\n4,c,r,40,4.5\n5,d,s,50,5.5\n");
  update_csv(*t, "id,g,x\n6,e,\n");
  update_csv(*t, "id,y\n7,\n");
  auto lock = t->read_lock();
  auto rid_of = [&](int64_t id) {
    for (uint32_t r : *t->rows_in_pkey_order())
      if (t->column(t->index_column())->get_int(r) == id) return r;
    return ~uint32_t(0);
  };
  const uint32_t r6 = rid_of(6), r7 = rid_of(7);
  ASSERT_NE(r6, ~uint32_t(0));
  ASSERT_NE(r7, ~uint32_t(0));
  EXPECT_EQ(t->column(t->column_index("g"))->get_string(r6), "e");
  EXPECT_FALSE(t->column(t->column_index("x"))->is_valid(r6));
  EXPECT_FALSE(t->column(t->column_index("h"))->is_valid(r6));
  EXPECT_FALSE(t->column(t->column_index("y"))->is_valid(r7));
  EXPECT_FALSE(t->column(t->column_index("g"))->is_valid(r7));
}
