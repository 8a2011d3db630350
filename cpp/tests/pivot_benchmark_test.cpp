// Timing of the pivot engine on a generated trades table (disabled by
// default; run with --gtest_also_run_disabled_tests
// --gtest_filter='*PivotBenchmark*'). Prints milliseconds, asserts nothing
// about them: group_by [symbol] with sum(notional) and count(symbol) over 1M
// and 10M rows of 2,000 symbols, with 1 and 2 engine threads, next to the
// time it takes to stream the same two columns once.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "parallax/core/parallel.h"
#include "parallax/table/table.h"
#include "parallax/view/view.h"

using namespace parallax;

namespace {

TablePtr trades(size_t rows, int symbols) {
  Batch b;
  b.num_rows = rows;
  auto sym = std::make_shared<Column>(DType::String);
  auto notional = std::make_shared<Column>(DType::Float);
  sym->resize_exact(rows);
  notional->resize_exact(rows);
  for (int s = 0; s < symbols; ++s) sym->dict()->intern("SYM" + std::to_string(s));
  std::mt19937_64 rng(42);
  int32_t* codes = sym->mutable_data<int32_t>();
  double* vals = notional->mutable_data<double>();
  for (size_t i = 0; i < rows; ++i) {
    codes[i] = int32_t(rng() % uint64_t(symbols));
    vals[i] = double(rng() % 1000000) / 100.0;
  }
  std::memset(sym->mutable_validity(), 0xff, bits::bytes_for(rows));
  std::memset(notional->mutable_validity(), 0xff, bits::bytes_for(rows));
  b.columns.push_back({"symbol", sym, nullptr});
  b.columns.push_back({"notional", notional, nullptr});
  return Table::from_batch(std::move(b), {});
}

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

/// Best of `reps` timings of fn().
template <class Fn>
double best_ms(int reps, Fn&& fn) {
  double best = 1e30;
  for (int r = 0; r < reps; ++r) {
    auto t0 = std::chrono::steady_clock::now();
    fn();
    best = std::min(best, ms_since(t0));
  }
  return best;
}

}  // namespace

TEST(PivotBenchmark, DISABLED_GroupBySymbolSumCount) {
  const int saved = engine_threads();
  size_t groups = 0;
  for (size_t rows : {size_t(1000000), size_t(10000000)}) {
    TablePtr t = trades(rows, 2000);
    const Column& sym = *t->column(0);
    const Column& val = *t->column(1);
    // The floor: read both columns once (independent sums, so memory bound).
    double total = 0;
    double stream = best_ms(5, [&] {
      const int32_t* c = sym.data<int32_t>();
      const double* v = val.data<double>();
      int64_t cs = 0;
      double s[4] = {0, 0, 0, 0};
      size_t i = 0;
      for (; i + 4 <= rows; i += 4) {
        cs += int64_t(c[i]) + c[i + 1] + c[i + 2] + c[i + 3];
        s[0] += v[i], s[1] += v[i + 1], s[2] += v[i + 2], s[3] += v[i + 3];
      }
      for (; i < rows; ++i) cs += c[i], s[0] += v[i];
      total += double(cs) + s[0] + s[1] + s[2] + s[3];
    });
    for (int threads : {1, 2}) {
      set_engine_threads(threads);
      ViewConfig cfg = ViewConfig::parse_json(
          R"({"group_by":["symbol"],"columns":["notional","symbol"],"aggregates":{"notional":"sum","symbol":"count"}})");
      double create_ms = best_ms(3, [&] {
        View v(t, cfg);  // builds the engine and aggregates every row
        groups = v.num_rows();
      });
      // Steady state: every table change recomputes the view over all rows.
      View v(t, cfg);
      Batch one;
      one.num_rows = 1;
      auto s1 = std::make_shared<Column>(DType::String);
      s1->resize(1);
      s1->set_string(0, "SYM7");
      auto n1 = std::make_shared<Column>(DType::Float);
      n1->resize(1);
      n1->set<double>(0, 1.0);
      one.columns.push_back({"symbol", s1, nullptr});
      one.columns.push_back({"notional", n1, nullptr});
      double refresh_ms = best_ms(5, [&] {
        t->update(one);
        groups = v.num_rows();
      });
      printf("rows=%zu threads=%d group_by[symbol] sum+count: create %.2f ms, refresh %.2f ms "
             "(stream both columns once: %.2f ms, checksum %.0f)\n",
             rows, threads, create_ms, refresh_ms, stream, total);
      EXPECT_EQ(groups, 2001u);
    }
    // Two levels, the second almost unique per row (symbol, notional): the
    // general path, with per-row node arrays, a hash-indexed second level and
    // about a million leaves to order.
    if (rows > 1000000) continue;
    set_engine_threads(1);
    ViewConfig two = ViewConfig::parse_json(
        R"({"group_by":["symbol","notional"],"columns":["notional"],"aggregates":{"notional":"count"},"group_by_depth":1})");
    double two_ms = best_ms(1, [&] {
      View v(t, two);
      groups = v.num_rows();
    });
    printf("rows=%zu threads=1 group_by[symbol, notional] count: create %.2f ms\n", rows, two_ms);
  }
  set_engine_threads(saved);
}
