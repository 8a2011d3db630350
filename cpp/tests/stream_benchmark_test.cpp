// Engine-level streaming benchmark (disabled by default; not a test): the
// trades table indexed by id with the two live views of issue 4, then the
// 1,000 update batches of updates.csv; per batch, the time from update() until
// both views have refreshed and cut their first 50 rows. Run with
//   PARALLAX_BENCH_DIR=/path/to/bench/data parallax_tests \
//     --gtest_also_run_disabled_tests --gtest_filter='StreamBenchmark.*'
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "parallax/load/csv_loader.h"
#include "parallax/load/loaders.h"
#include "parallax/table/table.h"
#include "parallax/view/view.h"
#include "parallax/write/text_writer.h"

using namespace parallax;

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// updates.csv (the trades columns plus a trailing batch number) split into its batches.
std::vector<std::string> update_batches(const std::string& dir) {
  std::string upd = slurp(dir + "/updates.csv");
  std::vector<std::string> batches;
  size_t nl = upd.find('\n');
  std::string header = upd.substr(0, upd.rfind(',', nl)) + "\n";
  for (size_t p = nl + 1; p < upd.size();) {
    size_t e = upd.find('\n', p);
    if (e == std::string::npos) e = upd.size();
    std::string line = upd.substr(p, e - p);
    size_t cut = line.rfind(',');
    size_t b = std::stoul(line.substr(cut + 1));
    if (batches.size() <= b) batches.resize(b + 1, header);
    batches[b] += line.substr(0, cut) + "\n";
    p = e + 1;
  }
  return batches;
}

TablePtr trades_table(const std::string& dir) {
  TableOptions opts;
  opts.index = "id";
  return Table::from_batch(load_csv(slurp(dir + "/trades_1000000.csv"), nullptr), opts);
}

/// A CSV update batch as JSON columns ({"id":[1,2],"symbol":["S1","S2"],...}):
/// cells that parse as numbers stay bare, the others become JSON strings.
/// The trades data has no quotes, commas or escapes inside cells.
std::string csv_to_json_columns(const std::string& csv) {
  std::vector<std::vector<std::string>> rows;
  std::stringstream in(csv);
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> cells;
    std::stringstream ls(line);
    for (std::string cell; std::getline(ls, cell, ',');) cells.push_back(cell);
    rows.push_back(cells);
  }
  std::string out = "{";
  for (size_t c = 0; c < rows[0].size(); ++c) {
    out += (c ? ",\"" : "\"") + rows[0][c] + "\":[";
    for (size_t r = 1; r < rows.size(); ++r) {
      const std::string& v = rows[r][c];
      char* end = nullptr;
      std::strtod(v.c_str(), &end);
      bool number = !v.empty() && end && *end == '\0';
      out += (r > 1 ? "," : "") + (number ? v : "\"" + v + "\"");
    }
    out += "]";
  }
  return out + "}";
}

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

/// CPU seconds of the calling thread (small updates run inline on it): less
/// noisy than wall time on a shared machine.
double thread_cpu_seconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

/// Per batch: update, then every view refreshes and cuts its first 50 rows.
/// Prints p50 / p99 / max and rows/s under `label`.
void run_batches(const char* label, const TablePtr& t, const std::vector<std::string>& batches,
                 const std::vector<View*>& views) {
  WindowSpec w;
  w.end_row = 50;
  std::vector<double> lat;
  auto t0 = std::chrono::steady_clock::now();
  for (auto& csv : batches) {
    auto a = std::chrono::steady_clock::now();
    t->update(load_csv(csv, &t->schema()));
    for (View* v : views) Frame f = v->frame(w);
    auto b = std::chrono::steady_clock::now();
    lat.push_back(std::chrono::duration<double, std::milli>(b - a).count());
  }
  double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::sort(lat.begin(), lat.end());
  auto q = [&](double p) { return lat[std::min(lat.size() - 1, size_t(p * double(lat.size())))]; };
  std::printf("%s: %zu batches, p50 %.3f ms, p99 %.3f ms, max %.3f ms, %.0f rows/s\n", label, lat.size(), q(0.5),
              q(0.99), lat.back(), double(lat.size()) * 100 / total);
  std::fflush(stdout);
}

}  // namespace

TEST(StreamBenchmark, DISABLED_TradesTwoLiveViews) {
  const char* dir = std::getenv("PARALLAX_BENCH_DIR");
  if (!dir) GTEST_SKIP() << "PARALLAX_BENCH_DIR not set";
  TablePtr t = trades_table(dir);
  std::vector<std::string> batches = update_batches(dir);
  View v1(t, ViewConfig::parse_json(R"({"group_by":["symbol"],"columns":["notional"],"aggregates":{"notional":"sum"}})"));
  View v2(t, ViewConfig::parse_json(R"({"group_by":["venue","trader"],"split_by":["side"],"columns":["qty","notional"]})"));
  WindowSpec w;
  w.end_row = 50;
  const int passes = std::getenv("PARALLAX_BENCH_PASSES") ? std::atoi(std::getenv("PARALLAX_BENCH_PASSES")) : 1;
  const std::vector<std::string> one_pass = batches;
  for (int p = 1; p < passes; ++p) batches.insert(batches.end(), one_pass.begin(), one_pass.end());
  std::vector<double> lat;
  auto t0 = std::chrono::steady_clock::now();
  for (auto& csv : batches) {
    auto a = std::chrono::steady_clock::now();
    t->update(load_csv(csv, &t->schema()));
    Frame f1 = v1.frame(w);
    Frame f2 = v2.frame(w);
    auto b = std::chrono::steady_clock::now();
    lat.push_back(std::chrono::duration<double, std::milli>(b - a).count());
  }
  double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::sort(lat.begin(), lat.end());
  auto q = [&](double p) { return lat[std::min(lat.size() - 1, size_t(p * double(lat.size())))]; };
  std::printf("stream: %zu batches, p50 %.3f ms, p99 %.3f ms, max %.3f ms, %.0f rows/s\n", lat.size(), q(0.5),
              q(0.99), lat.back(), double(lat.size()) * 100 / total);
}

// Sustained ingest as StreamBench's poll loop, engine level: 100-row updates
// back to back, both views refreshed and cut every 10 updates, timed in phases
// (parse, upsert, views). PARALLAX_BENCH_GROUP=g sends g batches per update and
// refreshes every max(1, 10 / g) updates (g = 100: StreamBench's 10,000-row updates).
// PARALLAX_BENCH_GENERAL=1 parses before taking the lock (no direct interning);
// PARALLAX_BENCH_FORMAT=columns sends the same rows as JSON columns instead.
TEST(StreamBenchmark, DISABLED_IngestPoll10) {
  const char* dir = std::getenv("PARALLAX_BENCH_DIR");
  if (!dir) GTEST_SKIP() << "PARALLAX_BENCH_DIR not set";
  TablePtr t = trades_table(dir);
  const size_t group = std::getenv("PARALLAX_BENCH_GROUP") ? std::stoul(std::getenv("PARALLAX_BENCH_GROUP")) : 1;
  const size_t poll_every = std::max<size_t>(1, 10 / group);
  const bool general = std::getenv("PARALLAX_BENCH_GENERAL") != nullptr;
  const bool json = std::getenv("PARALLAX_BENCH_FORMAT") && std::string(std::getenv("PARALLAX_BENCH_FORMAT")) == "columns";
  std::vector<std::string> batches;
  size_t in_last = group, rows_total = 0;  // in_last: batches merged into batches.back()
  for (const std::string& b : update_batches(dir)) {
    rows_total += size_t(std::count(b.begin(), b.end(), '\n')) - 1;
    if (in_last == group) {
      batches.push_back(b);
      in_last = 1;
    } else {
      batches.back() += b.substr(b.find('\n') + 1);  // its rows, without the header
      ++in_last;
    }
  }
  View v1(t, ViewConfig::parse_json(R"({"group_by":["symbol"],"columns":["notional"],"aggregates":{"notional":"sum"}})"));
  View v2(t, ViewConfig::parse_json(R"({"group_by":["venue","trader"],"split_by":["side"],"columns":["qty","notional"]})"));
  WindowSpec w;
  w.end_row = 50;
  v1.frame(w);
  v2.frame(w);
  const int passes = std::getenv("PARALLAX_BENCH_PASSES") ? std::atoi(std::getenv("PARALLAX_BENCH_PASSES")) : 3;
  const double rows = double(rows_total);
  if (json)
    for (std::string& b : batches) b = csv_to_json_columns(b);
  for (int pass = 0; pass < passes; ++pass) {
    auto t0 = std::chrono::steady_clock::now();
    const double cpu0 = thread_cpu_seconds();
    double parse = 0, upsert = 0;
    for (size_t i = 0; i < batches.size(); ++i) {
      // As px_table_update_text: small CSV parses under the table's lock,
      // straight into its dictionaries.
      auto a = std::chrono::steady_clock::now();
      t->update_loaded([&](const SchemaDicts& dicts) {
        Batch b = json ? load_text(batches[i], TextFormat::JsonColumns, &t->schema())
                       : load_csv(batches[i], &t->schema(), general ? nullptr : &dicts);
        parse += seconds_since(a);
        return b;
      });
      upsert += seconds_since(a);
      if (i % poll_every == poll_every - 1) {
        v1.frame(w);
        v2.frame(w);
      }
    }
    double total = seconds_since(t0), cpu = thread_cpu_seconds() - cpu0;
    upsert -= parse;
    std::printf("ingest poll10: %.0f rows/s, %.0f rows per CPU second (parse %.2f us/row, upsert %.2f us/row, "
                "views %.2f us/row)\n",
                rows / total, rows / cpu, parse / rows * 1e6, upsert / rows * 1e6, (total - parse - upsert) / rows * 1e6);
  }
}

namespace {

/// Each config alone on a fresh trades table: replaying the journal against
/// recomputing every refresh. PARALLAX_BENCH_ONLY: run the configs containing
/// this text; PARALLAX_BENCH_BATCHES caps the batches.
void replay_vs_recompute(const char* dir, const std::vector<const char*>& configs) {
  const char* only = std::getenv("PARALLAX_BENCH_ONLY");
  const std::vector<std::string> all = update_batches(dir);
  for (const char* cfg : configs) {
    if (only && !std::strstr(cfg, only)) continue;
    for (bool incremental : {true, false}) {
      TablePtr t = trades_table(dir);
      View v(t, ViewConfig::parse_json(cfg));
      v.set_incremental(incremental);
      // Every refresh recomputing: 100 batches suffice.
      size_t cap = incremental ? all.size() : 100;
      if (const char* b = std::getenv("PARALLAX_BENCH_BATCHES")) cap = std::min(cap, size_t(std::atoi(b)));
      std::vector<std::string> batches(all.begin(), all.begin() + long(std::min(cap, all.size())));
      std::printf("%s\n", cfg);
      run_batches(incremental ? "  replay   " : "  recompute", t, batches, {&v});
    }
  }
}

}  // namespace

// Views whose aggregates cannot retract (touched cells recomputed from their
// rows) and a sorted flat view (changes merged into the kept order).
TEST(StreamBenchmark, DISABLED_NonRetractableAggregates) {
  const char* dir = std::getenv("PARALLAX_BENCH_DIR");
  if (!dir) GTEST_SKIP() << "PARALLAX_BENCH_DIR not set";
  replay_vs_recompute(
      dir, {
               R"({"group_by":["symbol"],"columns":["price","notional"],"aggregates":{"price":"max","notional":"min"}})",
               R"({"group_by":["venue","trader"],"columns":["price","qty"],"aggregates":{"price":"median","qty":"last"}})",
               R"({"group_by":["trader"],"split_by":["side"],"columns":["price","venue"],"aggregates":{"price":"first","venue":"distinct count"}})",
               R"({"columns":["id","symbol","price"],"sort":[["price","desc"]]})",
           });
}

// Split-only views (one output row per table row): the touched rows merged
// into the kept selection, row order and column leaves.
TEST(StreamBenchmark, DISABLED_SplitOnlyViews) {
  const char* dir = std::getenv("PARALLAX_BENCH_DIR");
  if (!dir) GTEST_SKIP() << "PARALLAX_BENCH_DIR not set";
  replay_vs_recompute(dir, {
                               R"({"split_by":["side"],"columns":["price","qty"]})",
                               R"({"split_by":["side"],"columns":["price","qty"],"sort":[["price","desc"]]})",
                               R"({"split_by":["side"],"columns":["price","qty"],"filter":[["venue","==","NYSE"]],"sort":[["price","desc"]]})",
                               R"({"split_by":["venue","side"],"columns":["price"],"sort":[["qty","col desc"]]})",
                           });
}
