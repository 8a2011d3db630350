// Replays cpp/tests/data/expr_cases.json (scripts/conformance/gen-expr-cases.mjs:
// expressions run by the reference engine) against parallax::expr::Expression.
// Rows below `clear_rows` hold update nulls, the others creation nulls (see the generator). Floats compare with a
// relative tolerance of 1e-12; the reference serialises non-finite floats as
// null, so a NaN or infinite result matches an expected null.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <cmath>
#include <numeric>
#include <set>
#include <string>

#include "expr_test_source.h"
#include "parallax/core/datetime.h"
#include "parallax/expr/expression.h"

namespace parallax {
namespace {

using simdjson::dom::element;

std::string data_path() {
  std::string f = __FILE__;
  return f.substr(0, f.rfind('/')) + "/data/expr_cases.json";
}

// Expressions whose reference result this build deliberately does not match
// (each explained in the expression compiler's report / docs).
const std::set<std::string> kKnownDifferences = {
    // the reference writes a string's raw pointer bits into the float column for
    // the rows that take the string branch; this build gives null there
    "if (\"b\") { 1 } else { 'a' }",
    // `&` and `|` are not supported (a clear compile error instead)
    "true & false",
    // a year beyond the reference's 16-bit date field: it returns garbage
    "date(\"i\", 1, 1)",
};

int32_t parse_date(std::string_view s) {
  int y = std::stoi(std::string(s.substr(0, 4)));
  unsigned m = unsigned(std::stoi(std::string(s.substr(5, 2))));
  unsigned d = unsigned(std::stoi(std::string(s.substr(8, 2))));
  return days_from_civil(y, m, d);
}

struct Fixture {
  simdjson::dom::parser parser;
  element doc;
  expr_test::MapSource src;
  size_t rows = 0;

  Fixture() {
    doc = parser.load(data_path());
    size_t clear_rows = size_t(int64_t(doc["clear_rows"]));
    simdjson::dom::array rs = doc["rows"];
    rows = rs.size();
    for (auto [name, type] : simdjson::dom::object(doc["schema"])) {
      DType t = *parse_dtype(std::string_view(type));
      std::string n(name);
      src.add(n, t);
      Column& c = src.col(n);
      c.resize(rows);
      size_t r = 0;
      for (element row : rs) {
        element v = row[name];
        if (v.is_null()) {
          c.set_null(r, r < clear_rows ? NullKind::UpdateNull : NullKind::CtorNull);
        } else {
          switch (t) {
            case DType::Boolean: c.set<uint8_t>(r, bool(v) ? 1 : 0); break;
            case DType::Integer: c.set_int(r, int64_t(v)); break;
            case DType::Float: c.set<double>(r, double(v)); break;
            case DType::String: c.set_string(r, std::string_view(v)); break;
            case DType::Date: c.set<int32_t>(r, parse_date(std::string_view(v))); break;
            case DType::Datetime: c.set<int64_t>(r, int64_t(v)); break;
          }
        }
        ++r;
      }
    }
  }
};

/// Compares row `r` of `out` with the expected JSON value; empty when equal.
std::string compare_cell(const Column& out, size_t r, element want) {
  bool null_out = !out.is_valid(r);
  if (!null_out && out.type() == DType::Float && !std::isfinite(out.get<double>(r))) null_out = true;
  if (want.is_null()) return null_out ? "" : "expected null";
  if (null_out) return "got null";
  switch (out.type()) {
    case DType::Boolean: return (out.get<uint8_t>(r) != 0) == bool(want) ? "" : "boolean differs";
    case DType::Integer: return out.get_int(r) == int64_t(double(want)) ? "" : "got " + std::to_string(out.get_int(r));
    case DType::Float: {
      double a = out.get<double>(r), b = double(want);
      return std::fabs(a - b) <= 1e-12 * std::max(std::fabs(a), std::fabs(b)) ? "" : "got " + std::to_string(a);
    }
    case DType::String: return out.get_string(r) == std::string_view(want) ? "" : "got '" + std::string(out.get_string(r)) + "'";
    case DType::Date: {
      int64_t ms = int64_t(out.get<int32_t>(r)) * 86400000;
      return ms == int64_t(double(want)) ? "" : "got day " + std::to_string(out.get<int32_t>(r));
    }
    case DType::Datetime: return out.get<int64_t>(r) == int64_t(double(want)) ? "" : "got " + std::to_string(out.get<int64_t>(r));
  }
  return "?";
}

TEST(ExprOracle, MatchesReference) {
  Fixture fx;
  expr::EvalContext ctx;
  ctx.now_ms = 1700000000000;
  int checked = 0, failures = 0;
  for (element c : simdjson::dom::array(fx.doc["cases"])) {
    std::string text{std::string_view(c["expr"])};
    if (kKnownDifferences.count(text)) continue;
    ++checked;
    expr::ExprError err;
    auto e = expr::Expression::try_compile(text, fx.src.lookup(), &err);
    element want_error;
    if (c["error"].get(want_error) == simdjson::SUCCESS) {
      std::string want{std::string_view(want_error)};
      int line = int(int64_t(c["line"])), col = int(int64_t(c["column"]));
      if (e || err.message != want || err.line != line || err.column != col) {
        ++failures;
        ADD_FAILURE() << text << "\n  want error: " << want << " @" << line << ":" << col
                      << "\n  got: " << (e ? std::string("compiled, type ") + dtype_name(e->type())
                                           : err.message + " @" + std::to_string(err.line) + ":" + std::to_string(err.column));
      }
      continue;
    }
    std::string want_type{std::string_view(c["type"])};
    if (!e) {
      ++failures;
      ADD_FAILURE() << text << "\n  want type " << want_type << ", got error: " << err.message;
      continue;
    }
    if (want_type != dtype_name(e->type())) {
      ++failures;
      ADD_FAILURE() << text << "\n  want type " << want_type << ", got " << dtype_name(e->type());
      continue;
    }
    element values = c["values"];
    if (values.is_null()) continue;
    Column out(e->type(), e->wide());
    out.resize(fx.rows);
    std::vector<uint32_t> rids(fx.rows);
    std::iota(rids.begin(), rids.end(), 0u);
    e->evaluate(fx.src, rids.data(), rids.size(), out, ctx);
    size_t r = 0;
    std::string why;
    for (element v : simdjson::dom::array(values)) {
      std::string d = compare_cell(out, r, v);
      if (!d.empty()) why += "\n  row " + std::to_string(r) + ": " + d + " (want " + simdjson::minify(v) + ")";
      ++r;
    }
    if (!why.empty()) {
      ++failures;
      ADD_FAILURE() << text << why;
    }
  }
  EXPECT_GT(checked, 300);
  std::printf("expr oracle: %d cases, %d failures\n", checked, failures);
}

}  // namespace
}  // namespace parallax
