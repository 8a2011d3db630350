// Mutation fuzzing of the C API, the boundary the JVM calls: text loads, updates, removes,
// view configs and windows built from valid seeds by random byte edits. Every call must return
// PX_OK or a typed error with a message (never crash, never PX_ERR_INTERNAL), and a failed
// change must leave the table exactly as it was ("bad input loses nothing").
//
// Deterministic (seeded); PARALLAX_FUZZ_ITERATIONS sets the iterations per test (default keeps
// ctest fast; scripts/fuzz runs many more under AddressSanitizer and UBSan).
#include <gtest/gtest.h>

#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "parallax/arrow/c_data.h"
#include "parallax/capi/parallax.h"

namespace {

int iterations(int fallback) {
  const char* env = std::getenv("PARALLAX_FUZZ_ITERATIONS");
  return env ? std::max(1, std::atoi(env)) : fallback;
}

/// Random edits of a seed: byte flips, inserted structural or odd bytes, deleted or repeated
/// ranges, truncation, splices with another seed.
class Mutator {
 public:
  explicit Mutator(uint64_t seed) : rng_(seed) {}

  size_t below(size_t n) { return n == 0 ? 0 : std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }
  bool chance(int percent) { return int(below(100)) < percent; }

  std::string mutate(const std::string& seed, const std::vector<std::string>& others) {
    std::string s = seed;
    int edits = 1 + int(below(4));
    for (int e = 0; e < edits; ++e) {
      switch (below(7)) {
        case 0:  // flip a byte
          if (!s.empty()) s[below(s.size())] ^= char(1u << below(8));
          break;
        case 1:  // insert an interesting byte or token
          s.insert(below(s.size() + 1), token());
          break;
        case 2: {  // delete a range
          if (s.empty()) break;
          size_t at = below(s.size());
          s.erase(at, 1 + below(std::min<size_t>(16, s.size() - at)));
          break;
        }
        case 3: {  // repeat a range
          if (s.empty()) break;
          size_t at = below(s.size());
          std::string piece = s.substr(at, 1 + below(32));
          s.insert(below(s.size() + 1), piece);
          break;
        }
        case 4:  // truncate
          s.resize(below(s.size() + 1));
          break;
        case 5: {  // splice with another seed
          const std::string& o = others[below(others.size())];
          s = s.substr(0, below(s.size() + 1)) + o.substr(below(o.size() + 1));
          break;
        }
        default:  // replace a digit run with an extreme number
          for (size_t i = below(s.size() + 1); i < s.size(); ++i) {
            if (s[i] >= '0' && s[i] <= '9') {
              s.replace(i, 1, number());
              break;
            }
          }
      }
    }
    return s;
  }

 private:
  std::string token() {
    static const std::vector<std::string> tokens = {",", "\"", "\n", "\r\n", "{", "}", "[", "]", ":", "null",
                                                    "true", "-", ".", "e", "1e308", "\\", "\\u0000",
                                                    std::string(1, '\0'), "\xff", "\xc3\xa9", "\xe2\x82",
                                                    "2020-13-45", "NaN", "''", "\t", " "};
    return tokens[below(tokens.size())];
  }
  std::string number() {
    static const char* numbers[] = {"9223372036854775808", "-9223372036854775809", "2147483648", "-0", "1e-400",
                                    "0.0000000000000000001", "99999999999999999999999", "4294967296"};
    return numbers[below(sizeof numbers / sizeof *numbers)];
  }
  std::mt19937_64 rng_;
};

const std::vector<std::string>& csv_seeds() {
  static const std::vector<std::string> seeds = {
      "id,s,i,f,b,d,dt\n1,a,1,1.5,true,2020-01-01,2020-01-01 10:00:00\n2,b,,2.5,false,2020-02-03,"
      "2020-01-02T03:04:05Z\n3,,-7,,true,,\n",
      "id,s,i\n1,\"quoted, comma\",3\n2,\"line\nbreak\",4\n",
      "id,x\n1,1\n2,2.5\n3,abc\n",
      "id\n1\n2\n3\n"};
  return seeds;
}

const std::vector<std::string>& json_seeds() {
  static const std::vector<std::string> seeds = {
      R"([{"id":1,"s":"a","i":1,"f":1.5,"b":true,"d":"2020-01-01"},{"id":2,"s":null,"i":null,"f":2,"b":false}])",
      R"({"id":[1,2,3],"s":["a","b",null],"f":[1.5,null,3e10]})",
      R"([{"id":1,"x":"2020-01-01 10:00:00"},{"id":2,"x":1577836800000}])"};
  return seeds;
}

const std::vector<std::string>& config_seeds() {
  static const std::vector<std::string> seeds = {
      R"({"group_by":["s"],"columns":["f","i"],"aggregates":{"f":"avg","i":"max"}})",
      R"({"group_by":["s","b"],"split_by":["d"],"columns":["f"],"sort":[["f","desc"]]})",
      R"({"split_by":["s"],"columns":["i","f"],"sort":[["i","col asc"]]})",
      R"({"columns":["id","s","f"],"filter":[["f",">",1.0],["s","in",["a","b"]]],"filter_op":"or"})",
      R"({"group_by":["id"],"columns":["s"],"aggregates":{"s":"distinct count"},"group_by_depth":1})",
      R"({"columns":["s"],"sort":[["s","asc abs"]],"filter":[["s","contains","a"],["d","is not null"]]})"};
  return seeds;
}

const std::vector<std::string>& window_seeds() {
  static const std::vector<std::string> seeds = {
      R"({"start_row":0,"end_row":10,"start_col":0,"end_col":3})", R"({"start_row":1.5,"end_row":-1,"id":true})",
      R"({"index":true,"formatted":true,"leaves_only":true})", "null"};
  return seeds;
}

/// Checks a status: OK, or a typed user-facing error with a message. Internal errors are bugs.
void expect_handled(int rc, const char* what, const std::string& input) {
  ASSERT_TRUE(rc == PX_OK || rc == PX_ERR_INVALID || rc == PX_ERR_STATE || rc == PX_ERR_PARSE)
      << what << " returned " << rc << " (" << px_last_error_message() << ") for input:\n" << input;
  if (rc != PX_OK) {
    const char* m = px_last_error_message();
    ASSERT_TRUE(m != nullptr && *m != '\0') << what << " failed without a message for:\n" << input;
  }
}

std::string text_of(px_view* v, const char* format, const char* window) {
  px_buf* b = nullptr;
  int rc = px_view_to_text(v, format, window, &b);
  std::string out = rc == PX_OK ? std::string(reinterpret_cast<const char*>(px_buf_data(b)), size_t(px_buf_size(b)))
                                : "ERR " + std::string(px_last_error_message());
  px_buf_free(b);
  return out;
}

/// Whole-table snapshot through a flat view (every column, every row, pkey order).
std::string snapshot(px_table* t) {
  px_view* v = nullptr;
  if (px_table_view(t, "{}", &v) != PX_OK) return "ERR " + std::string(px_last_error_message());
  std::string s = text_of(v, "columns", nullptr);
  px_view_delete(v);
  px_view_free(v);
  return s;
}

/// Exercises a table the fuzzer managed to load: views from (possibly mutated) configs, reads in
/// every format and window, Arrow export, then mutated updates, removes and replaces, each of
/// which either applies or leaves the table exactly as it was.
void exercise(px_table* t, Mutator& m, const char* format, const std::vector<std::string>& data_seeds) {
  std::vector<px_view*> views;
  std::vector<std::string> configs;
  for (int k = 0; k < 2; ++k) {
    const auto& cs = config_seeds();
    std::string config = m.chance(50) ? cs[m.below(cs.size())] : m.mutate(cs[m.below(cs.size())], cs);
    px_view* v = nullptr;
    int rc = px_table_view(t, config.c_str(), &v);
    expect_handled(rc, "px_table_view", config);
    if (rc == PX_OK) {
      views.push_back(v);
      configs.push_back(config);
    }
  }
  auto read_all = [&] {
    for (size_t vi = 0; vi < views.size(); ++vi) {
      px_view* v = views[vi];
      const auto& ws = window_seeds();
      std::string window = m.chance(50) ? ws[m.below(ws.size())] : m.mutate(ws[m.below(ws.size())], ws);
      std::string context = window + "\nview " + configs[vi] + "\ntable " + snapshot(t);
      for (const char* f : {"columns", "records", "ndjson", "csv"}) {
        px_buf* b = nullptr;
        expect_handled(px_view_to_text(v, f, window.c_str(), &b), "px_view_to_text", context);
        px_buf_free(b);
      }
      ArrowSchema schema{};
      ArrowArray array{};
      int rc = px_view_to_arrow(v, window.c_str(), &schema, &array);
      expect_handled(rc, "px_view_to_arrow", context);
      if (rc == PX_OK) {
        array.release(&array);
        schema.release(&schema);
      }
      px_buf* b = nullptr;
      expect_handled(px_view_min_max_json(v, m.chance(50) ? "f" : "zz", &b), "px_view_min_max_json", "f|zz");
      px_buf_free(b);
      int64_t changed = 0;
      expect_handled(px_view_expand(v, int64_t(m.below(8)) - 2, &changed), "px_view_expand", "row");
    }
  };
  read_all();
  for (int k = 0; k < 3; ++k) {
    std::string before = snapshot(t);
    std::string data = m.mutate(data_seeds[m.below(data_seeds.size())], data_seeds);
    int rc;
    const char* what;
    switch (m.below(3)) {
      case 0:
        what = "px_table_update_text";
        rc = px_table_update_text(t, data.data(), int64_t(data.size()), format, 0);
        break;
      case 1: {
        what = "px_table_remove";
        data = m.mutate(R"([1,"2",null,3.5,"2020-01-01"])", {"[]", "[1]"});
        rc = px_table_remove(t, data.c_str(), 0);
        break;
      }
      default:
        what = "px_table_replace_text";
        rc = px_table_replace_text(t, data.data(), int64_t(data.size()), format, 0);
    }
    expect_handled(rc, what, data);
    if (rc != PX_OK) {
      ASSERT_EQ(before, snapshot(t)) << what << " failed (" << px_last_error_message()
                                     << ") and changed the table; input:\n" << data;
    }
    read_all();
  }
  for (px_view* v : views) {
    px_view_delete(v);
    px_view_free(v);
  }
}

void fuzz_loads(const char* format, const std::vector<std::string>& seeds, uint64_t seed, int n) {
  Mutator m(seed);
  const char* options[] = {"{}", R"({"index":"id"})", R"({"limit":3})"};
  for (int i = 0; i < n; ++i) {
    std::string data = m.chance(10) ? seeds[m.below(seeds.size())] : m.mutate(seeds[m.below(seeds.size())], seeds);
    const char* opts = options[m.below(3)];
    px_table* t = nullptr;
    int rc = px_table_from_text(data.data(), int64_t(data.size()), format, opts, &t);
    expect_handled(rc, "px_table_from_text", data);
    if (::testing::Test::HasFatalFailure()) return;
    if (rc == PX_OK) {
      exercise(t, m, format, seeds);
      px_table_delete(t);
      px_table_free(t);
      if (::testing::Test::HasFatalFailure()) return;
    }
  }
}

TEST(FuzzCapi, CsvLoadsUpdatesAndViews) { fuzz_loads("csv", csv_seeds(), 1, iterations(300)); }

TEST(FuzzCapi, JsonLoadsUpdatesAndViews) { fuzz_loads("json", json_seeds(), 2, iterations(300)); }

TEST(FuzzCapi, ColumnsAndNdjsonLoads) {
  fuzz_loads("columns", json_seeds(), 3, iterations(150));
  fuzz_loads("ndjson", {"{\"id\":1,\"s\":\"a\"}\n{\"id\":2,\"s\":null}\n", "{\"id\":3}"}, 4, iterations(150));
}

TEST(FuzzCapi, SchemasAndOptions) {
  Mutator m(5);
  std::vector<std::string> schemas = {
      R"({"id":"integer","s":"string","f":"float","b":"boolean","d":"date","dt":"datetime"})", R"({"x":"float"})"};
  std::vector<std::string> options = {R"({"index":"id"})", R"({"limit":10,"name":"t"})", "{}"};
  for (int i = 0; i < iterations(500); ++i) {
    std::string schema = m.mutate(schemas[m.below(schemas.size())], schemas);
    std::string opts = m.chance(50) ? options[m.below(options.size())] : m.mutate(options[m.below(options.size())], options);
    px_table* t = nullptr;
    int rc = px_table_from_schema(schema.c_str(), opts.c_str(), &t);
    expect_handled(rc, "px_table_from_schema", schema + " / " + opts);
    if (rc == PX_OK) {
      exercise(t, m, "json", json_seeds());
      px_table_delete(t);
      px_table_free(t);
    }
    if (HasFatalFailure()) return;
  }
}

}  // namespace

namespace {

// A table of no columns (JSON columns "{}") takes updates: the column loop of an update used to
// divide by zero in parallel_for's chunking (UBSan in scripts/fuzz; a SIGFPE where the compiler
// keeps the division).
TEST(FuzzCapi, TableWithNoColumns) {
  px_table* t = nullptr;
  ASSERT_EQ(px_table_from_text("{}", 2, "columns", "{}", &t), PX_OK) << px_last_error_message();
  expect_handled(px_table_update_text(t, "{}", 2, "columns", 0), "px_table_update_text", "{}");
  expect_handled(px_table_update_text(t, "[{}]", 4, "json", 0), "px_table_update_text", "[{}]");
  int64_t size = -1;
  ASSERT_EQ(px_table_size(t, &size), PX_OK);
  EXPECT_GE(size, 0);
  px_table_delete(t);
  px_table_free(t);
}

}  // namespace
