// Pivoted views (group_by / split_by, every aggregate on every type, both
// null kinds, orders, sorts, filters, depth, expand/collapse) against what
// Perspective 3.8.0 returned for the same table and config, recorded by
// data/gen_pivot_oracle.mjs into data/pivot_oracle_cases.json.
//
// Each case's view is written with the real to_columns writer and compared
// value by value (floats to 1e-9 relative, everything else exactly), plus
// schema(), column_paths(), num_rows() and expand/collapse results. Known
// differences are listed in kKnownDifferences with the reason.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <string>

#include "parallax/core/error.h"
#include "parallax/load/loaders.h"
#include "parallax/table/table.h"
#include "parallax/view/view.h"
#include "parallax/write/text_writer.h"

using namespace parallax;
using simdjson::dom::element;
using simdjson::dom::element_type;

namespace {

// Differences kept on purpose (see the pivot engine's notes).
const std::set<std::string> kKnownDifferences = {
    // The reference's subtotals of string watermarks come from storage
    // addresses; below the first level they are not reproduced.
    "create 2-level low s", "update 2-level high s", "update 2-level low s",
    // The reference's two-sided get_min_max skips some cells with two split levels.
    "sort col desc 2 levels",
};

std::string data_path() {
  std::string f = __FILE__;
  return f.substr(0, f.rfind('/')) + "/data/pivot_oracle_cases.json";
}

std::string strip_abort(std::string m) {
  const std::string p = "Abort(): ";
  return m.rfind(p, 0) == 0 ? m.substr(p.size()) : m;
}

/// Compares two JSON values; floats to a relative 1e-9. Appends the first difference to `why`.
bool same_json(element a, element b, const std::string& at, std::string& why) {
  auto number = [](element e, double* d) {
    if (e.type() == element_type::INT64) return *d = double(int64_t(e)), true;
    if (e.type() == element_type::UINT64) return *d = double(uint64_t(e)), true;
    if (e.type() == element_type::DOUBLE) return *d = double(e), true;
    return false;
  };
  double x, y;
  if (number(a, &x) && number(b, &y)) {
    if (x == y || std::fabs(x - y) <= 1e-9 * std::max(std::fabs(x), std::fabs(y))) return true;
    why = at + ": " + simdjson::minify(a) + " != " + simdjson::minify(b);
    return false;
  }
  if (a.type() != b.type()) {
    why = at + ": " + simdjson::minify(a) + " != " + simdjson::minify(b);
    return false;
  }
  switch (a.type()) {
    case element_type::ARRAY: {
      auto aa = a.get_array().value(), bb = b.get_array().value();
      if (aa.size() != bb.size()) {
        why = at + ": length " + std::to_string(aa.size()) + " != " + std::to_string(bb.size());
        return false;
      }
      for (size_t i = 0; i < aa.size(); ++i)
        if (!same_json(aa.at(i).value(), bb.at(i).value(), at + "[" + std::to_string(i) + "]", why)) return false;
      return true;
    }
    case element_type::OBJECT: {
      std::vector<std::string> ka, kb;
      simdjson::dom::object oa = a.get_object().value(), ob = b.get_object().value();
      for (auto [k, v] : oa) ka.emplace_back(k);
      for (auto [k, v] : ob) kb.emplace_back(k);
      if (ka != kb) {
        why = at + ": keys differ";
        return false;
      }
      for (auto& k : ka)
        if (!same_json(a[k].value(), b[k].value(), at + "." + k, why)) return false;
      return true;
    }
    default:
      if (simdjson::minify(a) == simdjson::minify(b)) return true;
      why = at + ": " + simdjson::minify(a) + " != " + simdjson::minify(b);
      return false;
  }
}

/// Runs one recorded case; returns "" when it matches, else the first difference.
std::string run_case(element c) {
  Schema schema;
  simdjson::dom::object schema_obj = c["schema"].get_object().value();  // named: no dangling temporaries
  for (auto [k, v] : schema_obj)
    schema.push_back({std::string(k), *parse_dtype(std::string_view(v.get_string().value()))});
  std::string mode(c["mode"].get_string().value());
  TablePtr t;
  if (mode == "create") {
    t = Table::from_batch(load_text(simdjson::minify(c["data"].value()), TextFormat::JsonColumns, &schema), {});
  } else {
    t = std::make_shared<Table>(schema, TableOptions{});
    if (mode == "update") t->update(load_text(simdjson::minify(c["data"].value()), TextFormat::JsonColumns, &schema));
  }
  std::unique_ptr<View> v;
  try {
    v = std::make_unique<View>(t, ViewConfig::parse_json(simdjson::minify(c["config"].value())));
  } catch (const Error& e) {
    element err;
    if (c["error"].get(err)) return std::string("unexpected error: ") + e.what();
    std::string want(err.get_string().value());
    return strip_abort(e.what()) == want ? "" : "error '" + std::string(e.what()) + "' != '" + want + "'";
  }
  element err;
  if (!c["error"].get(err)) return "expected error: " + std::string(err.get_string().value());
  simdjson::dom::array updates = c["updates"].get_array().value();
  for (element u : updates)
    t->update(load_text(simdjson::minify(u), TextFormat::JsonColumns, &schema));
  simdjson::dom::array results = c["op_results"].get_array().value();
  simdjson::dom::array ops = c["ops"].get_array().value();
  size_t k = 0;
  for (element op : ops) {
    std::string name(op.at(0).value().get_string().value());
    element want = results.at(k++).value();
    int64_t got = 0;
    if (name == "expand") got = v->expand(int64_t(op.at(1).value()));
    else if (name == "collapse") got = v->collapse(int64_t(op.at(1).value()));
    else if (name == "set_depth") v->set_depth(int(int64_t(op.at(1).value())));
    else if (name == "update") t->update(load_text(simdjson::minify(op.at(1).value()), TextFormat::JsonColumns, &schema));
    if (want.type() != element_type::NULL_VALUE && int64_t(want) != got)
      return name + " returned " + std::to_string(got) + ", expected " + std::to_string(int64_t(want));
  }
  std::string text;
  write_text(v->frame(WindowSpec{}), TextOutput::Columns, WindowSpec{}, text);
  simdjson::dom::parser parser;
  element mine = parser.parse(text).value();
  std::string why;
  if (!same_json(mine, c["to_columns"].value(), "to_columns", why)) return why;
  std::map<std::string, std::string> want_schema, got_schema;
  simdjson::dom::object view_schema = c["view_schema"].get_object().value();
  for (auto [name, type] : view_schema)
    want_schema[std::string(name)] = std::string(type.get_string().value());
  for (auto& f : v->schema()) got_schema[f.name] = dtype_name(f.type);
  if (want_schema != got_schema) return "schema differs";
  std::vector<std::string> want_paths;
  simdjson::dom::array paths = c["column_paths"].get_array().value();
  for (element p : paths) want_paths.emplace_back(p.get_string().value());
  if (v->column_paths(WindowSpec{}) != want_paths) return "column_paths differ";
  if (v->num_rows() != size_t(int64_t(c["num_rows"].value()))) return "num_rows differs";
  element mm;
  if (!c["min_max"].get(mm) && mm.type() == element_type::ARRAY) {
    std::string col(mm.at(0).value().get_string().value());
    auto [lo, hi] = v->min_max(col);
    auto text = [](const Scalar& x) -> std::string {
      if (x.is_null()) return "null";
      if (x.is_bool()) return x.as_bool() ? "true" : "false";
      if (x.is_int()) return std::to_string(x.as_int());
      if (x.is_float()) {
        char buf[64];
        snprintf(buf, sizeof buf, "%.17g", x.as_number());
        return buf;
      }
      std::string q = "\"";
      return q + x.as_string() + q;
    };
    simdjson::dom::parser p2;
    element got = p2.parse("[" + text(lo) + "," + text(hi) + "]").value();
    if (!same_json(got, mm.at(1).value(), "min_max", why)) return why;
  }
  return "";
}

}  // namespace

TEST(PivotOracle, EveryRecordedCaseMatches) {
  simdjson::dom::parser parser;
  element cases = parser.load(data_path()).value();
  size_t n = 0, known = 0;
  simdjson::dom::array all = cases.get_array().value();
  for (element c : all) {
    std::string name(c["name"].get_string().value());
    std::string why;
    try {
      why = run_case(c);
    } catch (const std::exception& e) {
      why = std::string("threw ") + e.what();
    }
    ++n;
    if (kKnownDifferences.count(name)) {
      ++known;
      if (getenv("PIVOT_ORACLE_KNOWN")) printf("known difference '%s': %s\n", name.c_str(), why.c_str());
      continue;
    }
    EXPECT_EQ(why, "") << "case '" << name << "'";
  }
  EXPECT_GT(n, 500u);
  EXPECT_EQ(known, kKnownDifferences.size());
}
