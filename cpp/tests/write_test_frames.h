// Frames shared by the writer and Arrow export tests. Each one rebuilds, cell
// by cell, the output window of a Perspective 3.8.0 view recorded by
// cpp/tests/write_oracle_cases.mjs (same data, same aggregates), so the
// expected strings in the tests are the oracle's own.
#pragma once
#include <cmath>
#include <cstdint>
#include <limits>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "parallax/view/frame.h"
#include "parallax/write/text_writer.h"

namespace parallax::test {

template <class T, class Set>
ColumnPtr make_col(DType type, bool wide, std::initializer_list<std::optional<T>> vals, Set set) {
  auto c = std::make_shared<Column>(type, wide);
  c->resize(vals.size());
  size_t i = 0;
  for (auto& v : vals) {
    if (v) set(*c, i, *v);
    ++i;
  }
  return c;
}
inline ColumnPtr ints(std::initializer_list<std::optional<int64_t>> v, bool wide = false) {
  return make_col<int64_t>(DType::Integer, wide, v, [](Column& c, size_t i, int64_t x) { c.set_int(i, x); });
}
inline ColumnPtr floats(std::initializer_list<std::optional<double>> v) {
  return make_col<double>(DType::Float, false, v, [](Column& c, size_t i, double x) { c.set<double>(i, x); });
}
inline ColumnPtr bools(std::initializer_list<std::optional<bool>> v) {
  return make_col<bool>(DType::Boolean, false, v, [](Column& c, size_t i, bool x) { c.set<uint8_t>(i, x); });
}
inline ColumnPtr strs(std::initializer_list<std::optional<std::string>> v) {
  return make_col<std::string>(DType::String, false, v,
                               [](Column& c, size_t i, const std::string& x) { c.set_string(i, x); });
}
inline ColumnPtr dates(std::initializer_list<std::optional<int32_t>> days) {
  return make_col<int32_t>(DType::Date, false, days, [](Column& c, size_t i, int32_t x) { c.set<int32_t>(i, x); });
}
inline ColumnPtr datetimes(std::initializer_list<std::optional<int64_t>> ms) {
  return make_col<int64_t>(DType::Datetime, false, ms, [](Column& c, size_t i, int64_t x) { c.set<int64_t>(i, x); });
}

constexpr int32_t kJan2 = 18263;  // 2020-01-02
constexpr int32_t kJan3 = 18264;
constexpr std::nullopt_t N = std::nullopt;

/// The oracle table: {g,h,i,f,d,dt,b} indexed by i, four rows; view {}.
inline Frame flat_frame(bool with_pkey) {
  Frame f;
  f.num_rows = 4;
  f.columns = {{"g", strs({"a", "a", "b", N})},
               {"h", ints({1, 2, 1, 1})},
               {"i", ints({1, 2, 3, 4})},
               {"f", floats({1.5, 2.5, N, 4.0})},
               {"d", dates({kJan2, kJan3, N, kJan2})},
               {"dt", datetimes({1577923200123, 1577923200000, N, 0})},
               {"b", bools({true, false, N, true})}};
  if (with_pkey) {
    f.has_pkey = true;
    f.pkey = {"__INDEX__", ints({1, 2, 3, 4})};
  }
  return f;
}

/// {group_by:["g"]}: default aggregates (count, sum); __INDEX__ lists the
/// pkeys under each group, as the oracle printed them.
inline Frame group_g_frame() {
  Frame f;
  f.num_rows = 4;
  f.grouped = true;
  f.row_path = {{"g", strs({N, "a", "b", N})}};
  f.depth = {0, 1, 1, 1};
  f.columns = {{"g", ints({4, 2, 1, 1}, true)},  {"h", ints({5, 3, 1, 1}, true)}, {"i", ints({10, 3, 3, 4}, true)},
               {"f", floats({8, 4, 0, 4})},      {"d", ints({4, 2, 1, 1}, true)}, {"dt", ints({4, 2, 1, 1}, true)},
               {"b", ints({4, 2, 1, 1}, true)}};
  f.has_pkey = true;
  f.pkey = {"__INDEX__", ints({4, 3, 2, 1, 2, 1, 3, 4})};
  f.pkey_offsets = {0, 4, 6, 7, 8};
  return f;
}

/// {group_by:["g","h"], columns:["i","f"]}.
inline Frame group_gh_frame() {
  Frame f;
  f.num_rows = 8;
  f.grouped = true;
  f.row_path = {{"g", strs({N, "a", "a", "a", "b", "b", N, N})}, {"h", ints({N, N, 1, 2, N, 1, N, 1})}};
  f.depth = {0, 1, 2, 2, 1, 2, 1, 2};
  f.columns = {{"i", ints({10, 3, 1, 2, 3, 3, 4, 4}, true)}, {"f", floats({8, 4, 1.5, 2.5, 0, 0, 4, 4})}};
  f.has_pkey = true;
  f.pkey = {"__INDEX__", ints({4, 3, 2, 1, 2, 1, 1, 2, 3, 3, 4, 4})};
  f.pkey_offsets = {0, 4, 6, 7, 8, 9, 10, 11, 12};
  return f;
}

/// {group_by:["d","dt"], columns:["i"]}.
inline Frame group_d_dt_frame() {
  Frame f;
  f.num_rows = 8;
  f.grouped = true;
  f.row_path = {{"d", dates({N, kJan2, kJan2, kJan2, kJan3, kJan3, N, N})},
                {"dt", datetimes({N, N, 0, 1577923200123, N, 1577923200000, N, N})}};
  f.depth = {0, 1, 2, 2, 1, 2, 1, 2};
  f.columns = {{"i", ints({10, 5, 4, 1, 2, 2, 3, 3}, true)}};
  return f;
}

/// {split_by:["g"], columns:["i","f"]}: no total row; __ID__ is shifted by
/// one row (semantics T10), __INDEX__ always empty.
inline Frame split_g_frame() {
  Frame f;
  f.num_rows = 4;
  f.split_only = true;
  f.columns = {{"a|i", ints({1, 2, N, N})},     {"a|f", floats({1.5, 2.5, N, N})}, {"b|i", ints({N, N, 3, N})},
               {"b|f", floats({N, N, 0.0, N})}, {"null|i", ints({N, N, N, 4})},    {"null|f", floats({N, N, N, 4.0})}};
  f.has_pkey = true;
  f.pkey = {"__ID__", ints({1, 2, 3})};
  f.pkey_offsets = {0, 0, 1, 2, 3};
  return f;
}

/// {group_by:["h"], split_by:["g"], columns:["i","f"]}: no pkey lists.
inline Frame group_h_split_g_frame() {
  Frame f;
  f.num_rows = 3;
  f.grouped = true;
  f.row_path = {{"h", ints({N, 1, 2})}};
  f.depth = {0, 1, 1};
  f.columns = {{"a|i", ints({3, 1, 2}, true)},  {"a|f", floats({4, 1.5, 2.5})}, {"b|i", ints({3, 3, N}, true)},
               {"b|f", floats({0, 0, N})},      {"null|i", ints({4, 4, N}, true)}, {"null|f", floats({4, 4, N})}};
  return f;
}

/// Special characters in names and strings (view {} of a three-column table).
inline Frame names_frame() {
  Frame f;
  f.num_rows = 2;
  f.columns = {{"a\"b", ints({1, N})},
               {"c,d\ne", strs({"q\"u\"o\r\nte", "\303\251\360\237\230\200</"})},
               {"x\\y\001", floats({1.5, 2.0})}};
  return f;
}

/// Every ASCII byte 1..127 in one string, then "" and null.
inline Frame ascii_frame() {
  std::string all;
  for (int c = 1; c < 128; ++c) all.push_back(char(c));
  Frame f;
  f.num_rows = 3;
  f.columns = {{"s", strs({all, "", N})}};
  return f;
}

/// {columns: []} on the oracle table: rows but no data columns.
inline Frame no_columns_frame(bool with_pkey) {
  Frame f = flat_frame(with_pkey);
  f.columns.clear();
  return f;
}

/// {group_by:["g"], columns: []}.
inline Frame group_no_columns_frame() {
  Frame f = group_g_frame();
  f.columns.clear();
  f.has_pkey = false;
  f.pkey = {};
  f.pkey_offsets.clear();
  return f;
}

/// {split_by:["g"], columns:["i"], filter: [["i", ">", 100]]}: no rows, and
/// no split columns either.
inline Frame split_no_columns_frame() {
  Frame f;
  f.split_only = true;
  return f;
}

/// View {} of an empty {i: integer, s: string} table.
inline Frame empty_table_frame() {
  Frame f;
  f.columns = {{"i", ints({})}, {"s", strs({})}};
  f.has_pkey = true;
  f.pkey = {"__INDEX__", ints({})};
  return f;
}

/// Floats loaded through Arrow in the oracle (exact doubles, NaN, ±inf, -0,
/// and two values where Grisu2 is not the shortest form).
inline Frame floats_frame() {
  const double inf = std::numeric_limits<double>::infinity();
  Frame f;
  f.num_rows = 29;
  f.columns = {{"f", floats({std::nan(""), inf, -inf, -0.0, 0.0, 2, 1e21, 1e20, -2.5e-7, 0.1 + 0.2, 1e9, 1e10,
                             123456789.5, 9999999999, 12345678901, 0.000001, 0.0000012345, 1.5e-6, 1e22,
                             1.7976931348623157e308, 2.2250738585072014e-308, 5e-324, 123456789012345680000.0,
                             1.0 / 3, 100, 1e100, 1234.5e-10, 0.0006504663499999999, 34.412350000000004})}};
  return f;
}

/// The ndjson that corresponds to a records string: its top-level objects one
/// per line (Parallax's ndjson is records, one row per line; see json_writer.h).
inline std::string ndjson_of(const std::string& records) {
  std::string out;
  int depth = 0;
  bool in_str = false, esc = false;
  size_t start = 0;
  for (size_t i = 0; i < records.size(); ++i) {
    char c = records[i];
    if (in_str) {
      if (esc) esc = false;
      else if (c == '\\') esc = true;
      else if (c == '"') in_str = false;
      continue;
    }
    if (c == '"') in_str = true;
    else if (c == '{' || c == '[') {
      if (++depth == 2 && c == '{') start = i;
    } else if (c == '}' || c == ']') {
      if (depth-- == 2 && c == '}') {
        if (!out.empty()) out += '\n';
        out += records.substr(start, i + 1 - start);
      }
    }
  }
  return out;
}

inline std::string write(const Frame& f, TextOutput fmt, const WindowSpec& w = {}) {
  std::string out;
  write_text(f, fmt, w, out);
  return out;
}

inline WindowSpec opts(bool id, bool index, bool formatted = false, bool leaves_only = false) {
  WindowSpec w;
  w.id = id;
  w.index = index;
  w.formatted = formatted;
  w.leaves_only = leaves_only;
  return w;
}

}  // namespace parallax::test
