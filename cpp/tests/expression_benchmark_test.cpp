// Expression-column benchmark (disabled by default; not a test): view creation
// with one arithmetic expression column on a 1M-row table, and updates of 100
// rows with 1 and 10 live views holding an expression (one shared text, and
// ten different texts), each view brought up to date after every update.
// Baselines without expressions alongside. Run with
//   parallax_tests --gtest_also_run_disabled_tests --gtest_filter='ExpressionBenchmark.*'
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "parallax/table/table.h"
#include "parallax/view/view.h"

using namespace parallax;

namespace {

constexpr size_t kRows = 1000000;

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

Batch rows_batch(const std::vector<int64_t>& keys, std::mt19937_64& rng) {
  Batch b;
  b.num_rows = keys.size();
  auto k = std::make_shared<Column>(DType::Integer), x = std::make_shared<Column>(DType::Float),
       y = std::make_shared<Column>(DType::Float), g = std::make_shared<Column>(DType::String);
  for (auto& c : {k, x, y, g}) c->resize(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    k->set_int(i, keys[i]);
    x->set<double>(i, double(rng() % 10000) / 4);
    y->set<double>(i, double(rng() % 1000) / 8);
    g->set_string(i, "g" + std::to_string(rng() % 50));
  }
  b.columns = {{"k", k, nullptr}, {"x", x, nullptr}, {"y", y, nullptr}, {"g", g, nullptr}};
  return b;
}

TablePtr million_rows() {
  TableOptions o;
  o.index = "k";
  auto t = std::make_shared<Table>(Schema{{"k", DType::Integer}, {"x", DType::Float}, {"y", DType::Float},
                                          {"g", DType::String}},
                                   o);
  std::vector<int64_t> keys(kRows);
  for (size_t i = 0; i < kRows; ++i) keys[i] = int64_t(i);
  std::mt19937_64 rng(7);
  t->update(rows_batch(keys, rng));
  return t;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

TEST(ExpressionBenchmark, DISABLED_ViewCreationOneMillionRows) {
  auto t = million_rows();
  for (const char* cfg : {R"({"columns":["x"]})", R"({"expressions":{"e":"\"x\" * \"y\""},"columns":["e"]})",
                          R"({"group_by":["g"],"columns":["x"]})",
                          R"({"expressions":{"e":"\"x\" * \"y\""},"group_by":["g"],"columns":["e"]})"}) {
    std::vector<double> runs;
    for (int r = 0; r < 7; ++r) {
      auto t0 = std::chrono::steady_clock::now();
      View v(t, ViewConfig::parse_json(cfg));
      v.num_rows();
      runs.push_back(ms_since(t0));
    }
    std::printf("create %-70s median %.1f ms (min %.1f)\n", cfg, median(runs), *std::min_element(runs.begin(), runs.end()));
  }
}

TEST(ExpressionBenchmark, DISABLED_Update100RowsWithLiveViews) {
  auto t = million_rows();
  struct Setup {
    const char* label;
    int views;
    bool expression, distinct;
  };
  for (Setup s : {Setup{"1 view, no expression", 1, false, false}, Setup{"1 view, 1 expression", 1, true, false},
                  Setup{"10 views, no expression", 10, false, false},
                  Setup{"10 views, one shared expression", 10, true, false},
                  Setup{"10 views, 10 different expressions", 10, true, true}}) {
    std::vector<std::unique_ptr<View>> views;
    for (int i = 0; i < s.views; ++i) {
      std::string cfg = R"({"group_by":["g"],"columns":[)";
      if (!s.expression) cfg += R"("x"]})";
      else
        cfg += R"("e"],"expressions":{"e":"\"x\" * )" + (s.distinct ? std::to_string(i + 2) : std::string("2")) + "\"}}";
      views.push_back(std::make_unique<View>(t, ViewConfig::parse_json(cfg)));
    }
    std::mt19937_64 rng(11);
    std::vector<double> runs;
    for (int u = 0; u < 300; ++u) {
      std::vector<int64_t> keys(100);
      for (auto& k : keys) k = int64_t(rng() % kRows);
      Batch b = rows_batch(keys, rng);
      auto t0 = std::chrono::steady_clock::now();
      t->update(b);
      for (auto& v : views) v->num_rows();
      runs.push_back(ms_since(t0));
    }
    std::printf("update 100 rows, %-36s median %.3f ms (min %.3f)\n", s.label, median(runs),
                *std::min_element(runs.begin(), runs.end()));
  }
}
