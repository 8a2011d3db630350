// export_frame walked through the raw C Data Interface structs: formats,
// names and null counts (from the bitmaps) as Perspective 3.8.0's to_arrow (decoded with
// apache-arrow), values, zero-copy buffers, snapshots and release semantics.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <thread>

#include "parallax/arrow/arrow_bridge.h"
#include "parallax/core/error.h"
#include "parallax/table/table.h"
#include "parallax/view/view.h"
#include "write_test_frames.h"

using namespace parallax;
using namespace parallax::test;

namespace {

/// Owns an exported pair and releases whatever is still live.
struct Exported {
  ArrowSchema schema{};
  ArrowArray array{};
  Exported(const Frame& f, const WindowSpec& w = {}) { export_frame(f, w, &schema, &array); }
  ~Exported() {
    if (schema.release) schema.release(&schema);
    if (array.release) array.release(&array);
  }
  const ArrowArray& col(int i) const { return *array.children[i]; }
  const ArrowSchema& field(int i) const { return *schema.children[i]; }
};

bool valid(const ArrowArray& a, int64_t i) {
  auto* v = static_cast<const uint8_t*>(a.buffers[0]);
  return !v || bits::get(v, size_t(a.offset + i));
}
/// Null cells as the bitmap says: the export leaves null_count at -1 (not computed).
int64_t nulls(const ArrowArray& a) {
  EXPECT_EQ(a.null_count, -1);
  int64_t n = 0;
  for (int64_t i = 0; i < a.length; ++i) n += !valid(a, i);
  return n;
}
template <class T> T value(const ArrowArray& a, int64_t i) { return static_cast<const T*>(a.buffers[1])[a.offset + i]; }
std::string dict_value(const ArrowArray& a, int64_t i) {
  const ArrowArray& d = *a.dictionary;
  int32_t code = value<int32_t>(a, i);
  EXPECT_GE(code, 0);
  EXPECT_LT(code, d.length);
  auto* off = static_cast<const int32_t*>(d.buffers[1]);
  return std::string(static_cast<const char*>(d.buffers[2]) + off[code], size_t(off[code + 1] - off[code]));
}
bool bool_value(const ArrowArray& a, int64_t i) { return bits::get(static_cast<const uint8_t*>(a.buffers[1]), size_t(a.offset + i)); }

}  // namespace

// Oracle (view {} of the oracle table): g Dictionary<Int32,Utf8> nulls=1,
// h/i Int32 nulls=0, f Float64 nulls=1, d Date32<DAY> nulls=1,
// dt Timestamp<MILLISECOND> nulls=1, b Bool nulls=1; all nullable, no metadata.
TEST(ArrowExport, FlatFrameFormatsNamesAndValues) {
  Exported e(flat_frame(true), opts(true, true));
  EXPECT_STREQ(e.schema.format, "+s");
  EXPECT_EQ(e.schema.n_children, 7);  // no __ID__ / __INDEX__ in Arrow output
  EXPECT_EQ(e.array.length, 4);
  EXPECT_EQ(e.array.n_buffers, 1);
  const char* names[] = {"g", "h", "i", "f", "d", "dt", "b"};
  const char* formats[] = {"i", "i", "i", "g", "tdD", "tsm:", "b"};
  const int64_t want_nulls[] = {1, 0, 0, 1, 1, 1, 1};
  for (int c = 0; c < 7; ++c) {
    EXPECT_STREQ(e.field(c).name, names[c]);
    EXPECT_STREQ(e.field(c).format, formats[c]);
    EXPECT_EQ(e.field(c).flags, ARROW_FLAG_NULLABLE);
    EXPECT_EQ(e.field(c).metadata, nullptr);
    EXPECT_EQ(e.col(c).length, 4);
    EXPECT_EQ(e.col(c).offset, 0);
    EXPECT_EQ(nulls(e.col(c)), want_nulls[c]) << names[c];
  }
  ASSERT_NE(e.field(0).dictionary, nullptr);
  EXPECT_STREQ(e.field(0).dictionary->format, "u");
  EXPECT_EQ(e.col(0).dictionary->length, 2);
  EXPECT_EQ(dict_value(e.col(0), 0), "a");
  EXPECT_EQ(dict_value(e.col(0), 2), "b");
  EXPECT_FALSE(valid(e.col(0), 3));
  EXPECT_EQ(value<int32_t>(e.col(1), 1), 2);
  EXPECT_EQ(value<double>(e.col(3), 0), 1.5);
  EXPECT_FALSE(valid(e.col(3), 2));
  EXPECT_EQ(value<int32_t>(e.col(4), 1), kJan3);
  EXPECT_EQ(value<int64_t>(e.col(5), 0), 1577923200123);
  EXPECT_TRUE(bool_value(e.col(6), 0));
  EXPECT_FALSE(bool_value(e.col(6), 1));
  EXPECT_FALSE(valid(e.col(6), 2));
  EXPECT_TRUE(valid(e.col(6), 3) && bool_value(e.col(6), 3));
}

// Oracle {group_by:["g"]}: "g (Group by 1)" Dictionary nulls=2, then the
// aggregates (counts and integer sums Int64, the float sum Float64).
TEST(ArrowExport, GroupedFrameLeadsWithGroupByColumns) {
  Exported e(group_g_frame());
  ASSERT_EQ(e.schema.n_children, 8);
  EXPECT_STREQ(e.field(0).name, "g (Group by 1)");
  EXPECT_STREQ(e.field(0).format, "i");
  EXPECT_EQ(nulls(e.col(0)), 2);
  EXPECT_EQ(dict_value(e.col(0), 1), "a");
  EXPECT_STREQ(e.field(1).name, "g");
  EXPECT_STREQ(e.field(1).format, "l");
  EXPECT_EQ(value<int64_t>(e.col(3), 0), 10);
  EXPECT_STREQ(e.field(4).format, "g");

  Exported two(group_d_dt_frame());
  EXPECT_STREQ(two.field(0).name, "d (Group by 1)");
  EXPECT_STREQ(two.field(0).format, "tdD");
  EXPECT_STREQ(two.field(1).name, "dt (Group by 2)");
  EXPECT_STREQ(two.field(1).format, "tsm:");
  EXPECT_EQ(nulls(two.col(0)), 3);
  EXPECT_EQ(nulls(two.col(1)), 5);
}

TEST(ArrowExport, SplitAndEmptyFrames) {
  Exported s(split_g_frame(), opts(true, true));
  ASSERT_EQ(s.schema.n_children, 6);  // split-only: no group-by columns
  EXPECT_STREQ(s.field(4).name, "null|i");
  EXPECT_EQ(nulls(s.col(4)), 3);

  Exported none(no_columns_frame(false));  // oracle: 0 fields, 4 rows
  EXPECT_EQ(none.schema.n_children, 0);
  EXPECT_EQ(none.array.length, 4);

  Exported empty(empty_table_frame());
  ASSERT_EQ(empty.schema.n_children, 2);
  EXPECT_EQ(empty.col(0).length, 0);
  EXPECT_NE(empty.col(0).buffers[1], nullptr);
  EXPECT_NE(empty.col(1).dictionary->buffers[1], nullptr);
}

// A slice that starts inside a validity byte: values stay zero-copy (pointer
// advanced), the bitmap is re-based into a new buffer, and offset stays 0
// (Arrow Java refuses non-zero offsets).
TEST(ArrowExport, UnalignedSliceRebasesValidity) {
  auto c = ints({0, 1, N, 3, 4, N, 6, 7, 8, N, 10, 11});
  Frame f;
  f.num_rows = 8;
  f.columns = {{"x", c, 3}};
  Exported e(f);
  const ArrowArray& a = e.col(0);
  EXPECT_EQ(a.offset, 0);
  EXPECT_EQ(a.buffers[1], c->data<int32_t>() + 3);
  EXPECT_EQ(nulls(a), 2);
  for (int64_t i = 0; i < 8; ++i) {
    EXPECT_EQ(valid(a, i), c->is_valid(size_t(3 + i))) << i;
    if (valid(a, i)) EXPECT_EQ(value<int32_t>(a, i), 3 + i);
  }
  f.columns[0].offset = 8;  // byte-aligned: the bitmap is shared too
  f.num_rows = 4;
  Exported aligned(f);
  EXPECT_EQ(aligned.col(0).buffers[0], c->validity() + 1);
}

namespace {

Batch rows(std::initializer_list<std::optional<int64_t>> k, std::initializer_list<std::optional<std::string>> s) {
  Batch b;
  b.num_rows = k.size();
  b.columns.push_back({"k", ints(k), nullptr});
  b.columns.push_back({"s", strs(s), nullptr});
  return b;
}

}  // namespace

// An unindexed flat view exports the store's own buffers; the export keeps
// them alive and unchanged after the table is updated, cleared and dropped,
// and releasing it frees them.
TEST(ArrowExport, ZeroCopySnapshotOutlivesTableChanges) {
  auto t = Table::from_batch(rows({1, 2, 3}, {"x", "y", N}), {});
  auto v = std::make_shared<View>(t, ViewConfig::parse_json("{}"));
  std::weak_ptr<Buffer> values, dict_bytes;
  ArrowSchema schema{};
  ArrowArray array{};
  {
    Frame f = v->frame({});
    export_frame(f, {}, &schema, &array);
    auto lock = t->read_lock();
    EXPECT_EQ(array.children[0]->buffers[1], t->column(0)->data<int32_t>());
    EXPECT_EQ(array.children[1]->buffers[1], t->column(1)->data<int32_t>());
    values = t->column(0)->values_buffer();
    dict_bytes = t->column(1)->dict()->bytes();
  }
  // Overwrite rows 0..2 in place (__INDEX__ names implicit pkeys), then grow
  // the dictionary until its buffers are replaced, then clear.
  Batch overwrite = rows({7, 8, 9}, {"a-long-new-string", "b", "c"});
  overwrite.columns.push_back({"__INDEX__", ints({0, 1, 2}), nullptr});
  t->update(overwrite);
  {
    auto lock = t->read_lock();
    ASSERT_EQ(t->size(), 3u);
    EXPECT_EQ(t->column(0)->get<int32_t>(2), 9);  // the table changed...
  }
  for (int i = 0; i < 200; ++i) t->update(rows({i}, {"grow-" + std::to_string(i) + std::string(64, 'z')}));
  t->clear();
  v->close();
  v.reset();
  t.reset();

  const ArrowArray& k = *array.children[0];
  const ArrowArray& s = *array.children[1];
  EXPECT_EQ(k.length, 3);
  EXPECT_EQ(value<int32_t>(k, 2), 3);
  EXPECT_EQ(s.dictionary->length, 2);  // the dictionary as it was at export
  EXPECT_EQ(dict_value(s, 1), "y");
  EXPECT_FALSE(valid(s, 2));
  EXPECT_FALSE(values.expired());
  EXPECT_FALSE(dict_bytes.expired());

  schema.release(&schema);
  array.release(&array);
  EXPECT_EQ(array.release, nullptr);
  EXPECT_TRUE(values.expired());
  EXPECT_TRUE(dict_bytes.expired());
}

// A consumer may move a child out and release the parent first (spec), and
// release may run on another thread.
TEST(ArrowExport, MovedChildOutlivesParentAndReleasesAnywhere) {
  Frame f = flat_frame(false);
  std::weak_ptr<Buffer> g_codes = f.columns[0].column->values_buffer();
  std::weak_ptr<Buffer> h_values = f.columns[1].column->values_buffer();
  ArrowSchema schema{};
  ArrowArray array{};
  export_frame(f, {}, &schema, &array);
  f = Frame{};

  ArrowArray moved = *array.children[0];
  array.children[0]->release = nullptr;  // moved out, as the spec describes
  array.release(&array);
  EXPECT_TRUE(h_values.expired());
  EXPECT_FALSE(g_codes.expired());
  EXPECT_EQ(dict_value(moved, 0), "a");

  std::thread([&] { moved.release(&moved); }).join();
  EXPECT_EQ(moved.release, nullptr);
  EXPECT_TRUE(g_codes.expired());
  std::thread([&] { schema.release(&schema); }).join();
  EXPECT_EQ(schema.release, nullptr);
}

TEST(ArrowExport, MalformedFrameThrowsAndLeavesStructsReleased) {
  Frame f = flat_frame(false);
  f.columns[3].offset = 1;  // 1 + 4 > 4 cells
  ArrowSchema schema;
  ArrowArray array;
  std::memset(&schema, 0xff, sizeof schema);
  std::memset(&array, 0xff, sizeof array);
  try {
    export_frame(f, {}, &schema, &array);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Internal);
  }
  EXPECT_EQ(schema.release, nullptr);
  EXPECT_EQ(array.release, nullptr);
}
