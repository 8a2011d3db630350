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

}  // namespace

TEST(StreamBenchmark, DISABLED_TradesTwoLiveViews) {
  const char* dir = std::getenv("PARALLAX_BENCH_DIR");
  if (!dir) GTEST_SKIP() << "PARALLAX_BENCH_DIR not set";
  std::string base = slurp(std::string(dir) + "/trades_1000000.csv");
  TableOptions opts;
  opts.index = "id";
  TablePtr t = Table::from_batch(load_csv(base, nullptr), opts);
  // updates.csv: the trades columns plus a trailing batch number.
  std::string upd = slurp(std::string(dir) + "/updates.csv");
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
