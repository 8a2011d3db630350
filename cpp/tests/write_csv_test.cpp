// The CSV writer (to_csv) against strings recorded from Perspective 3.8.0 by
// write_oracle_cases.mjs; the frames rebuild the same views (write_test_frames.h).
// to_csv ignores id / index / formatted / leaves_only: several cases pass them.
#include <gtest/gtest.h>

#include "write_test_frames.h"

using namespace parallax;
using namespace parallax::test;

TEST(WriteCsv, FlatView) {
  const Frame f = flat_frame(false);
  const WindowSpec w = opts(false, false);
  EXPECT_EQ(write(f, TextOutput::Csv, w),
            "\"g\",\"h\",\"i\",\"f\",\"d\",\"dt\",\"b\"\n\"a\",1,1,1.5,2020-01-02,2020-01-02 00:00:00.123,true\n\"a\",2,2,2.5,2020-01-03,2020-01-02 00:00:00.000,false\n\"b\",1,3,,,,\n,1,4,4,2020-01-02,1970-01-01 00:00:00.000,true\n");
}

TEST(WriteCsv, FlatViewWithIdAndIndex) {
  const Frame f = flat_frame(true);
  const WindowSpec w = opts(true, true);
  EXPECT_EQ(write(f, TextOutput::Csv, w),
            "\"g\",\"h\",\"i\",\"f\",\"d\",\"dt\",\"b\"\n\"a\",1,1,1.5,2020-01-02,2020-01-02 00:00:00.123,true\n\"a\",2,2,2.5,2020-01-03,2020-01-02 00:00:00.000,false\n\"b\",1,3,,,,\n,1,4,4,2020-01-02,1970-01-01 00:00:00.000,true\n");
}

TEST(WriteCsv, FlatViewFormatted) {
  const Frame f = flat_frame(true);
  const WindowSpec w = opts(true, true, true);
  EXPECT_EQ(write(f, TextOutput::Csv, w),
            "\"g\",\"h\",\"i\",\"f\",\"d\",\"dt\",\"b\"\n\"a\",1,1,1.5,2020-01-02,2020-01-02 00:00:00.123,true\n\"a\",2,2,2.5,2020-01-03,2020-01-02 00:00:00.000,false\n\"b\",1,3,,,,\n,1,4,4,2020-01-02,1970-01-01 00:00:00.000,true\n");
}

TEST(WriteCsv, FlatViewWithoutColumns) {
  const Frame f = no_columns_frame(false);
  const WindowSpec w = opts(false, false);
  EXPECT_EQ(write(f, TextOutput::Csv, w),
            "");
}

TEST(WriteCsv, FlatViewWithoutColumnsButId) {
  const Frame f = no_columns_frame(true);
  const WindowSpec w = opts(true, false);
  EXPECT_EQ(write(f, TextOutput::Csv, w),
            "");
}

TEST(WriteCsv, GroupByOne) {
  const Frame f = group_g_frame();
  const WindowSpec w = opts(false, false);
  EXPECT_EQ(write(f, TextOutput::Csv, w),
            "\"g (Group by 1)\",\"g\",\"h\",\"i\",\"f\",\"d\",\"dt\",\"b\"\n,4,5,10,8,4,4,4\n\"a\",2,3,3,4,2,2,2\n\"b\",1,1,3,0,1,1,1\n,1,1,4,4,1,1,1\n");
}

TEST(WriteCsv, GroupByOneWithIdIndexFormatted) {
  const Frame f = group_g_frame();
  const WindowSpec w = opts(true, true, true);
  EXPECT_EQ(write(f, TextOutput::Csv, w),
            "\"g (Group by 1)\",\"g\",\"h\",\"i\",\"f\",\"d\",\"dt\",\"b\"\n,4,5,10,8,4,4,4\n\"a\",2,3,3,4,2,2,2\n\"b\",1,1,3,0,1,1,1\n,1,1,4,4,1,1,1\n");
}

TEST(WriteCsv, GroupByTwoWithIdIndex) {
  const Frame f = group_gh_frame();
  const WindowSpec w = opts(true, true);
  EXPECT_EQ(write(f, TextOutput::Csv, w),
            "\"g (Group by 1)\",\"h (Group by 2)\",\"i\",\"f\"\n,,10,8\n\"a\",,3,4\n\"a\",1,1,1.5\n\"a\",2,2,2.5\n\"b\",,3,0\n\"b\",1,3,0\n,,4,4\n,1,4,4\n");
}

TEST(WriteCsv, GroupByTwoLeavesOnly) {
  const Frame f = group_gh_frame();
  const WindowSpec w = opts(true, true, false, true);
  EXPECT_EQ(write(f, TextOutput::Csv, w),
            "\"g (Group by 1)\",\"h (Group by 2)\",\"i\",\"f\"\n,,10,8\n\"a\",,3,4\n\"a\",1,1,1.5\n\"a\",2,2,2.5\n\"b\",,3,0\n\"b\",1,3,0\n,,4,4\n,1,4,4\n");
}

TEST(WriteCsv, GroupByDateAndDatetime) {
  const Frame f = group_d_dt_frame();
  const WindowSpec w = opts(false, false);
  EXPECT_EQ(write(f, TextOutput::Csv, w),
            "\"d (Group by 1)\",\"dt (Group by 2)\",\"i\"\n,,10\n2020-01-02,,5\n2020-01-02,1970-01-01 00:00:00.000,4\n2020-01-02,2020-01-02 00:00:00.123,1\n2020-01-03,,2\n2020-01-03,2020-01-02 00:00:00.000,2\n,,3\n,,3\n");
}

TEST(WriteCsv, GroupByDateAndDatetimeFormatted) {
  const Frame f = group_d_dt_frame();
  const WindowSpec w = opts(false, false, true);
  EXPECT_EQ(write(f, TextOutput::Csv, w),
            "\"d (Group by 1)\",\"dt (Group by 2)\",\"i\"\n,,10\n2020-01-02,,5\n2020-01-02,1970-01-01 00:00:00.000,4\n2020-01-02,2020-01-02 00:00:00.123,1\n2020-01-03,,2\n2020-01-03,2020-01-02 00:00:00.000,2\n,,3\n,,3\n");
}

TEST(WriteCsv, GroupByWithoutColumns) {
  const Frame f = group_no_columns_frame();
  const WindowSpec w = opts(false, false);
  EXPECT_EQ(write(f, TextOutput::Csv, w),
            "\"g (Group by 1)\"\n\n\"a\"\n\"b\"\n\n");
}

TEST(WriteCsv, SplitOnly) {
  const Frame f = split_g_frame();
  const WindowSpec w = opts(false, false);
  EXPECT_EQ(write(f, TextOutput::Csv, w),
            "\"a|i\",\"a|f\",\"b|i\",\"b|f\",\"null|i\",\"null|f\"\n1,1.5,,,,\n2,2.5,,,,\n,,3,0,,\n,,,,4,4\n");
}

TEST(WriteCsv, SplitOnlyWithIdIndex) {
  const Frame f = split_g_frame();
  const WindowSpec w = opts(true, true);
  EXPECT_EQ(write(f, TextOutput::Csv, w),
            "\"a|i\",\"a|f\",\"b|i\",\"b|f\",\"null|i\",\"null|f\"\n1,1.5,,,,\n2,2.5,,,,\n,,3,0,,\n,,,,4,4\n");
}

TEST(WriteCsv, GroupAndSplitWithIdIndex) {
  const Frame f = group_h_split_g_frame();
  const WindowSpec w = opts(true, true);
  EXPECT_EQ(write(f, TextOutput::Csv, w),
            "\"h (Group by 1)\",\"a|i\",\"a|f\",\"b|i\",\"b|f\",\"null|i\",\"null|f\"\n,3,4,3,0,4,4\n1,1,1.5,3,0,4,4\n2,2,2.5,,,,\n");
}

TEST(WriteCsv, SplitOnlyWithoutColumns) {
  const Frame f = split_no_columns_frame();
  const WindowSpec w = opts(false, false);
  EXPECT_EQ(write(f, TextOutput::Csv, w),
            "");
}

TEST(WriteCsv, EmptyTableWithIdIndex) {
  const Frame f = empty_table_frame();
  const WindowSpec w = opts(true, true);
  EXPECT_EQ(write(f, TextOutput::Csv, w),
            "\"i\",\"s\"\n");
}

TEST(WriteCsv, SpecialNamesAndStrings) {
  const Frame f = names_frame();
  const WindowSpec w = opts(false, false);
  EXPECT_EQ(write(f, TextOutput::Csv, w),
            "\"a\"\"b\",\"c,d\ne\",\"x\\y\001\"\n1,\"q\"\"u\"\"o\015\nte\",1.5\n,\"\303\251\360\237\230\200</\",2\n");
}

TEST(WriteCsv, EveryAsciiByte) {
  const Frame f = ascii_frame();
  const WindowSpec w = opts(false, false);
  EXPECT_EQ(write(f, TextOutput::Csv, w),
            "\"s\"\n\"\001\002\003\004\005\006\007\010\011\n\013\014\015\016\017\020\021\022\023\024\025\026\027\030\031\032\033\034\035\036\037 !\"\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\177\"\n\"\"\n\n");
}

TEST(WriteCsv, WindowWithoutRows) {
  Frame f = flat_frame(false);
  f.num_rows = 0;
  EXPECT_EQ(write(f, TextOutput::Csv), "\"g\",\"h\",\"i\",\"f\",\"d\",\"dt\",\"b\"\n");
}

TEST(WriteCsv, Floats) {
  EXPECT_EQ(write(floats_frame(), TextOutput::Csv), "\"f\"\nnan\ninf\n-inf\n-0\n0\n2\n1e+21\n1e+20\n-2.5e-7\n0.30000000000000004\n1000000000\n1e+10\n123456789.5\n9999999999\n1.2345678901e+10\n0.000001\n0.0000012345\n0.0000015\n1e+22\n1.7976931348623157e+308\n2.2250738585072014e-308\n5e-324\n1.2345678901234568e+20\n0.3333333333333333\n100\n1e+100\n1.2345e-7\n0.00065046635\n34.41235\n");
}
