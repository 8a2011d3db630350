#include <gtest/gtest.h>

#include "parallax/core/error.h"
#include "parallax/table/table.h"
#include "parallax/view/view.h"

using namespace parallax;

namespace {

Batch int_batch(const std::string& name, std::vector<std::optional<int32_t>> vals) {
  Batch b;
  b.num_rows = vals.size();
  auto c = std::make_shared<Column>(DType::Integer);
  c->resize(vals.size());
  for (size_t i = 0; i < vals.size(); ++i)
    if (vals[i]) c->set<int32_t>(i, *vals[i]);
  b.columns.push_back({name, c, nullptr});
  return b;
}

std::vector<int64_t> pkeys_in_order(const Table& t) {
  auto lock = t.read_lock();
  std::vector<int64_t> out;
  for (uint32_t rid : *t.rows_in_pkey_order()) out.push_back(t.column(t.index_column() >= 0 ? t.index_column() : 0)->get_int(rid));
  return out;
}

}  // namespace

TEST(Table, AppendsAndKeepsCreationNulls) {
  auto t = Table::from_batch(int_batch("a", {1, std::nullopt, 3}), {});
  auto lock = t->read_lock();
  EXPECT_EQ(t->size(), 3u);
  EXPECT_EQ(t->column(0)->null_kind(1), NullKind::CtorNull);
}

TEST(Table, UpdateNullsAreMarked) {
  Table t({{"a", DType::Integer}}, {});
  t.update(int_batch("a", {1, std::nullopt}));
  auto lock = t.read_lock();
  EXPECT_EQ(t.column(0)->null_kind(1), NullKind::UpdateNull);
}

TEST(Table, IndexedUpsertOrdersByKey) {
  TableOptions o;
  o.index = "a";
  Table t({{"a", DType::Integer}}, o);
  t.update(int_batch("a", {3, 1, 2, 1}));
  EXPECT_EQ(t.size(), 3u);
  EXPECT_EQ(pkeys_in_order(t), (std::vector<int64_t>{1, 2, 3}));
  t.remove(int_batch("a", {2, 99}));
  EXPECT_EQ(pkeys_in_order(t), (std::vector<int64_t>{1, 3}));
}

TEST(Table, LimitKeepsNewestRows) {
  TableOptions o;
  o.limit = 3;
  Table t({{"a", DType::Integer}}, o);
  t.update(int_batch("a", {1, 2, 3}));
  t.update(int_batch("a", {4}));
  EXPECT_EQ(pkeys_in_order(t), (std::vector<int64_t>{2, 3, 4}));
  t.update(int_batch("a", {5, 6}));
  EXPECT_EQ(pkeys_in_order(t), (std::vector<int64_t>{4, 5, 6}));
  t.update(int_batch("a", {7, 8, 9, 10}));
  EXPECT_EQ(pkeys_in_order(t), (std::vector<int64_t>{8, 9, 10}));
}

TEST(Table, IndexAndLimitRejected) {
  TableOptions o;
  o.index = "a";
  o.limit = 2;
  EXPECT_THROW(Table({{"a", DType::Integer}}, o), Error);
}

TEST(Table, DeleteRefusedWithLiveViews) {
  auto t = std::make_shared<Table>(Schema{{"a", DType::Integer}}, TableOptions{});
  {
    View v(t, ViewConfig{});
    EXPECT_THROW(t->mark_deleted(), Error);
  }
  EXPECT_NO_THROW(t->mark_deleted());
  EXPECT_THROW(t->update(int_batch("a", {1})), Error);
}

TEST(Table, SnapshotSurvivesOverwrite) {
  TableOptions o;
  o.index = "a";
  Table t({{"a", DType::Integer}, {"b", DType::Integer}}, o);
  Batch b = int_batch("a", {1});
  b.columns.push_back(int_batch("b", {10}).columns[0]);
  t.update(b);
  ColumnPtr snap;
  {
    auto lock = t.read_lock();
    snap = t.column(1)->share();
  }
  Batch b2 = int_batch("a", {1});
  b2.columns.push_back(int_batch("b", {20}).columns[0]);
  t.update(b2);
  EXPECT_EQ(snap->get<int32_t>(0), 10);
  auto lock = t.read_lock();
  EXPECT_EQ(t.column(1)->get<int32_t>(0), 20);
}

TEST(Table, ClearForgetsKeys) {
  // Regression: clear() kept the key index, so a key seen before clear() mapped to a row
  // that no longer existed (a crash in update() or replace() on indexed tables).
  TableOptions o;
  o.index = "a";
  Table t({{"a", DType::Integer}}, o);
  t.update(int_batch("a", {3, 4}));
  t.clear();
  t.update(int_batch("a", {4, 3, 5}));
  EXPECT_EQ(t.size(), 3u);
  EXPECT_EQ(pkeys_in_order(t), (std::vector<int64_t>{3, 4, 5}));
}

TEST(FlatMap64, ClearEmptiesTheMap) {
  FlatMap64 m;
  for (uint64_t k = 0; k < 100; ++k) m.put(k, uint32_t(k));
  m.clear();
  EXPECT_EQ(m.size(), 0u);
  for (uint64_t k = 0; k < 100; ++k) EXPECT_EQ(m.find(k), -1);
  m.put(7, 1);
  EXPECT_EQ(m.find(7), 1);
}
