// Engine-level streaming benchmark (disabled by default; not a test): the
// trades table indexed by id with the two live views of issue 4, then the
// 1,000 update batches of updates.csv; per batch, the time from update() until
// both views have refreshed and cut their first 50 rows. Run with
//   PARALLAX_BENCH_DIR=/path/to/bench/data parallax_tests \
//     --gtest_also_run_disabled_tests --gtest_filter='StreamBenchmark.*'
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "parallax/load/csv_loader.h"
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

/// The 1M-row trades table indexed by id, and the update batches of
/// updates.csv (the trades columns plus a trailing batch number).
struct StreamData {
  TablePtr table;
  std::vector<std::string> batches;
};

StreamData load_stream(const char* dir) {
  StreamData d;
  TableOptions opts;
  opts.index = "id";
  d.table = Table::from_batch(load_csv(slurp(std::string(dir) + "/trades_1000000.csv"), nullptr), opts);
  std::string upd = slurp(std::string(dir) + "/updates.csv");
  size_t nl = upd.find('\n');
  std::string header = upd.substr(0, upd.rfind(',', nl)) + "\n";
  for (size_t p = nl + 1; p < upd.size();) {
    size_t e = upd.find('\n', p);
    if (e == std::string::npos) e = upd.size();
    std::string line = upd.substr(p, e - p);
    size_t cut = line.rfind(',');
    size_t b = std::stoul(line.substr(cut + 1));
    if (d.batches.size() <= b) d.batches.resize(b + 1, header);
    d.batches[b] += line.substr(0, cut) + "\n";
    p = e + 1;
  }
  return d;
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
  StreamData d = load_stream(dir);
  View v1(d.table, ViewConfig::parse_json(R"({"group_by":["symbol"],"columns":["notional"],"aggregates":{"notional":"sum"}})"));
  View v2(d.table, ViewConfig::parse_json(R"({"group_by":["venue","trader"],"split_by":["side"],"columns":["qty","notional"]})"));
  const int passes = std::getenv("PARALLAX_BENCH_PASSES") ? std::atoi(std::getenv("PARALLAX_BENCH_PASSES")) : 1;
  std::vector<std::string> batches;
  for (int p = 0; p < passes; ++p) batches.insert(batches.end(), d.batches.begin(), d.batches.end());
  run_batches("stream", d.table, batches, {&v1, &v2});
}

// Views whose aggregates cannot retract (touched cells recomputed from their
// rows) and a sorted flat view (changes merged into the kept order): replaying
// against recomputing every refresh, on fresh tables. PARALLAX_BENCH_ONLY: run
// the configs containing this text.
TEST(StreamBenchmark, DISABLED_NonRetractableAggregates) {
  const char* dir = std::getenv("PARALLAX_BENCH_DIR");
  if (!dir) GTEST_SKIP() << "PARALLAX_BENCH_DIR not set";
  const char* configs[] = {
      R"({"group_by":["symbol"],"columns":["price","notional"],"aggregates":{"price":"max","notional":"min"}})",
      R"({"group_by":["venue","trader"],"columns":["price","qty"],"aggregates":{"price":"median","qty":"last"}})",
      R"({"group_by":["trader"],"split_by":["side"],"columns":["price","venue"],"aggregates":{"price":"first","venue":"distinct count"}})",
      R"({"columns":["id","symbol","price"],"sort":[["price","desc"]]})",
  };
  const char* only = std::getenv("PARALLAX_BENCH_ONLY");
  for (const char* cfg : configs) {
    if (only && !std::strstr(cfg, only)) continue;
    for (bool incremental : {true, false}) {
      StreamData d = load_stream(dir);
      View v(d.table, ViewConfig::parse_json(cfg));
      v.set_incremental(incremental);
      std::vector<std::string> batches = d.batches;
      // Every refresh recomputing: 100 batches suffice (PARALLAX_BENCH_BATCHES caps both).
      size_t cap = incremental ? batches.size() : 100;
      if (const char* b = std::getenv("PARALLAX_BENCH_BATCHES")) cap = std::min(cap, size_t(std::atoi(b)));
      batches.resize(std::min(cap, batches.size()));
      std::printf("%s\n", cfg);
      run_batches(incremental ? "  replay   " : "  recompute", d.table, batches, {&v});
    }
  }
}
