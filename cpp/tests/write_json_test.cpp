// The engine-JSON writers (to_columns_string, to_json_string, to_ndjson)
// against strings recorded from Perspective 3.8.0 by write_oracle_cases.mjs;
// the frames rebuild the same views (write_test_frames.h).
#include <gtest/gtest.h>

#include "parallax/core/error.h"
#include "write_test_frames.h"

using namespace parallax;
using namespace parallax::test;

TEST(WriteJson, FlatView) {
  const Frame f = flat_frame(false);
  const WindowSpec w = opts(false, false);
  EXPECT_EQ(write(f, TextOutput::Columns, w),
            "{\"g\":[\"a\",\"a\",\"b\",null],\"h\":[1,2,1,1],\"i\":[1,2,3,4],\"f\":[1.5,2.5,null,4.0],\"d\":[1577923200000,1578009600000,null,1577923200000],\"dt\":[1577923200123,1577923200000,null,0],\"b\":[true,false,null,true]}");
  EXPECT_EQ(write(f, TextOutput::Records, w),
            "[{\"g\":\"a\",\"h\":1,\"i\":1,\"f\":1.5,\"d\":1577923200000,\"dt\":1577923200123,\"b\":true},{\"g\":\"a\",\"h\":2,\"i\":2,\"f\":2.5,\"d\":1578009600000,\"dt\":1577923200000,\"b\":false},{\"g\":\"b\",\"h\":1,\"i\":3,\"f\":null,\"d\":null,\"dt\":null,\"b\":null},{\"g\":null,\"h\":1,\"i\":4,\"f\":4.0,\"d\":1577923200000,\"dt\":0,\"b\":true}]");
  EXPECT_EQ(write(f, TextOutput::Ndjson, w), ndjson_of(write(f, TextOutput::Records, w)));
  // With default options Parallax and Perspective agree byte for byte (oracle string).
  EXPECT_EQ(write(f, TextOutput::Ndjson, w),
            "{\"g\":\"a\",\"h\":1,\"i\":1,\"f\":1.5,\"d\":1577923200000,\"dt\":1577923200123,\"b\":true}\n{\"g\":\"a\",\"h\":2,\"i\":2,\"f\":2.5,\"d\":1578009600000,\"dt\":1577923200000,\"b\":false}\n{\"g\":\"b\",\"h\":1,\"i\":3,\"f\":null,\"d\":null,\"dt\":null,\"b\":null}\n{\"g\":null,\"h\":1,\"i\":4,\"f\":4.0,\"d\":1577923200000,\"dt\":0,\"b\":true}");
}

TEST(WriteJson, FlatViewWithIdAndIndex) {
  const Frame f = flat_frame(true);
  const WindowSpec w = opts(true, true);
  EXPECT_EQ(write(f, TextOutput::Columns, w),
            "{\"g\":[\"a\",\"a\",\"b\",null],\"h\":[1,2,1,1],\"i\":[1,2,3,4],\"f\":[1.5,2.5,null,4.0],\"d\":[1577923200000,1578009600000,null,1577923200000],\"dt\":[1577923200123,1577923200000,null,0],\"b\":[true,false,null,true],\"__INDEX__\":[[1],[2],[3],[4]],\"__ID__\":[[1],[2],[3],[4]]}");
  EXPECT_EQ(write(f, TextOutput::Records, w),
            "[{\"__ID__\":[1],\"__INDEX__\":[1],\"g\":\"a\",\"h\":1,\"i\":1,\"f\":1.5,\"d\":1577923200000,\"dt\":1577923200123,\"b\":true},{\"__ID__\":[2],\"__INDEX__\":[2],\"g\":\"a\",\"h\":2,\"i\":2,\"f\":2.5,\"d\":1578009600000,\"dt\":1577923200000,\"b\":false},{\"__ID__\":[3],\"__INDEX__\":[3],\"g\":\"b\",\"h\":1,\"i\":3,\"f\":null,\"d\":null,\"dt\":null,\"b\":null},{\"__ID__\":[4],\"__INDEX__\":[4],\"g\":null,\"h\":1,\"i\":4,\"f\":4.0,\"d\":1577923200000,\"dt\":0,\"b\":true}]");
  EXPECT_EQ(write(f, TextOutput::Ndjson, w), ndjson_of(write(f, TextOutput::Records, w)));
}

TEST(WriteJson, FlatViewFormatted) {
  const Frame f = flat_frame(true);
  const WindowSpec w = opts(true, true, true);
  EXPECT_EQ(write(f, TextOutput::Columns, w),
            "{\"g\":[\"a\",\"a\",\"b\",null],\"h\":[1,2,1,1],\"i\":[1,2,3,4],\"f\":[1.5,2.5,null,4.0],\"d\":[\"2020-01-02\",\"2020-01-03\",null,\"2020-01-02\"],\"dt\":[\"2020-01-02 00:00:00.123\",\"2020-01-02 00:00:00.000\",null,\"1970-01-01 00:00:00.000\"],\"b\":[true,false,null,true],\"__INDEX__\":[[1],[2],[3],[4]],\"__ID__\":[[1],[2],[3],[4]]}");
  EXPECT_EQ(write(f, TextOutput::Records, w),
            "[{\"__ID__\":[1],\"__INDEX__\":[1],\"g\":\"a\",\"h\":1,\"i\":1,\"f\":1.5,\"d\":\"2020-01-02\",\"dt\":\"2020-01-02 00:00:00.123\",\"b\":true},{\"__ID__\":[2],\"__INDEX__\":[2],\"g\":\"a\",\"h\":2,\"i\":2,\"f\":2.5,\"d\":\"2020-01-03\",\"dt\":\"2020-01-02 00:00:00.000\",\"b\":false},{\"__ID__\":[3],\"__INDEX__\":[3],\"g\":\"b\",\"h\":1,\"i\":3,\"f\":null,\"d\":null,\"dt\":null,\"b\":null},{\"__ID__\":[4],\"__INDEX__\":[4],\"g\":null,\"h\":1,\"i\":4,\"f\":4.0,\"d\":\"2020-01-02\",\"dt\":\"1970-01-01 00:00:00.000\",\"b\":true}]");
  EXPECT_EQ(write(f, TextOutput::Ndjson, w), ndjson_of(write(f, TextOutput::Records, w)));
}

TEST(WriteJson, FlatViewWithoutColumns) {
  const Frame f = no_columns_frame(false);
  const WindowSpec w = opts(false, false);
  EXPECT_EQ(write(f, TextOutput::Columns, w),
            "{}");
  EXPECT_EQ(write(f, TextOutput::Records, w),
            "[]");
  EXPECT_EQ(write(f, TextOutput::Ndjson, w), ndjson_of(write(f, TextOutput::Records, w)));
}

TEST(WriteJson, FlatViewWithoutColumnsButId) {
  const Frame f = no_columns_frame(true);
  const WindowSpec w = opts(true, false);
  EXPECT_EQ(write(f, TextOutput::Columns, w),
            "{\"__ID__\":[[1],[2],[3],[4]]}");
  EXPECT_EQ(write(f, TextOutput::Records, w),
            "[{\"__ID__\":[1]},{\"__ID__\":[2]},{\"__ID__\":[3]},{\"__ID__\":[4]}]");
  EXPECT_EQ(write(f, TextOutput::Ndjson, w), ndjson_of(write(f, TextOutput::Records, w)));
}

TEST(WriteJson, GroupByOne) {
  const Frame f = group_g_frame();
  const WindowSpec w = opts(false, false);
  EXPECT_EQ(write(f, TextOutput::Columns, w),
            "{\"__ROW_PATH__\":[[],[\"a\"],[\"b\"],[null]],\"g\":[4,2,1,1],\"h\":[5,3,1,1],\"i\":[10,3,3,4],\"f\":[8.0,4.0,0.0,4.0],\"d\":[4,2,1,1],\"dt\":[4,2,1,1],\"b\":[4,2,1,1]}");
  EXPECT_EQ(write(f, TextOutput::Records, w),
            "[{\"__ROW_PATH__\":[],\"g\":4,\"h\":5,\"i\":10,\"f\":8.0,\"d\":4,\"dt\":4,\"b\":4},{\"__ROW_PATH__\":[\"a\"],\"g\":2,\"h\":3,\"i\":3,\"f\":4.0,\"d\":2,\"dt\":2,\"b\":2},{\"__ROW_PATH__\":[\"b\"],\"g\":1,\"h\":1,\"i\":3,\"f\":0.0,\"d\":1,\"dt\":1,\"b\":1},{\"__ROW_PATH__\":[null],\"g\":1,\"h\":1,\"i\":4,\"f\":4.0,\"d\":1,\"dt\":1,\"b\":1}]");
  EXPECT_EQ(write(f, TextOutput::Ndjson, w), ndjson_of(write(f, TextOutput::Records, w)));
}

TEST(WriteJson, GroupByOneWithIdIndexFormatted) {
  const Frame f = group_g_frame();
  const WindowSpec w = opts(true, true, true);
  EXPECT_EQ(write(f, TextOutput::Columns, w),
            "{\"__ROW_PATH__\":[[],[\"a\"],[\"b\"],[null]],\"__ID__\":[[],[\"a\"],[\"b\"],[null]],\"g\":[4,2,1,1],\"h\":[5,3,1,1],\"i\":[10,3,3,4],\"f\":[8.0,4.0,0.0,4.0],\"d\":[4,2,1,1],\"dt\":[4,2,1,1],\"b\":[4,2,1,1],\"__INDEX__\":[[4,3,2,1],[2,1],[3],[4]]}");
  EXPECT_EQ(write(f, TextOutput::Records, w),
            "[{\"__ROW_PATH__\":[],\"__ID__\":[],\"__INDEX__\":[4,3,2,1],\"g\":4,\"h\":5,\"i\":10,\"f\":8.0,\"d\":4,\"dt\":4,\"b\":4},{\"__ROW_PATH__\":[\"a\"],\"__ID__\":[\"a\"],\"__INDEX__\":[2,1],\"g\":2,\"h\":3,\"i\":3,\"f\":4.0,\"d\":2,\"dt\":2,\"b\":2},{\"__ROW_PATH__\":[\"b\"],\"__ID__\":[\"b\"],\"__INDEX__\":[3],\"g\":1,\"h\":1,\"i\":3,\"f\":0.0,\"d\":1,\"dt\":1,\"b\":1},{\"__ROW_PATH__\":[null],\"__ID__\":[null],\"__INDEX__\":[4],\"g\":1,\"h\":1,\"i\":4,\"f\":4.0,\"d\":1,\"dt\":1,\"b\":1}]");
  EXPECT_EQ(write(f, TextOutput::Ndjson, w), ndjson_of(write(f, TextOutput::Records, w)));
}

TEST(WriteJson, GroupByTwoWithIdIndex) {
  const Frame f = group_gh_frame();
  const WindowSpec w = opts(true, true);
  EXPECT_EQ(write(f, TextOutput::Columns, w),
            "{\"__ROW_PATH__\":[[],[\"a\"],[\"a\",1],[\"a\",2],[\"b\"],[\"b\",1],[null],[null,1]],\"__ID__\":[[],[\"a\"],[\"a\",1],[\"a\",2],[\"b\"],[\"b\",1],[null],[null,1]],\"i\":[10,3,1,2,3,3,4,4],\"f\":[8.0,4.0,1.5,2.5,0.0,0.0,4.0,4.0],\"__INDEX__\":[[4,3,2,1],[2,1],[1],[2],[3],[3],[4],[4]]}");
  EXPECT_EQ(write(f, TextOutput::Records, w),
            "[{\"__ROW_PATH__\":[],\"__ID__\":[],\"__INDEX__\":[4,3,2,1],\"i\":10,\"f\":8.0},{\"__ROW_PATH__\":[\"a\"],\"__ID__\":[\"a\"],\"__INDEX__\":[2,1],\"i\":3,\"f\":4.0},{\"__ROW_PATH__\":[\"a\",1],\"__ID__\":[\"a\",1],\"__INDEX__\":[1],\"i\":1,\"f\":1.5},{\"__ROW_PATH__\":[\"a\",2],\"__ID__\":[\"a\",2],\"__INDEX__\":[2],\"i\":2,\"f\":2.5},{\"__ROW_PATH__\":[\"b\"],\"__ID__\":[\"b\"],\"__INDEX__\":[3],\"i\":3,\"f\":0.0},{\"__ROW_PATH__\":[\"b\",1],\"__ID__\":[\"b\",1],\"__INDEX__\":[3],\"i\":3,\"f\":0.0},{\"__ROW_PATH__\":[null],\"__ID__\":[null],\"__INDEX__\":[4],\"i\":4,\"f\":4.0},{\"__ROW_PATH__\":[null,1],\"__ID__\":[null,1],\"__INDEX__\":[4],\"i\":4,\"f\":4.0}]");
  EXPECT_EQ(write(f, TextOutput::Ndjson, w), ndjson_of(write(f, TextOutput::Records, w)));
}

TEST(WriteJson, GroupByTwoLeavesOnly) {
  const Frame f = group_gh_frame();
  const WindowSpec w = opts(true, true, false, true);
  EXPECT_EQ(write(f, TextOutput::Columns, w),
            "{\"__ROW_PATH__\":[[\"a\",1],[\"a\",2],[\"b\",1],[null,1]],\"__ID__\":[[],[\"a\"],[\"a\",1],[\"a\",2],[\"b\"],[\"b\",1],[null],[null,1]],\"i\":[1,2,3,4],\"f\":[1.5,2.5,0.0,4.0],\"__INDEX__\":[[1],[2],[3],[4]]}");
  EXPECT_EQ(write(f, TextOutput::Records, w),
            "[{\"__ROW_PATH__\":[\"a\",1],\"__ID__\":[\"a\",1],\"__INDEX__\":[1],\"i\":1,\"f\":1.5},{\"__ROW_PATH__\":[\"a\",2],\"__ID__\":[\"a\",2],\"__INDEX__\":[2],\"i\":2,\"f\":2.5},{\"__ROW_PATH__\":[\"b\",1],\"__ID__\":[\"b\",1],\"__INDEX__\":[3],\"i\":3,\"f\":0.0},{\"__ROW_PATH__\":[null,1],\"__ID__\":[null,1],\"__INDEX__\":[4],\"i\":4,\"f\":4.0}]");
  EXPECT_EQ(write(f, TextOutput::Ndjson, w), ndjson_of(write(f, TextOutput::Records, w)));
}

TEST(WriteJson, GroupByDateAndDatetime) {
  const Frame f = group_d_dt_frame();
  const WindowSpec w = opts(false, false);
  EXPECT_EQ(write(f, TextOutput::Columns, w),
            "{\"__ROW_PATH__\":[[],[1577923200000],[1577923200000,0],[1577923200000,1577923200123],[1578009600000],[1578009600000,1577923200000],[null],[null,null]],\"i\":[10,5,4,1,2,2,3,3]}");
  EXPECT_EQ(write(f, TextOutput::Records, w),
            "[{\"__ROW_PATH__\":[],\"i\":10},{\"__ROW_PATH__\":[1577923200000],\"i\":5},{\"__ROW_PATH__\":[1577923200000,0],\"i\":4},{\"__ROW_PATH__\":[1577923200000,1577923200123],\"i\":1},{\"__ROW_PATH__\":[1578009600000],\"i\":2},{\"__ROW_PATH__\":[1578009600000,1577923200000],\"i\":2},{\"__ROW_PATH__\":[null],\"i\":3},{\"__ROW_PATH__\":[null,null],\"i\":3}]");
  EXPECT_EQ(write(f, TextOutput::Ndjson, w), ndjson_of(write(f, TextOutput::Records, w)));
}

TEST(WriteJson, GroupByDateAndDatetimeFormatted) {
  const Frame f = group_d_dt_frame();
  const WindowSpec w = opts(false, false, true);
  EXPECT_EQ(write(f, TextOutput::Columns, w),
            "{\"__ROW_PATH__\":[[],[\"2020-01-02\"],[\"2020-01-02\",\"1970-01-01 00:00:00.000\"],[\"2020-01-02\",\"2020-01-02 00:00:00.123\"],[\"2020-01-03\"],[\"2020-01-03\",\"2020-01-02 00:00:00.000\"],[null],[null,null]],\"i\":[10,5,4,1,2,2,3,3]}");
  EXPECT_EQ(write(f, TextOutput::Records, w),
            "[{\"__ROW_PATH__\":[],\"i\":10},{\"__ROW_PATH__\":[\"2020-01-02\"],\"i\":5},{\"__ROW_PATH__\":[\"2020-01-02\",\"1970-01-01 00:00:00.000\"],\"i\":4},{\"__ROW_PATH__\":[\"2020-01-02\",\"2020-01-02 00:00:00.123\"],\"i\":1},{\"__ROW_PATH__\":[\"2020-01-03\"],\"i\":2},{\"__ROW_PATH__\":[\"2020-01-03\",\"2020-01-02 00:00:00.000\"],\"i\":2},{\"__ROW_PATH__\":[null],\"i\":3},{\"__ROW_PATH__\":[null,null],\"i\":3}]");
  EXPECT_EQ(write(f, TextOutput::Ndjson, w), ndjson_of(write(f, TextOutput::Records, w)));
}

TEST(WriteJson, GroupByWithoutColumns) {
  const Frame f = group_no_columns_frame();
  const WindowSpec w = opts(false, false);
  EXPECT_EQ(write(f, TextOutput::Columns, w),
            "{\"__ROW_PATH__\":[[],[\"a\"],[\"b\"],[null]]}");
  EXPECT_EQ(write(f, TextOutput::Records, w),
            "[{\"__ROW_PATH__\":[]},{\"__ROW_PATH__\":[\"a\"]},{\"__ROW_PATH__\":[\"b\"]},{\"__ROW_PATH__\":[null]}]");
  EXPECT_EQ(write(f, TextOutput::Ndjson, w), ndjson_of(write(f, TextOutput::Records, w)));
}

TEST(WriteJson, SplitOnly) {
  const Frame f = split_g_frame();
  const WindowSpec w = opts(false, false);
  EXPECT_EQ(write(f, TextOutput::Columns, w),
            "{\"a|i\":[1,2,null,null],\"a|f\":[1.5,2.5,null,null],\"b|i\":[null,null,3,null],\"b|f\":[null,null,0.0,null],\"null|i\":[null,null,null,4],\"null|f\":[null,null,null,4.0]}");
  EXPECT_EQ(write(f, TextOutput::Records, w),
            "[{\"a|i\":1,\"a|f\":1.5,\"b|i\":null,\"b|f\":null,\"null|i\":null,\"null|f\":null},{\"a|i\":2,\"a|f\":2.5,\"b|i\":null,\"b|f\":null,\"null|i\":null,\"null|f\":null},{\"a|i\":null,\"a|f\":null,\"b|i\":3,\"b|f\":0.0,\"null|i\":null,\"null|f\":null},{\"a|i\":null,\"a|f\":null,\"b|i\":null,\"b|f\":null,\"null|i\":4,\"null|f\":4.0}]");
  EXPECT_EQ(write(f, TextOutput::Ndjson, w), ndjson_of(write(f, TextOutput::Records, w)));
}

TEST(WriteJson, SplitOnlyWithIdIndex) {
  const Frame f = split_g_frame();
  const WindowSpec w = opts(true, true);
  EXPECT_EQ(write(f, TextOutput::Columns, w),
            "{\"__ID__\":[[],[1],[2],[3]],\"a|i\":[1,2,null,null],\"a|f\":[1.5,2.5,null,null],\"b|i\":[null,null,3,null],\"b|f\":[null,null,0.0,null],\"null|i\":[null,null,null,4],\"null|f\":[null,null,null,4.0],\"__INDEX__\":[[],[],[],[]]}");
  EXPECT_EQ(write(f, TextOutput::Records, w),
            "[{\"__ID__\":[],\"__INDEX__\":[],\"a|i\":1,\"a|f\":1.5,\"b|i\":null,\"b|f\":null,\"null|i\":null,\"null|f\":null},{\"__ID__\":[1],\"__INDEX__\":[],\"a|i\":2,\"a|f\":2.5,\"b|i\":null,\"b|f\":null,\"null|i\":null,\"null|f\":null},{\"__ID__\":[2],\"__INDEX__\":[],\"a|i\":null,\"a|f\":null,\"b|i\":3,\"b|f\":0.0,\"null|i\":null,\"null|f\":null},{\"__ID__\":[3],\"__INDEX__\":[],\"a|i\":null,\"a|f\":null,\"b|i\":null,\"b|f\":null,\"null|i\":4,\"null|f\":4.0}]");
  EXPECT_EQ(write(f, TextOutput::Ndjson, w), ndjson_of(write(f, TextOutput::Records, w)));
}

TEST(WriteJson, GroupAndSplitWithIdIndex) {
  const Frame f = group_h_split_g_frame();
  const WindowSpec w = opts(true, true);
  EXPECT_EQ(write(f, TextOutput::Columns, w),
            "{\"__ROW_PATH__\":[[],[1],[2]],\"__ID__\":[[],[1],[2]],\"a|i\":[3,1,2],\"a|f\":[4.0,1.5,2.5],\"b|i\":[3,3,null],\"b|f\":[0.0,0.0,null],\"null|i\":[4,4,null],\"null|f\":[4.0,4.0,null],\"__INDEX__\":[[],[],[]]}");
  EXPECT_EQ(write(f, TextOutput::Records, w),
            "[{\"__ROW_PATH__\":[],\"__ID__\":[],\"__INDEX__\":[],\"a|i\":3,\"a|f\":4.0,\"b|i\":3,\"b|f\":0.0,\"null|i\":4,\"null|f\":4.0},{\"__ROW_PATH__\":[1],\"__ID__\":[1],\"__INDEX__\":[],\"a|i\":1,\"a|f\":1.5,\"b|i\":3,\"b|f\":0.0,\"null|i\":4,\"null|f\":4.0},{\"__ROW_PATH__\":[2],\"__ID__\":[2],\"__INDEX__\":[],\"a|i\":2,\"a|f\":2.5,\"b|i\":null,\"b|f\":null,\"null|i\":null,\"null|f\":null}]");
  EXPECT_EQ(write(f, TextOutput::Ndjson, w), ndjson_of(write(f, TextOutput::Records, w)));
}

TEST(WriteJson, SplitOnlyWithoutColumns) {
  const Frame f = split_no_columns_frame();
  const WindowSpec w = opts(false, false);
  EXPECT_EQ(write(f, TextOutput::Columns, w),
            "{}");
  EXPECT_EQ(write(f, TextOutput::Records, w),
            "[]");
  EXPECT_EQ(write(f, TextOutput::Ndjson, w), ndjson_of(write(f, TextOutput::Records, w)));
}

TEST(WriteJson, EmptyTableWithIdIndex) {
  const Frame f = empty_table_frame();
  const WindowSpec w = opts(true, true);
  EXPECT_EQ(write(f, TextOutput::Columns, w),
            "{\"i\":[],\"s\":[],\"__INDEX__\":[],\"__ID__\":[]}");
  EXPECT_EQ(write(f, TextOutput::Records, w),
            "[]");
  EXPECT_EQ(write(f, TextOutput::Ndjson, w), ndjson_of(write(f, TextOutput::Records, w)));
}

TEST(WriteJson, SpecialNamesAndStrings) {
  const Frame f = names_frame();
  const WindowSpec w = opts(false, false);
  EXPECT_EQ(write(f, TextOutput::Columns, w),
            "{\"a\\\"b\":[1,null],\"c,d\\ne\":[\"q\\\"u\\\"o\\r\\nte\",\"\303\251\360\237\230\200</\"],\"x\\\\y\\u0001\":[1.5,2.0]}");
  EXPECT_EQ(write(f, TextOutput::Records, w),
            "[{\"a\\\"b\":1,\"c,d\\ne\":\"q\\\"u\\\"o\\r\\nte\",\"x\\\\y\\u0001\":1.5},{\"a\\\"b\":null,\"c,d\\ne\":\"\303\251\360\237\230\200</\",\"x\\\\y\\u0001\":2.0}]");
  EXPECT_EQ(write(f, TextOutput::Ndjson, w), ndjson_of(write(f, TextOutput::Records, w)));
}

TEST(WriteJson, EveryAsciiByte) {
  const Frame f = ascii_frame();
  const WindowSpec w = opts(false, false);
  EXPECT_EQ(write(f, TextOutput::Columns, w),
            "{\"s\":[\"\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000B\\f\\r\\u000E\\u000F\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001A\\u001B\\u001C\\u001D\\u001E\\u001F !\\\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\177\",\"\",null]}");
  EXPECT_EQ(write(f, TextOutput::Records, w),
            "[{\"s\":\"\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000B\\f\\r\\u000E\\u000F\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001A\\u001B\\u001C\\u001D\\u001E\\u001F !\\\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\177\"},{\"s\":\"\"},{\"s\":null}]");
  EXPECT_EQ(write(f, TextOutput::Ndjson, w), ndjson_of(write(f, TextOutput::Records, w)));
}

// A window with no rows: the engine hands an empty frame; to_ndjson ignores
// the window upstream, so its caller passes the full frame (text_writer.h).
TEST(WriteJson, WindowWithoutRows) {
  Frame f = flat_frame(false);
  f.num_rows = 0;
  EXPECT_EQ(write(f, TextOutput::Columns), "{\"g\":[],\"h\":[],\"i\":[],\"f\":[],\"d\":[],\"dt\":[],\"b\":[]}");
  EXPECT_EQ(write(f, TextOutput::Records), "[]");
  EXPECT_EQ(write(f, TextOutput::Ndjson), "");
  EXPECT_EQ(write(flat_frame(false), TextOutput::Ndjson), "{\"g\":\"a\",\"h\":1,\"i\":1,\"f\":1.5,\"d\":1577923200000,\"dt\":1577923200123,\"b\":true}\n{\"g\":\"a\",\"h\":2,\"i\":2,\"f\":2.5,\"d\":1578009600000,\"dt\":1577923200000,\"b\":false}\n{\"g\":\"b\",\"h\":1,\"i\":3,\"f\":null,\"d\":null,\"dt\":null,\"b\":null}\n{\"g\":null,\"h\":1,\"i\":4,\"f\":4.0,\"d\":1577923200000,\"dt\":0,\"b\":true}");
}

TEST(WriteJson, Floats) {
  EXPECT_EQ(write(floats_frame(), TextOutput::Columns), "{\"f\":[null,null,null,-0.0,0.0,2.0,1e21,100000000000000000000.0,-2.5e-7,0.30000000000000004,1000000000.0,10000000000.0,123456789.5,9999999999.0,12345678901.0,0.000001,0.0000012345,0.0000015,1e22,1.7976931348623157e308,2.2250738585072014e-308,5e-324,123456789012345680000.0,0.3333333333333333,100.0,1e100,1.2345e-7,0.0006504663499999999,34.412350000000004]}");
}
