// Table::update_loaded with the CSV loader interning straight into the table's
// dictionaries (the path px_table_update_text takes for small CSV updates) must
// leave exactly the table the general path (load, then update) leaves: same
// cells, null kinds, row order and dictionary codes; and on a bad batch the same
// error with no trace left (strings it interned are taken out again).
#include <gtest/gtest.h>

#include <string>

#include "parallax/core/error.h"
#include "parallax/load/csv_loader.h"
#include "parallax/table/table.h"

using namespace parallax;

namespace {

const char* kBase =
    "id,sym,px,qty,ok,ts\n"
    "1,AAA,1.5,10,true,2024-01-02 10:00:00\n"
    "2,BBB,2.5,20,false,2024-01-02 10:00:01\n"
    "3,AAA,,30,true,\n";

TablePtr make_table(bool indexed) {
  TableOptions o;
  if (indexed) o.index = "id";
  return Table::from_batch(load_csv(kBase, nullptr), o);
}

/// Every live row in pkey order (cells with their null kinds), then every
/// string column's dictionary in code order.
std::string dump(const Table& t) {
  auto lock = t.read_lock();
  std::string out;
  for (uint32_t rid : *t.rows_in_pkey_order()) {
    for (size_t c = 0; c < t.schema().size(); ++c) {
      const Column& col = *t.column(int(c));
      switch (col.null_kind(rid)) {
        case NullKind::CtorNull: out += "<null>"; break;
        case NullKind::UpdateNull: out += "<cleared>"; break;
        case NullKind::Valid:
          switch (col.type()) {
            case DType::String: out += std::string(col.get_string(rid)) + "#" + std::to_string(col.get<int32_t>(rid)); break;
            case DType::Float: out += std::to_string(col.get<double>(rid)); break;
            case DType::Boolean: out += std::to_string(int(col.get<uint8_t>(rid))); break;
            case DType::Date: out += std::to_string(col.get<int32_t>(rid)); break;
            default: out += std::to_string(col.get_int(rid)); break;
          }
      }
      out += ',';
    }
    out += '\n';
  }
  for (size_t c = 0; c < t.schema().size(); ++c) {
    if (t.schema()[c].type != DType::String) continue;
    const Dictionary& d = *t.column(int(c))->dict();
    out += t.schema()[c].name + ":";
    for (int32_t i = 0; i < d.size(); ++i) out += " " + std::string(d.get(i));
    out += '\n';
  }
  return out;
}

void general(Table& t, const std::string& csv) { t.update(load_csv(csv, &t.schema())); }

void direct(Table& t, const std::string& csv) {
  t.update_loaded([&](const SchemaDicts& dicts) { return load_csv(csv, &t.schema(), &dicts); });
}

/// Applies the same updates both ways and compares after each.
void expect_same(bool indexed, const std::vector<std::string>& updates) {
  TablePtr a = make_table(indexed), b = make_table(indexed);
  for (const std::string& u : updates) {
    general(*a, u);
    direct(*b, u);
    ASSERT_EQ(dump(*a), dump(*b)) << "after update:\n" << u;
  }
}

/// The error message of `fn`, or "" when it does not throw.
template <class Fn>
std::string error_of(Fn&& fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(UpdateLoaded, SameTableAsLoadThenUpdate) {
  for (bool indexed : {true, false}) {
    SCOPED_TRACE(indexed ? "indexed" : "unindexed");
    expect_same(indexed, {
                             // overwrite, new key with new strings, explicit nulls
                             "id,sym,px,qty,ok,ts\n2,CCC,9.5,,false,2024-01-03 00:00:00\n4,DDD,,40,,\n",
                             // a key twice in one batch (the last row wins), an existing string
                             "id,sym,px,qty,ok,ts\n5,EEE,1,1,true,1704189600000\n5,FFF,2,2,false,\n1,BBB,3,3,true,\n",
                             // a column the table lacks, and columns left out (absent cells keep their value)
                             "id,zzz,sym\n1,ignored,GGG\n6,x,AAA\n",
                             // quoted cells (the quote-aware cursor), an empty string
                             "id,sym,px\n3,\"H,I\",4\n7,\"\",5\n",
                             // no rows
                             "id,sym\n",
                         });
  }
}

TEST(UpdateLoaded, LargeInputMergesChunksIntoTheTableDictionary) {
  // Over the loader's single-chunk size: per-chunk dictionaries merged into the table's.
  std::string csv = "id,sym,px\n";
  for (int i = 0; i < 40000; ++i)
    csv += std::to_string(i % 5000) + ",S" + std::to_string((i * 7919) % 3000) + "," + std::to_string(i) + ".25\n";
  ASSERT_GT(csv.size(), size_t(600) << 10);
  expect_same(true, {csv, "id,sym\n1,NEW\n"});
}

TEST(UpdateLoaded, BadBatchFailsAlikeAndLeavesNoTrace) {
  const std::vector<std::string> bad = {
      "id,sym,qty\n8,NEW1,1\n9,NEW2,notanumber\n",     // conversion error after new strings
      "id,sym,qty\n8,NEW1,1\n9,NEW2\n",                // ragged row
      "id,sym\n8,NEW1\n9,\xff\xfe\n",                  // invalid UTF-8
  };
  for (bool indexed : {true, false}) {
    for (const std::string& u : bad) {
      SCOPED_TRACE(u);
      TablePtr a = make_table(indexed), b = make_table(indexed);
      const std::string before = dump(*b);
      std::string ea = error_of([&] { general(*a, u); });
      std::string eb = error_of([&] { direct(*b, u); });
      EXPECT_FALSE(ea.empty());
      EXPECT_EQ(ea, eb);
      EXPECT_EQ(dump(*b), before);  // the strings NEW1, NEW2 are gone from the dictionary
      // Later strings get the codes they would have had without the failed batch.
      general(*a, "id,sym\n8,NEW2\n");
      direct(*b, "id,sym\n8,NEW2\n");
      EXPECT_EQ(dump(*a), dump(*b));
    }
  }
}

TEST(Dictionary, TruncateForgetsLaterCodes) {
  Dictionary d;
  EXPECT_EQ(d.intern("b"), 0);
  EXPECT_EQ(d.intern("a"), 1);
  EXPECT_EQ((*d.sort_ranks())[0], 1);
  for (int i = 0; i < 100; ++i) d.intern("x" + std::to_string(i));  // past a slot-table growth
  d.truncate(1);
  EXPECT_EQ(d.size(), 1);
  EXPECT_EQ(d.find("a"), -1);
  EXPECT_EQ(d.find("x5"), -1);
  EXPECT_EQ(d.find("b"), 0);
  EXPECT_EQ(d.intern("0"), 1);
  EXPECT_EQ(d.get(1), "0");
  EXPECT_EQ((*d.sort_ranks())[0], 1);  // "0" < "b": ranks recomputed for the new strings
  EXPECT_EQ((*d.sort_ranks())[1], 0);
}
