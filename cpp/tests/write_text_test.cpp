// write_text as a whole: format names, appending, frame validation, the
// parallel chunking, and the path from a real Table and View.
#include <gtest/gtest.h>

#include <algorithm>

#include "parallax/core/error.h"
#include "parallax/core/parallel.h"
#include "parallax/table/table.h"
#include "parallax/view/view.h"
#include "write_test_frames.h"

using namespace parallax;
using namespace parallax::test;

TEST(WriteText, ParsesFormatNames) {
  EXPECT_EQ(parse_text_output("columns"), TextOutput::Columns);
  EXPECT_EQ(parse_text_output("records"), TextOutput::Records);
  EXPECT_EQ(parse_text_output("json"), TextOutput::Records);
  EXPECT_EQ(parse_text_output("ndjson"), TextOutput::Ndjson);
  EXPECT_EQ(parse_text_output("csv"), TextOutput::Csv);
  try {
    parse_text_output("xml");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Invalid);
    EXPECT_NE(std::string(e.what()).find("xml"), std::string::npos);
  }
}

TEST(WriteText, AppendsAfterExistingBytes) {
  std::string out = "prefix:";
  write_text(group_g_frame(), TextOutput::Csv, {}, out);
  EXPECT_EQ(out.rfind("prefix:\"g (Group by 1)\",\"g\",", 0), 0u);
  EXPECT_EQ(out.back(), '\n');
}

namespace {

void expect_internal_error(const Frame& f, TextOutput fmt, const WindowSpec& w = {}) {
  std::string out;
  try {
    write_text(f, fmt, w, out);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Internal) << e.what();
  }
}

}  // namespace

TEST(WriteText, MalformedFramesThrowInsteadOfReadingOutOfBounds) {
  Frame short_col = flat_frame(false);
  short_col.columns[0].offset = 2;  // 2 + 4 rows > 4 cells
  for (auto fmt : {TextOutput::Columns, TextOutput::Records, TextOutput::Ndjson, TextOutput::Csv})
    expect_internal_error(short_col, fmt);

  Frame bad_depth = group_g_frame();
  bad_depth.depth[1] = 2;  // only one level
  expect_internal_error(bad_depth, TextOutput::Columns);
  bad_depth.depth.pop_back();
  expect_internal_error(bad_depth, TextOutput::Csv);

  Frame bad_keys = group_g_frame();
  bad_keys.pkey_offsets = {0, 4, 3, 7, 8};  // decreasing
  expect_internal_error(bad_keys, TextOutput::Records, opts(false, true));
  bad_keys.pkey_offsets = {0, 4, 6, 7, 9};  // past the key column
  expect_internal_error(bad_keys, TextOutput::Records, opts(false, true));

  Frame bad_code;
  bad_code.num_rows = 1;
  auto s = std::make_shared<Column>(DType::String);
  s->resize(1);
  s->set<int32_t>(0, 7);  // no such dictionary entry
  bad_code.columns = {{"s", s}};
  expect_internal_error(bad_code, TextOutput::Csv);
  expect_internal_error(bad_code, TextOutput::Columns);

  Frame no_data;
  no_data.num_rows = 1;
  no_data.columns = {{"x", nullptr}};
  expect_internal_error(no_data, TextOutput::Records);
}

// Large outputs are cut into row chunks written by several threads; the
// joined text must not depend on the thread count.
TEST(WriteText, ThreadCountDoesNotChangeOutput) {
  const size_t n = 70000;  // several chunks of kRowsPerChunk
  auto i32 = std::make_shared<Column>(DType::Integer);
  auto f64 = std::make_shared<Column>(DType::Float);
  auto str = std::make_shared<Column>(DType::String);
  auto dt = std::make_shared<Column>(DType::Datetime);
  for (auto& c : {i32, f64, str, dt}) c->resize(n);
  for (size_t r = 0; r < n; ++r) {
    if (r % 7 == 3) continue;  // nulls
    i32->set<int32_t>(r, int32_t(r * 2654435761u));
    f64->set<double>(r, double(r) / 7.0);
    str->set_string(r, "s" + std::to_string(r % 100));
    dt->set<int64_t>(r, int64_t(r) * 3600001);
  }
  Frame f;
  f.num_rows = n;
  f.columns = {{"i", i32}, {"f", f64}, {"s", str}, {"dt", dt}};
  f.has_pkey = true;
  f.pkey = {"__INDEX__", i32};

  const int saved = engine_threads();
  for (auto fmt : {TextOutput::Columns, TextOutput::Records, TextOutput::Ndjson, TextOutput::Csv}) {
    set_engine_threads(1);
    std::string one = write(f, fmt, opts(true, true, true));
    set_engine_threads(2);
    std::string two = write(f, fmt, opts(true, true, true));
    EXPECT_EQ(one.size(), two.size());
    EXPECT_TRUE(one == two) << "format " << int(fmt);
  }
  set_engine_threads(saved);
  // Spot-check the joins: ndjson has exactly n - 1 separators.
  std::string nd = write(f, TextOutput::Ndjson);
  EXPECT_EQ(size_t(std::count(nd.begin(), nd.end(), '\n')), n - 1);
}

namespace {

Batch oracle_rows() {
  // The rows of the oracle's unindexed {g, h, i} table.
  Batch b;
  b.num_rows = 4;
  b.columns.push_back({"g", strs({"a", "a", "b", N}), nullptr});
  b.columns.push_back({"h", ints({1, 2, 1, 1}), nullptr});
  b.columns.push_back({"i", ints({1, 2, 3, 4}), nullptr});
  return b;
}

std::string view_text(View& v, TextOutput fmt, const WindowSpec& w) {
  Frame f = v.frame(w);
  std::string out;
  write_text(f, fmt, w, out);
  return out;
}

}  // namespace

// Through the flat engine (zero-copy slices of the store): windows, implicit
// pkeys. Expected strings recorded from the oracle on the same table.
TEST(WriteText, ThroughTableAndFlatView) {
  auto t = Table::from_batch(oracle_rows(), {});
  View v(t, ViewConfig::parse_json("{}"));
  WindowSpec w;
  w.start_row = 1;
  w.end_row = 3;
  w.start_col = 1;
  EXPECT_EQ(view_text(v, TextOutput::Csv, w), "\"h\",\"i\"\n2,2\n1,3\n");
  WindowSpec ids;
  ids.start_col = 2;
  ids.end_col = 2;
  ids.id = true;
  EXPECT_EQ(view_text(v, TextOutput::Columns, ids), "{\"__ID__\":[[0],[1],[2],[3]]}");
  WindowSpec none;
  none.start_row = 2;
  none.end_row = 2;
  EXPECT_EQ(view_text(v, TextOutput::Columns, none), "{\"g\":[],\"h\":[],\"i\":[]}");
  EXPECT_EQ(view_text(v, TextOutput::Records, none), "[]");
  v.close();
}
