// Datetime filter terms given as epoch-ms numbers (what the wire protocol sends).
// Perspective 3.8's wasm32 build cuts them to 32 bits, so they never match a real
// datetime; Parallax uses the full value (docs/COMPATIBILITY.md #4). The expected
// rows are those selected by the same instant written as a datetime string, which
// both engines agree on.
#include <gtest/gtest.h>

#include <string>

#include "parallax/capi/parallax.h"

namespace {

int64_t rows_of(px_table* t, const std::string& filter) {
  px_view* v = nullptr;
  std::string cfg = "{\"columns\":[\"dt\"],\"filter\":[" + filter + "]}";
  EXPECT_EQ(px_table_view(t, cfg.c_str(), &v), PX_OK) << px_last_error_message();
  int64_t n = -1;
  EXPECT_EQ(px_view_num_rows(v, &n), PX_OK);
  px_view_delete(v);
  px_view_free(v);
  return n;
}

}  // namespace

TEST(FilterDatetimeMs, NumberTermsUseTheFullMillisecondValue) {
  px_table* t = nullptr;
  ASSERT_EQ(px_table_from_schema("{\"dt\":\"datetime\"}", nullptr, &t), PX_OK);
  // 2024-03-10 11:02:31 UTC = 1710068551000; 2024-03-16 00:00:00 UTC = 1710547200000.
  const std::string data = "{\"dt\":[1710068551000,1710547200000,1710633600000,null]}";
  ASSERT_EQ(px_table_update_text(t, data.data(), int64_t(data.size()), "columns", 0), PX_OK);
  struct Pair { const char* number; const char* text; };
  for (Pair p : {Pair{"[\"dt\",\"==\",1710068551000]", "[\"dt\",\"==\",\"2024-03-10 11:02:31\"]"},
                 Pair{"[\"dt\",\"<\",1710547200000]", "[\"dt\",\"<\",\"2024-03-16 00:00:00\"]"},
                 Pair{"[\"dt\",\">=\",1710547200000]", "[\"dt\",\">=\",\"2024-03-16 00:00:00\"]"},
                 Pair{"[\"dt\",\"!=\",1710547200000]", "[\"dt\",\"!=\",\"2024-03-16 00:00:00\"]"}}) {
    EXPECT_EQ(rows_of(t, p.number), rows_of(t, p.text)) << p.number;
  }
  EXPECT_EQ(rows_of(t, "[\"dt\",\"==\",1710068551000]"), 1);
  EXPECT_EQ(rows_of(t, "[\"dt\",\">=\",1710547200000]"), 2);
  px_table_delete(t);
  px_table_free(t);
}
